"""The source articles' profile receivers, shown failing, and the fix.

These listings are the wrong way on purpose: each test connects them only for
its own duration and proves what goes wrong.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core import serializers
from django.db import IntegrityError, transaction
from django.db.models.signals import post_save
from django.urls import reverse

from profiles import services
from profiles.models import Profile

pytestmark = pytest.mark.django_db
User = get_user_model()


# --8<-- [start:articles_receivers]
def create_user_profile(sender, instance, created, **kwargs):
    if created:
        Profile.objects.create(user=instance)


def save_user_profile(sender, instance, **kwargs):
    instance.profile.save()


# --8<-- [end:articles_receivers]


# --8<-- [start:crash]
def test_the_articles_save_receiver_crashes_for_a_user_without_a_profile():
    # No post_save, so no profile:
    (user,) = User.objects.bulk_create([User(username="bulk")])
    user = User.objects.get(pk=user.pk)
    post_save.connect(save_user_profile, sender=User, dispatch_uid="test.articles.save")
    try:
        user.first_name = "Bulk"
        with pytest.raises(User.profile.RelatedObjectDoesNotExist):
            user.save()  # any later save of that user, e.g. the admin's, fails
    finally:
        post_save.disconnect(sender=User, dispatch_uid="test.articles.save")


def test_with_it_such_a_user_cannot_even_log_in(client):
    (user,) = User.objects.bulk_create([User(username="bulk")])
    user = User.objects.get(pk=user.pk)
    user.set_password("bulk-signals-pass")
    User.objects.filter(pk=user.pk).update(password=user.password)
    post_save.connect(save_user_profile, sender=User, dispatch_uid="test.articles.save")
    try:
        # login() saves last_login, which sends post_save, which reads user.profile.
        with pytest.raises(User.profile.RelatedObjectDoesNotExist):
            credentials = {"username": "bulk", "password": "bulk-signals-pass"}
            client.post(reverse("login"), credentials)
    finally:
        post_save.disconnect(sender=User, dispatch_uid="test.articles.save")


def test_the_fix_saves_and_reads_the_profile_safely():
    (user,) = User.objects.bulk_create([User(username="bulk")])
    user = User.objects.get(pk=user.pk)
    user.first_name = "Bulk"
    user.save()  # our receiver ignores updates
    assert services.get_profile(user).user_id == user.pk  # made on first use


# --8<-- [end:crash]


# --8<-- [start:raw]
def test_the_articles_create_receiver_breaks_loading_a_fixture():
    data = (
        '[{"model": "auth.user", "pk": 700, "fields": {"username": "fixture-user",'
        ' "password": "!", "date_joined": "2026-01-01T00:00:00Z"}},'
        ' {"model": "profiles.profile", "pk": 700, "fields": {"user": 700,'
        ' "time_zone": "UTC", "created_at": "2026-01-01T00:00:00Z"}}]'
    )
    post_save.connect(
        create_user_profile,
        sender=User,
        dispatch_uid="test.articles.create",
    )
    try:
        # The receiver ignores `raw` and makes a profile for the fixture's user;
        # the fixture's own profile row for that user then breaks the one-to-one.
        with pytest.raises(IntegrityError), transaction.atomic():
            for obj in serializers.deserialize("json", data):
                obj.save()
    finally:
        post_save.disconnect(sender=User, dispatch_uid="test.articles.create")


# --8<-- [end:raw]
