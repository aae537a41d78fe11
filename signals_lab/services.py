"""The lab's business rules: plain functions that views call."""

from django.core.cache import cache
from django.db import transaction

from .models import Note, NoteEvent
from .signals import NOTE_COUNT_KEY, note_shared

MAX_LENGTH = Note._meta.get_field("text").max_length


class InvalidNote(ValueError):
    """The note is empty or too long."""


# --8<-- [start:create_note]
def create_note(text, author=None):
    """Save a note and its "created" event together: both or neither."""
    text = (text or "").strip()
    if not text:
        raise InvalidNote("Write something first.")
    if len(text) > MAX_LENGTH:
        raise InvalidNote(f"Keep it under {MAX_LENGTH} characters ({len(text)} now).")
    with transaction.atomic():
        note = Note.objects.create(text=text, author=author)
        NoteEvent.objects.create(note=note, kind=NoteEvent.CREATED)
    return note


# --8<-- [end:create_note]


def note_count():
    """How many notes there are, cached until a receiver forgets it after a commit."""
    return cache.get_or_set(NOTE_COUNT_KEY, Note.objects.count, timeout=None)


# --8<-- [start:share_note]
async def share_note(note, by=None):
    """Record a share, then tell whoever listens; returns the receivers' responses."""
    await NoteEvent.objects.acreate(note=note, kind=NoteEvent.SHARED)
    return await note_shared.asend(sender=Note, note=note, by=by)


# --8<-- [end:share_note]
