"""Checks for the exercise “Remember the last sign-in IP on the profile”."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from profiles.models import Profile

pytestmark = pytest.mark.django_db
User = get_user_model()
PASSWORD = "exercise-3-password"


@pytest.fixture
def alice():
    return User.objects.create_user("alice", "alice@example.com", PASSWORD)


def sign_in(client, ip, **headers):
    response = client.post(
        reverse("login"), {"username": "alice", "password": PASSWORD}, REMOTE_ADDR=ip, **headers
    )
    assert response.status_code == 302, "The sign-in itself should still work."


def last_ip():
    return Profile.objects.get(user__username="alice").last_login_ip


def test_a_sign_in_stores_the_ip(client, alice):
    sign_in(client, "192.0.2.33")
    assert last_ip() == "192.0.2.33", (
        "After alice signed in from 192.0.2.33, her profile's last_login_ip should be "
        f"'192.0.2.33', but it is {last_ip()!r}. Is your receiver connected to user_logged_in?"
    )


def test_the_next_sign_in_replaces_it(client, alice):
    sign_in(client, "192.0.2.33")
    client.logout()
    sign_in(client, "2001:db8::7")
    assert last_ip() == "2001:db8::7", "Each sign-in should overwrite the last IP."


def test_only_the_ip_column_is_written(client, alice):
    table = Profile._meta.db_table
    with CaptureQueriesContext(connection) as queries:
        sign_in(client, "192.0.2.33")
    writes = [
        q["sql"] for q in queries.captured_queries if q["sql"].startswith(f'UPDATE "{table}"')
    ]
    assert writes, f"No UPDATE of {table} ran during the sign-in: is the receiver connected?"
    for sql in writes:
        set_clause = sql.split(" SET ", 1)[1].split(" WHERE ", 1)[0]
        columns = sorted(set(re.findall(r'"(\w+)" =', set_clause)))
        assert columns == ["last_login_ip"], (
            f"The sign-in rewrote the columns {columns} of the profile, expected only "
            "['last_login_ip']. A full profile.save() writes back every field from this "
            "instance, undoing a change another request made meanwhile: use "
            f"profile.save(update_fields=['last_login_ip']). SQL: {sql}"
        )


def test_a_spoofed_x_forwarded_for_is_ignored(client, alice):
    sign_in(client, "192.0.2.33", HTTP_X_FORWARDED_FOR="10.6.6.6")
    assert last_ip() == "192.0.2.33", (
        "Read the address with profiles.services.client_ip(request): without a trusted "
        "proxy, X-Forwarded-For is whatever the client says."
    )


def test_a_user_without_a_profile_can_sign_in(client):
    User.objects.bulk_create([User(username="alice")])  # no post_save: no profile
    user = User.objects.get(username="alice")
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    sign_in(client, "192.0.2.44")
    assert last_ip() == "192.0.2.44", (
        "A user made by bulk_create has no profile; use profiles.services.get_profile(user)."
    )


def test_a_signal_without_a_request_changes_nothing(alice):
    Profile.objects.filter(user=alice).update(last_login_ip="192.0.2.1")
    user_logged_in.send(sender=User, request=None, user=alice)
    assert last_ip() == "192.0.2.1", "With request=None there is no address: leave it alone."
