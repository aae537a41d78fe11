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

HEARTBEAT_KEY = "cookbook:celery-worker-heartbeat:{queue}"
EVERY_SECONDS = 10
# Missing a few beats (a long task in the solo pool, say) is not "no worker".
STALE_AFTER_SECONDS = 45

_stop = threading.Event()


def _default_queue():
    from mysite.celery import app

    return app.conf.task_default_queue


def beat(queues):
    """Write "a worker consumes these queues, now" for the site to read."""
    from django.core.cache import cache

    now = time.time()
    cache.set_many({HEARTBEAT_KEY.format(queue=q): now for q in queues}, STALE_AFTER_SECONDS)


def last_beat(queue=None):
    """Seconds since a worker of `queue` (default: where tasks go) last beat, or None."""
    from django.core.cache import cache

    written = cache.get(HEARTBEAT_KEY.format(queue=queue or _default_queue()))
    return None if written is None else max(0.0, time.time() - written)


def worker_seen_recently(queue=None):
    return last_beat(queue) is not None


def _consumed_queues(sender):
    # The queues this worker reads (-Q), so a worker on another queue does not count.
    queues = list(sender.app.amqp.queues.consume_from or {})
    return queues or [sender.app.conf.task_default_queue]


def _keep_beating(queues):
    while not _stop.wait(EVERY_SECONDS):
        try:
            beat(queues)
        except Exception:  # a cache hiccup must not kill the worker
            logger.warning("could not write the worker heartbeat", exc_info=True)


# --8<-- [start:receivers]
@worker_ready.connect(dispatch_uid="cookbook_worker_heartbeat_ready")
def start_heartbeat(sender, **kwargs):
    queues = _consumed_queues(sender)  # sender: the worker's consumer
    beat(queues)
    _stop.clear()
    threading.Thread(target=_keep_beating, args=(queues,), daemon=True).start()


@worker_shutdown.connect(dispatch_uid="cookbook_worker_heartbeat_shutdown")
def stop_heartbeat(sender, **kwargs):
    from django.core.cache import cache

    _stop.set()
    queues = _consumed_queues(sender)  # sender: the WorkController, which has .app too
    cache.delete_many([HEARTBEAT_KEY.format(queue=q) for q in queues])


# --8<-- [end:receivers]
