"""The worker says it is alive, through Celery's own signals and the shared cache.

On `worker_ready` the worker writes the time into the cache every process
shares, and keeps writing it every few seconds from a small thread; on
`worker_shutdown` it removes it. The site reads it to tell the learner, in
development, that emails are waiting because no worker runs. A Celery signal,
used the way Django signals are: the worker does not know who listens.
"""

import logging
import threading
import time

from celery.signals import worker_ready, worker_shutdown

logger = logging.getLogger(__name__)

HEARTBEAT_KEY = "cookbook:celery-worker-heartbeat"
EVERY_SECONDS = 10
# Missing a few beats (a long task in the solo pool, say) is not "no worker".
STALE_AFTER_SECONDS = 45

_stop = threading.Event()


def beat():
    from django.core.cache import cache

    cache.set(HEARTBEAT_KEY, time.time(), timeout=STALE_AFTER_SECONDS)


def last_beat():
    """Seconds since a worker last wrote its heartbeat, or None if none did recently."""
    from django.core.cache import cache

    written = cache.get(HEARTBEAT_KEY)
    return None if written is None else max(0.0, time.time() - written)


def worker_seen_recently():
    return last_beat() is not None


def _keep_beating():
    while not _stop.wait(EVERY_SECONDS):
        try:
            beat()
        except Exception:  # a cache hiccup must not kill the worker
            logger.warning("could not write the worker heartbeat", exc_info=True)


# --8<-- [start:receivers]
@worker_ready.connect(dispatch_uid="cookbook_worker_heartbeat_ready")
def start_heartbeat(sender, **kwargs):
    beat()
    _stop.clear()
    threading.Thread(target=_keep_beating, name="heartbeat", daemon=True).start()


@worker_shutdown.connect(dispatch_uid="cookbook_worker_heartbeat_shutdown")
def stop_heartbeat(sender, **kwargs):
    from django.core.cache import cache

    _stop.set()
    cache.delete(HEARTBEAT_KEY)


# --8<-- [end:receivers]
