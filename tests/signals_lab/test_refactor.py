"""The worked refactor of "When not to use a signal": a receiver that wrote
each note's "created" event, replaced by the direct call in create_note()."""

import pytest
from django.db.models.signals import post_save

from signals_lab.models import Note, NoteEvent
from signals_lab.services import create_note

pytestmark = pytest.mark.django_db(transaction=True)


# --8<-- [start:before]
def record_creation(sender, instance, created, raw=False, **kwargs):
    # Before: the rule "every note has a 'created' event" lived in a receiver,
    # in the same app as the model. Nothing at the call site says it happens.
    if created and not raw:
        NoteEvent.objects.create(note=instance, kind=NoteEvent.CREATED)


@pytest.fixture
def before():
    post_save.connect(record_creation, sender=Note)
    try:
        yield
    finally:
        post_save.disconnect(record_creation, sender=Note)


# --8<-- [end:before]


# --8<-- [start:before_bulk]
def test_before_bulk_create_skips_the_rule_without_a_word(before):
    Note.objects.bulk_create([Note(text="imported"), Note(text="also imported")])
    assert NoteEvent.objects.count() == 0, "two notes, no 'created' event"


# --8<-- [end:before_bulk]


# --8<-- [start:before_half_done]
def test_before_a_failing_receiver_leaves_half_the_work_done(before, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("the events table is locked")

    monkeypatch.setattr(NoteEvent.objects, "create", broken)
    with pytest.raises(RuntimeError):
        Note.objects.create(text="orphan")  # save() committed before post_save ran
    # The note stays, without its event:
    assert Note.objects.filter(text="orphan").exists()


# --8<-- [end:before_half_done]


# --8<-- [start:after]
def test_after_the_service_does_both_or_neither(monkeypatch):
    create_note("kept")
    assert list(NoteEvent.objects.values_list("kind", flat=True)) == [NoteEvent.CREATED]

    def broken(**kwargs):
        raise RuntimeError("the events table is locked")

    monkeypatch.setattr(NoteEvent.objects, "create", broken)
    with pytest.raises(RuntimeError):
        create_note("rolled back")
    assert not Note.objects.filter(text="rolled back").exists()


# --8<-- [end:after]
