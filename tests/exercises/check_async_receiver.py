"""Checks for exercise 16 · An async receiver."""

import weakref
from datetime import datetime

import pytest
from asgiref.sync import async_to_sync
from django.core.cache import cache

from signals_lab.models import Note
from signals_lab.services import share_note
from signals_lab.signals import note_shared

pytestmark = pytest.mark.django_db(transaction=True)

MODULE = "exercises.async_receiver"


def exercise_receivers():
    """(function, is_async, key) for each receiver of note_shared from the exercise file."""
    found = []
    for entry in note_shared.receivers:
        function = entry[1]() if isinstance(entry[1], weakref.ReferenceType) else entry[1]
        if function is not None and getattr(function, "__module__", "") == MODULE:
            found.append((function, entry[-1], entry[0][0]))
    return found


def last_share(note):
    value = cache.get(f"last-share:{note.pk}")
    assert value is not None, f"Nothing in the cache under 'last-share:{note.pk}' after a share."
    return datetime.fromisoformat(value)


def test_a_receiver_is_connected_and_async():
    found = exercise_receivers()
    assert found, "Connect a receiver to note_shared in exercises/async_receiver.py."
    assert all(is_async for _, is_async, _ in found), "Define the receiver with `async def`."
    assert all(isinstance(key, str) for _, _, key in found), "Give the receiver a dispatch_uid."


def test_sharing_remembers_the_time():
    note = Note.objects.create(text="Share me")
    async_to_sync(share_note)(note)
    assert last_share(note).tzinfo is not None, "Store timezone.now().isoformat()."


def test_a_plain_send_from_sync_code_works_too():
    note = Note.objects.create(text="Sent from sync code")
    note_shared.send(sender=Note, note=note, by=None)
    last_share(note)
