"""The lab page: writing and sharing notes."""

import pytest
from django.core.cache import cache

from signals_lab.models import Note, NoteEvent
from signals_lab.services import create_note, note_count
from signals_lab.signals import NOTE_COUNT_KEY

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_lab_page_renders_and_links_its_chapter(client):
    response = client.get("/signals/")
    assert response.status_code == 200
    assert b"going-further/signals-sent/" in response.content


def test_a_note_is_saved_with_its_event(client):
    response = client.post("/signals/notes/", {"text": "  Hello lab  "})
    assert response.status_code == 302
    note = Note.objects.get()
    assert note.text == "Hello lab"
    assert list(note.events.values_list("kind", flat=True)) == [NoteEvent.CREATED]


@pytest.mark.parametrize("text", ["", "   ", "x" * 201])
def test_bad_input_is_a_400_and_saves_nothing(client, text):
    response = client.post("/signals/notes/", {"text": text})
    assert response.status_code == 400
    assert b'role="alert"' in response.content
    assert not Note.objects.exists()


def test_the_cached_count_is_forgotten_after_commit():
    assert note_count() == 0
    create_note("one")
    assert cache.get(NOTE_COUNT_KEY) is None
    assert note_count() == 1


def test_sharing_runs_the_sync_and_the_async_receiver(client, caplog):
    note = create_note("Share me")
    caplog.set_level("INFO", logger="signals_lab.signals")
    response = client.post(f"/signals/notes/{note.pk}/share/")
    assert response.status_code == 302
    assert note.events.filter(kind=NoteEvent.SHARED).count() == 1
    assert any("shared by" in record.getMessage() for record in caplog.records)


def test_sharing_a_missing_note_is_a_404(client):
    assert client.post("/signals/notes/999/share/").status_code == 404


def test_sharing_needs_a_post(client):
    note = create_note("GET me")
    assert client.get(f"/signals/notes/{note.pk}/share/").status_code == 405
