"""Test-only models for the pitfalls chapter: tables are made per test."""

from django.db import models
from django.test.utils import isolate_apps

with isolate_apps("signals_lab"):

    class Member(models.Model):
        name = models.CharField(max_length=50)

        class Meta:
            app_label = "signals_lab"

        def __str__(self):
            return self.name

    class MemberProfile(models.Model):
        member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="profile")
        bio = models.TextField(blank=True)

        class Meta:
            app_label = "signals_lab"

        def __str__(self):
            return f"profile of {self.member_id}"

    class Counter(models.Model):
        count = models.IntegerField(default=0)

        class Meta:
            app_label = "signals_lab"

        def __str__(self):
            return str(self.count)


MODELS = (Member, MemberProfile, Counter)
