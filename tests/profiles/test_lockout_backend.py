"""The gate is in the backend, so every authenticate() caller meets it, async ones too."""

import pytest
from asgiref.sync import async_to_sync
from django.contrib.auth import aauthenticate, authenticate
from django.test import RequestFactory

from profiles.models import LoginEvent

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)
IP = "198.51.100.9"


def login_request():
    return RequestFactory().post("/anywhere/", REMOTE_ADDR=IP)


def test_a_plain_authenticate_call_counts_and_is_refused_once_locked(alice):
    for _ in range(5):
        assert authenticate(login_request(), username="alice", password="wrong") is None
    assert LoginEvent.objects.filter(kind="failed").count() == 5
    assert authenticate(login_request(), username="alice", password=PASSWORD) is None
    assert LoginEvent.objects.filter(kind="blocked").count() == 1


def test_aauthenticate_meets_the_same_gate(alice):
    for _ in range(5):
        user = async_to_sync(aauthenticate)(login_request(), username="alice", password="wrong")
        assert user is None
    assert LoginEvent.objects.filter(kind="failed").count() == 5
    user = async_to_sync(aauthenticate)(login_request(), username="alice", password=PASSWORD)
    assert user is None, "the right password got in through aauthenticate() while locked"


def test_each_failure_is_recorded_once(alice):
    authenticate(login_request(), username="alice", password="wrong")
    assert LoginEvent.objects.count() == 1


def test_without_a_request_modelbackend_still_checks_the_password(alice):
    assert authenticate(None, username="alice", password=PASSWORD) == alice
