"""Checks for the exercise “From a signal to a service call”."""

import weakref

import pytest
from django.db import connection
from django.db.models.signals import post_save, pre_save
from django.test.utils import CaptureQueriesContext

from exercises.archive_with_a_service import archive_note
from signals_lab.models import Note, NoteEvent

pytestmark = pytest.mark.django_db(transaction=True)


def archived_events(note):
    return NoteEvent.objects.filter(note=note, kind=NoteEvent.ARCHIVED).count()


def test_archiving_records_one_event():
    note = Note.objects.create(text="done")
    archive_note(note)
    note.refresh_from_db()
    assert note.archived, "archive_note() should leave the note archived in the database."
    assert archived_events(note) == 1, "Archiving should record exactly one 'archived' event."


def test_archiving_twice_records_one_event():
    note = Note.objects.create(text="twice")
    archive_note(note)
    archive_note(Note.objects.get(pk=note.pk))
    assert archived_events(note) == 1, "An already archived note gets no second event."


def receivers_from(module_name, signal):
    names = []
    for entry in signal.receivers:
        function = entry[1]() if isinstance(entry[1], weakref.ReferenceType) else entry[1]
        if function is not None and getattr(function, "__module__", "") == module_name:
            names.append(function.__name__)
    return names


def test_no_receiver_of_the_exercise_is_left():
    module = "exercises.archive_with_a_service"
    left = receivers_from(module, pre_save) + receivers_from(module, post_save)
    assert not left, f"Delete the receivers {left}: archive_note() does the work itself now."


def test_an_ordinary_save_runs_one_query():
    note = Note.objects.create(text="edit me")
    note.text = "edited"
    with CaptureQueriesContext(connection) as queries:
        note.save(update_fields=["text"])
    assert len(queries) == 1, (
        f"Saving an edited note ran {len(queries)} queries; the pre_save receiver reads "
        "the old row first. Once archive_note() does the work, delete the receivers."
    )


def test_both_or_neither(monkeypatch):
    note = Note.objects.create(text="fragile")

    def broken(**kwargs):
        raise RuntimeError("the events table is locked")

    monkeypatch.setattr(NoteEvent.objects, "create", broken)
    with pytest.raises(RuntimeError):
        archive_note(note)
    note.refresh_from_db()
    assert not note.archived, (
        "The event could not be written, yet the note stayed archived: "
        "do both inside one transaction.atomic()."
    )
