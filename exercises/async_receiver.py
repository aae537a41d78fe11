"""Exercise 17 · An async receiver.

The lab's async view shares a note with `await note_shared.asend(...)` (see
`signals_lab/signals.py` for the signal's arguments). Write an *async*
receiver for it, here, that remembers when each note was last shared:

    cache key   f"last-share:{note.pk}"
    value       the current time, timezone.now().isoformat()

Use the cache's async API (`await cache.aset(key, value, timeout=None)`):
a receiver defined with `async def` must not call blocking code. Give it a
dispatch_uid. It must also work when someone sends the signal with the plain
`note_shared.send(...)` from sync code.

Check it:  python manage.py exercises check 17
"""

# Write your receiver below.
