"""The Celery app, in the shape of Celery's own Django example.

`make run` starts a worker with `celery -A mysite worker`. Tasks use
`DjangoTask`, so every task has `delay_on_commit()`: the message is sent only
once the transaction that asked for it has committed.
"""

import os
from contextlib import contextmanager

from celery import Celery
from kombu.transport import TRANSPORT_ALIASES

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")

# The zero-setup broker: kombu's filesystem transport, with its message files
# written whole before a worker can see them (mysite/broker_filesystem.py).
TRANSPORT_ALIASES["filesystem"] = "mysite.broker_filesystem:Transport"

app = Celery("mysite", task_cls="celery.contrib.django.task:DjangoTask")

# Read every CELERY_* setting from Django's settings.
app.config_from_object("django.conf:settings", namespace="CELERY")


@app.on_after_configure.connect
def _make_broker_folders(sender, **kwargs):
    # kombu's filesystem transport expects its folders to exist already.
    from django.conf import settings

    if sender.conf.broker_url.startswith("filesystem://"):
        for folder in settings.CELERY_BROKER_TRANSPORT_OPTIONS.values():
            if isinstance(folder, str):
                os.makedirs(folder, exist_ok=True)


app.autodiscover_tasks()


@contextmanager
def conf_overridden(**values):
    """Celery settings for the block only: `with conf_overridden(task_always_eager=False):`.

    app.conf reads each CELERY_* setting from Django's settings until the key is
    assigned; from then on the assigned value hides Django's for good. So the block's
    values are taken back out afterwards rather than overwritten with the old ones,
    which would pin those and hide a later change of Django's settings (a test's
    `settings` fixture, say). A change of broker drops the pooled connections on the
    way in and out, or the producer would go on publishing to the broker it had.
    """
    changes, unset = app.conf.changes, object()
    saved = {key: changes.get(key, unset) for key in values}
    broker = any(key.startswith("broker_") for key in values)
    if broker:
        _drop_broker_connections()
    app.conf.update(values)
    try:
        yield app.conf
    finally:
        for key, value in saved.items():
            if value is unset:
                changes.pop(key, None)
            else:
                changes[key] = value
        if broker:
            _drop_broker_connections()


def _drop_broker_connections():
    # kombu keeps producer pools per connection, process-wide, each holding
    # connections to the broker it was made for: close and forget them all.
    from kombu import pools

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


# The worker's heartbeat for the site's "no worker running" notice (development).
from . import worker_heartbeat  # noqa: E402, F401
