"""The three auth signals write the login history; no credential is ever kept."""

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.signals import user_logged_out
from django.urls import reverse

from profiles.models import LoginEvent

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_a_login_is_recorded_with_ip_and_user_agent(attempt, alice):
    attempt("alice", PASSWORD, ip="192.0.2.5")
    event = LoginEvent.objects.get()
    assert (event.kind, event.user, event.username) == ("login", alice, "alice")
    assert (event.ip, event.user_agent) == ("192.0.2.5", "pytest-browser/1.0")


def test_a_logout_is_recorded(client, alice):
    client.force_login(alice)  # force_login sends user_logged_in too
    client.post(reverse("logout"))
    kinds = list(LoginEvent.objects.values_list("kind", "user"))
    assert kinds == [("logout", alice.pk), ("login", alice.pk)]


def test_logging_out_when_not_logged_in_records_nothing(client):
    client.post(reverse("logout"))
    assert not LoginEvent.objects.exists()


def test_a_manual_logout_signal_without_a_request_is_fine(alice):
    user_logged_out.send(sender=User, request=None, user=alice)
    event = LoginEvent.objects.get()
    assert (event.kind, event.ip, event.user_agent) == ("logout", None, "")


def test_a_failure_keeps_the_username_and_never_the_password(attempt, alice):
    secret = "hunter2-my-real-password"
    attempt("alice", secret)
    event = LoginEvent.objects.get()
    assert (event.kind, event.username, event.user) == ("failed", "alice", None)
    values = [str(value) for value in LoginEvent.objects.values().get().values()]
    assert not any(secret in value or "****" in value for value in values)


def test_a_failure_for_an_unknown_username_is_recorded_the_same_way(attempt):
    attempt("nobody-by-this-name")
    event = LoginEvent.objects.get()
    assert (event.kind, event.username, event.user) == ("failed", "nobody-by-this-name", None)


def test_authenticate_without_a_request_records_no_ip(alice):
    assert authenticate(username="alice", password="wrong") is None
    event = LoginEvent.objects.get()
    assert (event.kind, event.username, event.ip) == ("failed", "alice", None)


def test_other_credentials_are_never_stored(alice):
    # Credentials other than the username (an API key, say) must not leak in.
    authenticate(username="alice", password="wrong", api_key="key-123", otp="654321")
    values = [str(value) for value in LoginEvent.objects.values().get().values()]
    assert not any("key-123" in value or "654321" in value for value in values)


def test_usernames_are_stored_normalised(attempt):
    attempt("  Alice  ")
    assert LoginEvent.objects.get().username == "alice"


def test_an_overlong_user_agent_is_cut_not_an_error(attempt, alice):
    response = attempt("alice", PASSWORD, HTTP_USER_AGENT="A" * 5000)
    assert response.status_code == 302
    assert len(LoginEvent.objects.get().user_agent) == 300


def test_a_missing_or_invalid_remote_addr_is_stored_as_unknown(client, alice):
    client.post(reverse("login"), {"username": "alice", "password": "x"}, REMOTE_ADDR="bogus")
    assert LoginEvent.objects.get().ip is None


def test_the_profile_page_shows_recent_sign_ins(client, attempt, alice):
    attempt("alice", "wrong", ip="203.0.113.9")
    attempt("alice", PASSWORD, ip="192.0.2.5")
    content = client.get(reverse("profiles:me")).content.decode()
    assert "Recent sign-ins" in content
    assert "203.0.113.9" in content and "failed sign-in" in content
    assert "192.0.2.5" in content and "signed in" in content


def test_the_admin_lists_the_history_read_only(admin_client, attempt, alice):
    attempt("alice", "wrong", ip="203.0.113.9")
    response = admin_client.get(reverse("admin:profiles_loginevent_changelist"))
    assert response.status_code == 200
    assert b"203.0.113.9" in response.content
    event = LoginEvent.objects.get(ip="203.0.113.9")
    change = admin_client.post(
        reverse("admin:profiles_loginevent_change", args=[event.pk]), {"username": "edited"}
    )
    assert change.status_code == 403
    assert LoginEvent.objects.get(pk=event.pk).username == "alice"
    assert admin_client.get(reverse("admin:profiles_loginevent_add")).status_code == 403
