"""Unit tests for the plain functions: client_ip, username_key, locked_until."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from profiles import cookbook
from profiles.models import LoginEvent, Profile
from profiles.services import client_ip, locked_until, username_key

User = get_user_model()


def request(remote_addr="192.0.2.1", forwarded=None):
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


@pytest.mark.parametrize(
    ("proxies", "remote_addr", "forwarded", "expected"),
    [
        (0, "192.0.2.1", None, "192.0.2.1"),
        (0, "192.0.2.1", "203.0.113.5", "192.0.2.1"),  # header ignored without proxies
        (0, "2001:db8::1", None, "2001:db8::1"),
        (0, "not-an-ip", None, None),
        (0, "", None, None),
        (1, "10.0.0.1", "6.6.6.6, 203.0.113.5", "203.0.113.5"),
        (2, "10.0.0.1", "6.6.6.6, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        (2, "10.0.0.1", "203.0.113.5", "10.0.0.1"),  # fewer hops than proxies: REMOTE_ADDR
        (1, "10.0.0.1", "garbage", None),
        (1, "10.0.0.1", "", "10.0.0.1"),
    ],
)
def test_client_ip(settings, proxies, remote_addr, forwarded, expected):
    settings.PROFILES_TRUSTED_PROXY_COUNT = proxies
    assert client_ip(request(remote_addr, forwarded)) == expected


def test_client_ip_without_a_request():
    assert client_ip(None) is None


@pytest.mark.parametrize(
    ("typed", "key"),
    [("Alice", "alice"), ("  ALICE ", "alice"), ("ｱﾘｽ", "アリス"), ("a\x00b", "ab"), (None, "")],
)
def test_username_key(typed, key):
    assert username_key(typed) == key


def test_username_key_is_cut_to_the_column_length():
    assert len(username_key("x" * 1000)) == 150


@pytest.mark.django_db
def test_locked_until_is_the_oldest_counted_failure_plus_the_window(settings):
    settings.PROFILES_LOCKOUT_ATTEMPTS = 3
    settings.PROFILES_LOCKOUT_WINDOW_SECONDS = 600
    now = timezone.now()
    for minutes in (20, 8, 5, 2, 1):  # the one 20 minutes ago is outside the window
        LoginEvent.objects.create(
            kind="failed", username="alice", ip="192.0.2.1", at=now - timedelta(minutes=minutes)
        )
    assert locked_until("alice", "192.0.2.1", now=now) == now - timedelta(minutes=5) + timedelta(
        seconds=600
    )
    assert locked_until("alice", "192.0.2.2", now=now) is None


@pytest.mark.django_db
def test_a_limit_of_zero_disables_the_lock_out(settings):
    settings.PROFILES_LOCKOUT_ATTEMPTS = 0
    LoginEvent.objects.create(kind="failed", username="alice", ip="192.0.2.1")
    assert locked_until("alice", "192.0.2.1") is None


@pytest.mark.django_db
def test_seed_demo_adds_history_once():
    for name in ("admin", "alice", "bob"):
        User.objects.create_user(name)
    Profile.objects.filter(user__username="bob").delete()  # as if bob predated the app
    out = io.StringIO()
    cookbook.seed_demo(out)
    cookbook.seed_demo(out)
    assert LoginEvent.objects.count() == len(cookbook.DEMO_HISTORY)
    assert Profile.objects.count() == 3
    assert Profile.objects.get(user__username="alice").bio == cookbook.DEMO_BIOS["alice"]
    assert LoginEvent.objects.filter(username="alice", kind="failed").count() == 2


@pytest.mark.django_db
def test_the_home_page_shows_the_profiles_cards(client):
    content = client.get(reverse("home")).content.decode()
    assert "A profile for every user" in content and "Login history and lock-out" in content
    assert f'href="{reverse("profiles:signup")}"' in content
