"""WRONG (a known mistake, kept to prove the checks catch it): an `async def`
receiver that calls the blocking cache.set(). It runs on the event loop, so
every other request served by that loop waits for the cache round trip."""

from django.core.cache import cache
from django.dispatch import receiver
from django.utils import timezone

from signals_lab.signals import note_shared


@receiver(note_shared, dispatch_uid="exercises.remember_last_share")
async def remember_last_share(sender, note, **kwargs):
    cache.set(f"last-share:{note.pk}", timezone.now().isoformat(), timeout=None)
