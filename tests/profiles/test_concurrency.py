"""Parallel failed logins on PostgreSQL: no lost history rows, and the limit holds."""

import pytest
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
