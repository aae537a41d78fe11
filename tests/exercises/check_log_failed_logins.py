"""Checks for the exercise “Log failed sign-ins, safely”."""

import logging

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db
User = get_user_model()
LOGGER = "exercises.log_failed_logins"
PASSWORD = "exercise-5-password"


@pytest.fixture
def alice():
    return User.objects.create_user("alice", "alice@example.com", PASSWORD)


def warnings_logged(caplog):
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == LOGGER and record.levelno == logging.WARNING
    ]


def everything_logged(caplog):
    return "\n".join(record.getMessage() for record in caplog.records)


def test_a_failed_sign_in_is_logged_with_username_and_ip(client, alice, caplog):
    client.post(
        reverse("login"), {"username": "alice", "password": "nope"}, REMOTE_ADDR="192.0.2.9"
    )
    messages = warnings_logged(caplog)
    assert len(messages) == 1, (
        f"Expected one WARNING from the logger {LOGGER!r} (use logging.getLogger(__name__)), "
        f"got {messages}."
    )
    assert "alice" in messages[0], f"Name the attempted username: {messages[0]!r}."
    assert "192.0.2.9" in messages[0], f"Name the address: {messages[0]!r}."


def test_a_spoofed_x_forwarded_for_is_not_believed(client, alice, caplog, settings):
    settings.PROFILES_TRUSTED_PROXY_COUNT = 0  # no proxy of ours in front of the site
    client.post(
        reverse("login"),
        {"username": "alice", "password": "nope"},
        REMOTE_ADDR="192.0.2.9",
        HTTP_X_FORWARDED_FOR="10.6.6.6",
    )
    messages = warnings_logged(caplog)
    assert messages, "Log the failed sign-in."
    assert "10.6.6.6" not in messages[0] and "192.0.2.9" in messages[0], (
        f"The request came from 192.0.2.9 with a made-up 'X-Forwarded-For: 10.6.6.6', and "
        f"you logged {messages[0]!r}. Without a trusted proxy that header is whatever the "
        "client typed, so an attacker picks the address in your log. Use "
        "profiles.services.client_ip(request), which trusts it only behind our proxies."
    )


def test_behind_a_trusted_proxy_the_forwarded_address_is_logged(client, alice, caplog, settings):
    settings.PROFILES_TRUSTED_PROXY_COUNT = 1  # one proxy of ours appends the client's IP
    client.post(
        reverse("login"),
        {"username": "alice", "password": "nope"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="10.6.6.6, 198.51.100.4",
    )
    messages = warnings_logged(caplog)
    assert messages and "198.51.100.4" in messages[0], (
        f"Behind one trusted proxy the client is the last X-Forwarded-For entry "
        f"(198.51.100.4); you logged {messages}. profiles.services.client_ip(request) "
        "knows which entry to believe."
    )


def test_no_password_and_no_masked_credentials_are_logged(client, alice, caplog):
    secret = "my-Real-Pa55word"
    client.post(reverse("login"), {"username": "alice", "password": secret})
    logged = everything_logged(caplog)
    assert warnings_logged(caplog), "Log the failed sign-in first."
    assert secret not in logged, "The typed password ended up in the log!"
    assert "*****" not in logged, "Log the username only, not the whole credentials dict."


def test_unmasked_credentials_stay_out_of_the_log(alice, caplog):
    # Django masks keys that look secret; "otp" does not, so it arrives in clear.
    authenticate(username="alice", password="nope", otp="864213")
    assert warnings_logged(caplog), "Log the failed sign-in."
    assert "864213" not in everything_logged(caplog), (
        "A one-time code reached the log: take only the username from `credentials`."
    )


def test_a_failure_without_a_request_says_unknown(alice, caplog):
    authenticate(username="alice", password="nope")  # no request at all
    messages = warnings_logged(caplog)
    assert len(messages) == 1 and "unknown" in messages[0], (
        f"With request=None, log the address as 'unknown'; got {messages}."
    )


def test_credentials_without_a_username_do_not_crash(alice, caplog):
    authenticate(email="alice@example.com", password="nope")
    assert len(warnings_logged(caplog)) == 1, (
        "credentials may have no 'username' key: use credentials.get(...)."
    )


def test_a_successful_sign_in_logs_no_warning(client, alice, caplog):
    client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert warnings_logged(caplog) == [], "Only failed sign-ins are logged."
