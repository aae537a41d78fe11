"""Checks for the exercise “An async receiver”."""

import asyncio
import weakref
from datetime import datetime

import pytest
from asgiref.sync import async_to_sync
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT

from signals_lab.models import Note
from signals_lab.services import share_note
from signals_lab.signals import note_shared

pytestmark = pytest.mark.django_db(transaction=True)

MODULE = "exercises.async_receiver"


@pytest.fixture
def cache_writes(monkeypatch):
    """Every cache write of the share keys: (ran on the event loop?, timeout given)."""
    writes = []
    backend = type(caches[DEFAULT_CACHE_ALIAS])
    real_set = backend.set

    def watched_set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if str(key).startswith("last-share:"):
            try:
                asyncio.get_running_loop()
                on_loop = True
            except RuntimeError:
                on_loop = False  # a worker thread, as cache.aset() uses
            writes.append((on_loop, timeout))
        return real_set(self, key, value, timeout, version)

    monkeypatch.setattr(backend, "set", watched_set)
    return writes


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


def test_no_blocking_cache_call_on_the_event_loop(cache_writes):
    note = Note.objects.create(text="Share me without blocking")
    async_to_sync(share_note)(note)
    assert cache_writes, "The receiver wrote nothing to the cache under 'last-share:<pk>'."
    assert not any(on_loop for on_loop, _ in cache_writes), (
        "The receiver called the blocking cache.set() on the event loop: every request "
        "that loop serves waits for the cache meanwhile. In an `async def` receiver, "
        "use `await cache.aset(...)`."
    )


def test_the_time_is_kept_until_the_next_share(cache_writes):
    note = Note.objects.create(text="Share me for good")
    async_to_sync(share_note)(note)
    timeouts = [timeout for _, timeout in cache_writes]
    assert timeouts, "The receiver wrote nothing to the cache under 'last-share:<pk>'."
    assert all(timeout is None for timeout in timeouts), (
        "The value was stored with "
        + ("the cache's default timeout" if DEFAULT_TIMEOUT in timeouts else f"{timeouts}")
        + " instead of timeout=None: it expires (300 s by default) and the note looks "
        "never shared. Pass timeout=None to cache.aset()."
    )


def test_a_plain_send_from_sync_code_works_too():
    note = Note.objects.create(text="Sent from sync code")
    note_shared.send(sender=Note, note=note, by=None)
    last_share(note)
