"""WRONG (a known mistake, kept to prove the checks catch it): cache.aset()
without timeout=None keeps the value only for the cache's default timeout
(300 seconds unless CACHES says otherwise): "last shared" quietly disappears."""

from django.core.cache import cache
from django.dispatch import receiver
from django.utils import timezone

from signals_lab.signals import note_shared


@receiver(note_shared, dispatch_uid="exercises.remember_last_share")
async def remember_last_share(sender, note, **kwargs):
    await cache.aset(f"last-share:{note.pk}", timezone.now().isoformat())
