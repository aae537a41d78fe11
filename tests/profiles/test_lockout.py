"""Lock-out: N failures for one username from one IP within the window -> HTTP 429."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db.models import F
from django.test import Client
from django.urls import reverse

from profiles.models import LoginEvent

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db
User = get_user_model()


def fail(attempt, times, username="alice", **kwargs):
    for _ in range(times):
        response = attempt(username, **kwargs)
        assert response.status_code == 200, "a plain wrong password re-shows the form"


def age_history(minutes):
    LoginEvent.objects.update(at=F("at") - timedelta(minutes=minutes))


def test_five_failures_lock_the_sixth_attempt_out(attempt, alice):
    fail(attempt, 5)
    response = attempt("alice")
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert 1 <= int(response["Retry-After"]) <= 15 * 60


def test_four_failures_do_not(attempt, alice):
    fail(attempt, 4)
    assert attempt("alice", PASSWORD).status_code == 302


def test_the_right_password_is_refused_too_while_locked(attempt, client, alice):
    fail(attempt, 5)
    response = attempt("alice", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_refused_attempts_are_recorded_but_do_not_extend_the_lock(attempt, alice):
    fail(attempt, 5)
    attempt("alice")
    attempt("alice", PASSWORD)
    kinds = list(LoginEvent.objects.values_list("kind", flat=True))
    assert kinds.count("failed") == 5 and kinds.count("blocked") == 2
    age_history(16)
    assert attempt("alice", PASSWORD).status_code == 302


def test_the_lock_lifts_when_the_window_passes(attempt, alice):
    fail(attempt, 5)
    age_history(14)
    assert attempt("alice").status_code == 429
    age_history(2)
    assert attempt("alice", PASSWORD).status_code == 302


def test_a_success_resets_the_count(attempt, alice):
    fail(attempt, 4)
    assert attempt("alice", PASSWORD).status_code == 302
    fail(attempt, 4)
    assert attempt("alice", PASSWORD).status_code == 302


def test_the_answer_is_the_same_whether_or_not_the_user_exists(alice, settings):
    # The development-only trace block shows each request's own ids and timings.
    settings.SIGNALS_TRACE = False
    responses = {}
    for username in ("alice", "no-such-user"):
        client = Client()
        for _ in range(5):
            client.post(reverse("login"), {"username": username, "password": "x"})
        responses[username] = client.post(
            reverse("login"), {"username": username, "password": "x"}
        )
    known, unknown = responses["alice"], responses["no-such-user"]
    assert known.status_code == unknown.status_code == 429
    assert known.content == unknown.content


def test_another_ip_and_another_username_are_not_locked(attempt, alice):
    User.objects.create_user("bob", password=PASSWORD)
    fail(attempt, 5)
    assert attempt("alice", PASSWORD, ip="192.0.2.200").status_code == 302
    assert attempt("bob", PASSWORD).status_code == 302


def test_changing_the_case_of_the_username_does_not_dodge_it(attempt, alice):
    for username in ("alice", "Alice", "ALICE", "aLiCe", " alice"):
        attempt(username)
    assert attempt("alice", PASSWORD).status_code == 429


# --8<-- [start:spoofing]
def test_a_spoofed_x_forwarded_for_does_not_bypass_it(attempt, alice):
    for n in range(5):
        attempt("alice", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    response = attempt("alice", PASSWORD, HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert response.status_code == 429
    assert set(LoginEvent.objects.values_list("ip", flat=True)) == {"198.51.100.7"}


def test_behind_a_trusted_proxy_the_address_it_saw_counts(attempt, alice, settings):
    settings.PROFILES_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"  # every request arrives from our proxy
    for n in range(5):
        # The client may put anything on the left; the proxy appends what it saw.
        attempt("alice", ip=proxy, HTTP_X_FORWARDED_FOR=f"6.6.6.{n}, 203.0.113.50")
    locked = attempt("alice", PASSWORD, ip=proxy, HTTP_X_FORWARDED_FOR="203.0.113.50")
    assert locked.status_code == 429
    other_client = attempt(
        "alice",
        PASSWORD,
        ip=proxy,
        HTTP_X_FORWARDED_FOR="203.0.113.51",
    )
    assert other_client.status_code == 302
    assert LoginEvent.objects.filter(ip=proxy).count() == 0


# --8<-- [end:spoofing]


def test_the_limits_come_from_settings(attempt, alice, settings):
    settings.PROFILES_LOCKOUT_ATTEMPTS = 2
    settings.PROFILES_LOCKOUT_WINDOW_SECONDS = 60
    fail(attempt, 2)
    assert attempt("alice").status_code == 429
    age_history(2)
    assert attempt("alice", PASSWORD).status_code == 302


def test_the_admin_login_is_gated_too(client, alice):
    alice.is_staff = True
    alice.save()
    url = reverse("admin:login")
    for _ in range(5):
        client.post(url, {"username": "alice", "password": "x"})
    client.post(url, {"username": "alice", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert LoginEvent.objects.filter(kind="blocked").count() == 1


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({}, 400, "errorlist"),
        ({"username": "", "password": ""}, 400, "errorlist"),
        ({"username": "alice"}, 400, "errorlist"),
        ({"username": "x" * 5000, "password": "x"}, 400, "at most 150 characters"),
        # Odd but valid text, and a wrong password: the form, re-shown.
        ({"username": "ålïçé 名前 🙂", "password": "pässwörd"}, 200, "errorlist"),
        ({"username": "nul\x00", "password": "x"}, 400, "contains a NUL byte"),
    ],
)
def test_bad_login_input_is_a_clear_4xx_never_a_500(client, alice, data, status, message):
    response = client.post(reverse("login"), data)
    assert response.status_code == status
    assert message in response.content.decode()
    assert not LoginEvent.objects.exists() or status == 200


def test_the_locked_out_page_links_to_its_chapter(attempt, alice):
    fail(attempt, 5)
    assert b"profiles/lockout/" in attempt("alice").content
