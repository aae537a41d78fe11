"""The lab's own signal, and its receivers.

`note_shared` is sent by `signals_lab.services.share_note` with ``asend()``,
once the "shared" event is saved. Arguments (all keyword):

- ``sender``: the ``Note`` class;
- ``note``: the shared note;
- ``by``: the user who shared it, or ``None``.

Receivers may be sync or async, and must accept ``**kwargs``.
"""

import logging
from functools import partial

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from .models import Note, NoteEvent

logger = logging.getLogger(__name__)

NOTE_COUNT_KEY = "signals_lab:note-count"

# --8<-- [start:note_shared]
note_shared = Signal()
# --8<-- [end:note_shared]


# --8<-- [start:forget_note_count]
@receiver(post_save, sender=Note, dispatch_uid="signals_lab.forget_note_count.save")
@receiver(post_delete, sender=Note, dispatch_uid="signals_lab.forget_note_count.delete")
def forget_note_count(sender, **kwargs):
    # After the commit: forgotten earlier, another request could cache the old count.
    transaction.on_commit(partial(cache.delete, NOTE_COUNT_KEY))


# --8<-- [end:forget_note_count]


# --8<-- [start:share_receivers]
@receiver(note_shared, dispatch_uid="signals_lab.log_share")
def log_share(sender, note, by=None, **kwargs):
    logger.info("note %s shared by %s", note.pk, by or "someone anonymous")


@receiver(note_shared, dispatch_uid="signals_lab.count_shares")
async def count_shares(sender, note, **kwargs):
    # An async receiver uses the async ORM; a sync query here would raise.
    return await note.events.filter(kind=NoteEvent.SHARED).acount()


# --8<-- [end:share_receivers]
