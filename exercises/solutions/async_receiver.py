"""The reference solution to the exercise “An async receiver”."""

from django.core.cache import cache
from django.dispatch import receiver
from django.utils import timezone

from signals_lab.signals import note_shared


# --8<-- [start:solution]
@receiver(note_shared, dispatch_uid="exercises.remember_last_share")
async def remember_last_share(sender, note, **kwargs):
    # async def: asend() awaits it directly; send() runs it through async_to_sync.
    await cache.aset(f"last-share:{note.pk}", timezone.now().isoformat(), timeout=None)


# --8<-- [end:solution]
