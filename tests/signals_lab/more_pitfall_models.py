"""Test-only models for the rest of the pitfalls and for change detection.

Tables are made per test (the `temporary_tables` fixture), in their own registry.
"""

import uuid

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.test.utils import isolate_apps
from django_lifecycle import AFTER_UPDATE, LifecycleModelMixin, hook
from model_utils import FieldTracker

STATUSES = [("paid", "Paid"), ("shipped", "Shipped")]

with isolate_apps("signals_lab"):

    class Gadget(models.Model):
        """A model with a UUID primary key, as many projects use."""

        id = models.UUIDField(primary_key=True, default=uuid.uuid4)
        name = models.CharField(max_length=50)

        class Meta:
            app_label = "signals_lab"

        def __str__(self):
            return self.name

    # --8<-- [start:integer_key_log]
    class TutorialAuditLog(models.Model):
        content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
        object_id = models.PositiveIntegerField()  # the tutorial's key: integers only
        content_object = GenericForeignKey("content_type", "object_id")

        class Meta:
            app_label = "signals_lab"

        # --8<-- [end:integer_key_log]
        def __str__(self):
            return f"{self.content_type_id} {self.object_id}"

    # --8<-- [start:text_key_log]
    class TextKeyAuditLog(models.Model):
        content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
        object_id = models.CharField(max_length=64)  # any key, as text
        content_object = GenericForeignKey("content_type", "object_id")

        class Meta:
            app_label = "signals_lab"

        # --8<-- [end:text_key_log]
        def __str__(self):
            return f"{self.content_type_id} {self.object_id}"

    class PlainOrder(models.Model):
        """The seeds' Order: no tracker attribute, whatever the receiver assumes."""

        status = models.CharField(max_length=10, choices=STATUSES, default="paid")

        class Meta:
            app_label = "signals_lab"

        def __str__(self):
            return self.status

    # --8<-- [start:field_tracker]
    class TrackedOrder(models.Model):
        status = models.CharField(max_length=10, choices=STATUSES, default="paid")
        tracker = FieldTracker(fields=["status"])  # django-model-utils

        class Meta:
            app_label = "signals_lab"

        # --8<-- [end:field_tracker]
        def __str__(self):
            return self.status

    # --8<-- [start:lifecycle]
    class LifecycleOrder(LifecycleModelMixin, models.Model):
        status = models.CharField(max_length=10, choices=STATUSES, default="paid")
        announced = []  # what the hook did, for the test to read

        class Meta:
            app_label = "signals_lab"

        def __str__(self):
            return self.status

        @hook(AFTER_UPDATE, when="status", has_changed=True, on_commit=True)
        def announce_status(self):
            self.announced.append((self.initial_value("status"), self.status))

    # --8<-- [end:lifecycle]
