"""Checks for the exercise “The receiver that runs for every model”."""

import pytest
from django.contrib.auth import get_user_model
from django.db.models.signals import post_init

from exercises.receiver_for_every_model import text_changed
from signals_lab import instrument
from signals_lab.models import Note

pytestmark = pytest.mark.django_db

RECEIVER = "exercises.receiver_for_every_model.remember_loaded_text"


# --8<-- [start:calls]
def calls_of_the_receiver(make_instances):
    """Which senders' post_init called the exercise's receiver, as recorded."""
    instrument.install()
    try:
        with instrument.recording() as recorder:
            make_instances()
    finally:
        instrument.uninstall()
    stats = recorder.as_stats()
    return [
        send["sender"]
        for send in stats["sends"]
        if send["signal"].endswith(".post_init")
        for call in send["calls"]
        if call["receiver"] == RECEIVER
    ]


# --8<-- [end:calls]


def test_it_is_not_called_for_other_models():
    user_model = get_user_model()
    senders = calls_of_the_receiver(lambda: [user_model(username=f"u{i}") for i in range(3)])
    assert senders == [], (
        f"Your receiver ran {len(senders)} times for {user_model.__name__} instances. "
        "In the panel that is one post_init row per object: connect it with sender=Note."
    )


def test_it_is_still_called_for_notes():
    senders = calls_of_the_receiver(lambda: Note(text="hello"))
    assert senders == ["signals_lab.models.Note"], "It should still run once for each Note."


def test_text_changed_still_works():
    note = Note.objects.create(text="first")
    loaded = Note.objects.get(pk=note.pk)
    assert text_changed(loaded) is False, "A note just loaded has not changed."
    loaded.text = "second"
    assert text_changed(loaded) is True, "After an edit, text_changed() should say so."


def test_it_keeps_its_dispatch_uid():
    uids = [key[0] for key, *_ in post_init.receivers]
    assert "exercises.remember_loaded_text" in uids, (
        "Keep dispatch_uid='exercises.remember_loaded_text' on the receiver."
    )
