"""A profile for every user: post_save, raw, get_or_create, and what skips signals."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.db.models.signals import post_save

from profiles import services
from profiles.models import Profile
from profiles.signals import create_profile

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_a_new_user_gets_a_profile():
    user = User.objects.create_user("carol", password="x-signals-1")
    assert Profile.objects.filter(user=user).count() == 1
    assert user.profile.time_zone == "UTC"


def test_saving_the_user_again_makes_no_second_profile():
    user = User.objects.create_user("carol")
    user.first_name = "Carol"
    user.save()
    assert Profile.objects.filter(user=user).count() == 1


def test_the_receiver_is_idempotent():
    user = User.objects.create_user("carol")
    create_profile(sender=User, instance=user, created=True)
    create_profile(sender=User, instance=user, created=True)
    assert Profile.objects.filter(user=user).count() == 1


def test_connecting_again_with_the_same_dispatch_uid_adds_nothing():
    before = len(post_save.receivers)
    post_save.connect(create_profile, sender=User, dispatch_uid="profiles.create_profile")
    assert len(post_save.receivers) == before


def test_a_fixture_load_is_left_alone():
    # loaddata saves with raw=True; the fixture brings its own profile row.
    data = """[
      {"model": "auth.user", "pk": 500, "fields": {"username": "fixture-user", "password": "!",
       "date_joined": "2026-01-01T00:00:00Z"}},
      {"model": "profiles.profile", "pk": 500, "fields": {"user": 500, "bio": "from a fixture",
       "time_zone": "Europe/Paris", "created_at": "2026-01-01T00:00:00Z"}}
    ]"""
    for obj in serializers.deserialize("json", data):
        obj.save()
    profile = Profile.objects.get(user_id=500)
    assert (profile.pk, profile.bio) == (500, "from a fixture")


def test_bulk_create_sends_no_signal_and_get_profile_fills_the_gap():
    (user,) = User.objects.bulk_create([User(username="bulk")])
    user = User.objects.get(username="bulk")
    assert not Profile.objects.filter(user=user).exists()
    profile = services.get_profile(user)
    assert profile.user_id == user.pk
    assert services.get_profile(user) == profile  # no second one


def test_update_sends_no_signal_either():
    user = User.objects.create_user("carol")
    Profile.objects.filter(user=user).delete()
    User.objects.filter(pk=user.pk).update(first_name="Carol")
    assert not Profile.objects.filter(user=user).exists()


def test_saving_a_user_without_a_profile_does_not_crash():
    (user,) = User.objects.bulk_create([User(username="old-timer")])
    user = User.objects.get(username="old-timer")
    user.first_name = "Old"
    user.save()  # our receiver never touches user.profile on an update
    assert not Profile.objects.filter(user=user).exists()


def test_the_data_migration_gives_old_users_a_profile():
    migration = importlib.import_module("profiles.migrations.0002_backfill_profiles")
    User.objects.bulk_create([User(username=f"old-{n}") for n in range(3)])
    with_profile = User.objects.create_user("has-one")
    migration.backfill_profiles(apps, schema_editor=None)
    assert Profile.objects.count() == User.objects.count() == 4
    assert Profile.objects.filter(user=with_profile).count() == 1
    migration.backfill_profiles(apps, schema_editor=None)  # running it again adds nothing
    assert Profile.objects.count() == 4


def test_deleting_the_user_deletes_the_profile():
    user = User.objects.create_user("carol")
    user.delete()
    assert Profile.objects.count() == 0
