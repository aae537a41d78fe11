import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

PASSWORD = "correct-horse-signals"


@pytest.fixture
def alice(db):
    return get_user_model().objects.create_user("alice", "alice@example.com", PASSWORD)


@pytest.fixture
def attempt(client):
    """POST the login form, as a browser at `ip` would."""

    def attempt(username, password="wrong-password", ip="198.51.100.7", **headers):
        return client.post(
            reverse("login"),
            {"username": username, "password": password},
            REMOTE_ADDR=ip,
            **{"HTTP_USER_AGENT": "pytest-browser/1.0", **headers},
        )

    return attempt
