"""The toolbar's History panel lists other clients' POSTs, never a password in them."""

import pytest
from debug_toolbar.store import get_store
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db
PASSWORD = "hunter2-never-on-screen"


@pytest.fixture
def toolbar_on(settings):
    """DEBUG on, as under `make run`, so the toolbar records the test client's requests."""
    if not settings.DEBUG_TOOLBAR:
        pytest.skip("the debug toolbar is off (DJANGO_DEBUG_TOOLBAR=0)")
    settings.DEBUG = True
    # As under runserver (one process): the History panel is only on when panels
    # are fetched on demand, and the test client says it is multi-process.
    settings.DEBUG_TOOLBAR_CONFIG = {**settings.DEBUG_TOOLBAR_CONFIG, "RENDER_PANELS": False}


def history_html(client, request_id):
    response = client.get(
        "/__debug__/render_panel/", {"request_id": request_id, "panel_id": "HistoryPanel"}
    )
    assert response.status_code == 200
    return response.json()["content"]


def test_a_login_post_shows_its_username_but_not_its_password(client, toolbar_on):
    get_user_model().objects.create_user("alice", password=PASSWORD)
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302, "signed in"
    request_id = list(get_store().request_ids())[-1]

    html = history_html(client, request_id)
    assert "/accounts/login/" in html and "alice" in html, "the panel is still useful"
    assert "password" in html, "the field is listed..."
    assert PASSWORD not in html, "...but never its value"
    assert "********************" in html


def test_a_wrong_password_and_a_sign_up_are_masked_too(client, toolbar_on):
    client.post("/accounts/login/", {"username": "bob", "password": PASSWORD})
    client.post(
        "/profiles/signup/",
        {"username": "carol", "password1": PASSWORD, "password2": PASSWORD},
    )
    html = history_html(client, list(get_store().request_ids())[-1])
    assert "/profiles/signup/" in html and "carol" in html
    assert PASSWORD not in html
