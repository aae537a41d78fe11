"""Checks for the exercise “Email the user when a sign-in comes from a new IP”."""

import pytest
from django.contrib.auth import get_user_model
from django.core import serializers
from django.db import transaction
from django.test import Client
from django.urls import reverse

from profiles.models import LoginEvent

pytestmark = pytest.mark.django_db(transaction=True)
User = get_user_model()
PASSWORD = "exercise-4-password"


class Rollback(Exception):
    pass


@pytest.fixture
def alice(mailoutbox):
    user = User.objects.create_user("alice", "alice@example.com", PASSWORD)
    mailoutbox.clear()  # the polls app's welcome email is not what we check
    return user


def sign_in(ip, password=PASSWORD, username="alice"):
    return Client().post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_a_sign_in_from_a_new_ip_emails_the_user(alice, mailoutbox):
    sign_in("192.0.2.1")
    sign_in("203.0.113.77")
    assert len(mailoutbox) == 1, (
        f"alice signed in from 192.0.2.1, then from 203.0.113.77: expected one email, "
        f"got {len(mailoutbox)}."
    )
    email = mailoutbox[0]
    assert email.to == ["alice@example.com"], f"Send it to the user, not {email.to}."
    assert email.subject == "New sign-in to your account", f"Subject was {email.subject!r}."
    assert "203.0.113.77" in email.body, "Say in the body which IP the sign-in came from."


def test_the_first_sign_in_ever_sends_nothing(alice, mailoutbox):
    sign_in("192.0.2.1")
    assert mailoutbox == [], "A first sign-in has nothing to compare with: no email."


def test_a_known_ip_sends_nothing(alice, mailoutbox):
    sign_in("192.0.2.1")
    sign_in("203.0.113.77")
    mailoutbox.clear()
    sign_in("192.0.2.1")
    sign_in("203.0.113.77")
    assert mailoutbox == [], "alice has signed in from both addresses before: no email."


def test_failed_attempts_send_nothing(alice, mailoutbox):
    sign_in("192.0.2.1")
    sign_in("203.0.113.77", password="wrong")
    assert mailoutbox == [], "Only successful sign-ins (kind 'login') count."


def test_a_user_without_an_email_gets_nothing_and_nothing_breaks(mailoutbox):
    User.objects.create_user("alice", "", PASSWORD)
    sign_in("192.0.2.1")
    response = sign_in("203.0.113.77")
    assert response.status_code == 302, "The sign-in must still work."
    assert mailoutbox == [], "No email address, no email."


def test_nothing_is_sent_before_the_commit(alice, mailoutbox):
    sign_in("192.0.2.1")
    with transaction.atomic():
        LoginEvent.objects.create(kind="login", user=alice, username="alice", ip="203.0.113.9")
        assert mailoutbox == [], "The email went out before the transaction committed."
    assert len(mailoutbox) == 1, "After the commit, the email should have gone."


def test_a_rolled_back_sign_in_sends_nothing(alice, mailoutbox):
    sign_in("192.0.2.1")
    with pytest.raises(Rollback), transaction.atomic():
        LoginEvent.objects.create(kind="login", user=alice, username="alice", ip="203.0.113.9")
        raise Rollback
    assert mailoutbox == [], "A rolled-back sign-in must not be announced."


def test_a_fixture_load_sends_nothing(alice, mailoutbox):
    sign_in("192.0.2.1")
    data = (
        '[{"model": "profiles.loginevent", "pk": 900, "fields": {"kind": "login", '
        f'"user": {alice.pk}, "username": "alice", "ip": "203.0.113.99", '
        '"user_agent": "", "at": "2026-01-01T00:00:00Z"}}]'
    )
    for obj in serializers.deserialize("json", data):
        obj.save()  # a raw save, as `loaddata` does
    assert mailoutbox == [], "Rows loaded from a fixture (raw=True) must not send email."
