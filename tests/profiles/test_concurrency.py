"""Parallel failed logins on PostgreSQL: no lost history rows, and the limit holds
for every way in (the site's login page and the admin's), because the row lock
lives in the authentication backend that both pass through."""

import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from profiles.models import LoginEvent
from profiles.services import locked_until
from tests.concurrency import at_once, errors_in
from tests.services import require_postgres

from .conftest import PASSWORD

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
IP = "198.51.100.7"


def attempt_in_parallel(count, password):
    """`count` login POSTs for alice at once, each thread with its own connection."""

    def attempt():
        response = Client().post(
            reverse("login"), {"username": "alice", "password": password}, REMOTE_ADDR=IP
        )
        return response.status_code

    results = at_once(count, attempt)
    assert errors_in(results) == []
    return sorted(results)


# --8<-- [start:parallel]
def test_ten_parallel_failures_make_ten_records_and_a_count_of_ten(alice, settings):
    require_postgres()
    settings.PROFILES_LOCKOUT_ATTEMPTS = 10
    assert attempt_in_parallel(10, "wrong") == [200] * 10
    failed = LoginEvent.objects.filter(kind="failed", username="alice", ip=IP)
    assert failed.count() == 10
    assert locked_until("alice", IP) is not None  # exactly 10 counted: locked at 10


def test_ten_parallel_failures_cannot_slip_past_a_limit_of_five(alice):
    require_postgres()
    statuses = attempt_in_parallel(10, "wrong")
    assert statuses == [200] * 5 + [429] * 5
    kinds = list(LoginEvent.objects.values_list("kind", flat=True))
    assert (kinds.count("failed"), kinds.count("blocked")) == (5, 5)


# --8<-- [end:parallel]


def test_the_right_password_among_parallel_failures_is_refused_once_locked(alice):
    require_postgres()
    attempt_in_parallel(5, "wrong")
    assert attempt_in_parallel(3, PASSWORD) == [429] * 3


# --8<-- [start:every_path]
LOGIN_PAGES = {"site": "login", "admin": "admin:login"}
PBKDF2_SECONDS = 0.1  # about what Django's default hasher takes on a small server


@pytest.fixture
def password_checks(monkeypatch):
    """Counts every real password check, from any thread.

    Each check also takes as long as a real hasher's (tests use fast MD5): the
    window in which attempts could slip past an unlocked count is a real one.
    """
    User = get_user_model()
    check, lock, calls = User.check_password, threading.Lock(), []

    def counted(user, raw_password):
        with lock:
            calls.append(raw_password)
        time.sleep(PBKDF2_SECONDS)
        return check(user, raw_password)

    monkeypatch.setattr(User, "check_password", counted)
    return calls


def post_in_parallel(page, passwords):
    """One login POST per password, all at once, to the site's or the admin's page."""
    queue = list(passwords)
    take = threading.Lock()

    def attempt():
        with take:
            password = queue.pop()
        response = Client().post(
            reverse(LOGIN_PAGES[page]),
            {"username": "alice", "password": password},
            REMOTE_ADDR=IP,
        )
        return response.status_code

    results = at_once(len(passwords), attempt)
    assert errors_in(results) == []
    return results


@pytest.mark.parametrize("page", sorted(LOGIN_PAGES))
def test_thirty_parallel_wrong_passwords_check_just_five(page, alice, password_checks):
    require_postgres()
    post_in_parallel(page, ["wrong"] * 30)
    checked = len(password_checks)
    assert checked == 5, f"{checked} of 30 reached the password check"
    kinds = list(LoginEvent.objects.values_list("kind", flat=True))
    assert (kinds.count("failed"), kinds.count("blocked")) == (5, 25)


@pytest.mark.parametrize("page", sorted(LOGIN_PAGES))
def test_the_right_password_is_refused_once_locked(page, alice, password_checks):
    require_postgres()
    alice.is_staff = True  # so that the admin would let her in, were she not locked out
    alice.save()
    post_in_parallel(page, ["wrong"] * 5)
    statuses = post_in_parallel(page, ["wrong"] * 29 + [PASSWORD])
    assert 302 not in statuses, "someone got in"
    assert len(password_checks) == 5, "only the first five attempts were checked"
    assert not LoginEvent.objects.filter(kind="login").exists()


# --8<-- [end:every_path]
