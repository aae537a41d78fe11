"""The debug toolbar's "Signals sent" panel, end to end through the test client."""

import json

import pytest
from debug_toolbar.store import get_store

from signals_lab import instrument
from signals_lab.models import Note

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def toolbar_on(settings):
    """DEBUG on, as under `make run`, so the toolbar shows for the test client."""
    if not settings.DEBUG_TOOLBAR:
        pytest.skip("the debug toolbar is off (DJANGO_DEBUG_TOOLBAR=0)")
    settings.DEBUG = True


def panel_html(client, request_id):
    response = client.get(
        "/__debug__/render_panel/", {"request_id": request_id, "panel_id": "SignalsSentPanel"}
    )
    assert response.status_code == 200
    return response.json()["content"]


def test_the_panel_shows_the_signals_of_a_request(client, toolbar_on):
    response = client.post("/signals/notes/", {"text": "Seen in the panel"})
    assert response.status_code == 302
    assert Note.objects.filter(text="Seen in the panel").exists()
    request_id = list(get_store().request_ids())[-1]

    stats = get_store().panel(request_id, "SignalsSentPanel")
    assert json.loads(json.dumps(stats)) == stats, "stats must be plain JSON for the store"

    html = panel_html(client, request_id)
    assert "django.db.models.signals.post_save" in html
    assert "signals_lab.signals.forget_note_count" in html
    assert "ran after commit" in html, "the on_commit callback should be listed as run"


def test_the_panel_shows_async_receivers_of_asend(client, toolbar_on):
    note = Note.objects.create(text="Share me")
    client.post(f"/signals/notes/{note.pk}/share/")
    html = panel_html(client, list(get_store().request_ids())[-1])
    assert "signals_lab.signals.note_shared" in html
    assert "signals_lab.signals.count_shares" in html and "(async)" in html
    assert "(asend)" in html


def test_without_the_toolbar_nothing_is_installed(client, settings):
    if settings.SIGNALS_INSTRUMENT:
        pytest.skip("this run switched the instrumentation on (SIGNALS_INSTRUMENT=1)")
    client.post("/signals/notes/", {"text": "No toolbar"})
    assert not instrument.is_installed()


def test_the_panel_removes_the_instrumentation_after_the_request(client, toolbar_on, settings):
    if settings.SIGNALS_INSTRUMENT:
        pytest.skip("this run switched the instrumentation on (SIGNALS_INSTRUMENT=1)")
    client.get("/signals/")
    assert not instrument.is_installed(), "installed for the request only"


def test_a_redirect_target_shows_first_the_request_that_redirected_there(client, toolbar_on):
    response = client.post("/signals/notes/", {"text": "Seen after the redirect"})
    client.get(response["Location"])
    html = panel_html(client, list(get_store().request_ids())[-1])
    assert "The request that redirected here: POST /signals/notes/" in html
    redirected, this_request = html.split("<h4>This request</h4>")
    assert "django.db.models.signals.post_save" in redirected
    assert "signals_lab.signals.forget_note_count" in redirected
    assert "ran after commit" in redirected
    assert "signals_lab.signals.forget_note_count" not in this_request  # the GET saved nothing
