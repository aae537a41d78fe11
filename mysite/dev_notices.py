"""In development, every page says what is missing, in plain words, with the fix.

- Unapplied migrations: a friendly 503 page instead of a 500 ("no such table").
- No Celery worker seen recently (mysite/worker_heartbeat.py): how many order
  emails wait, and the command that starts a worker. Gone once a worker runs.
- The docs not served: the command that serves them.

Nothing here runs when DEBUG is off.
"""

import socket
import time
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse
from django.template.loader import render_to_string

from .migration_state import fast_unapplied, unapplied
from .worker_heartbeat import worker_seen_recently

WORKER_COMMAND = "python -m celery -A mysite worker --pool=solo --loglevel=INFO"
MIGRATE_COMMAND = "python manage.py migrate"
RUN_COMMAND = "python manage.py run"


def pending_migrations():
    """What `migrate` would apply; the fast check first, Django's planner to be sure."""
    try:
        return unapplied() if fast_unapplied() else []
    except DatabaseError:  # no database file yet, or it cannot be opened
        return [("(database)", "not created yet")]


class UnappliedMigrationsMiddleware:
    """Answer 503 with the command to type while migrations are unapplied (development)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.migrated = False  # once true, this process never looks again

    def __call__(self, request):
        if settings.DEBUG and not self.migrated:
            pending = pending_migrations()
            if pending:
                return self.friendly_page(pending)
            self.migrated = True
        return self.get_response(request)

    def friendly_page(self, pending):
        html = render_to_string(
            "mysite/unapplied_migrations.html",
            {"pending": pending, "command": MIGRATE_COMMAND, "run_command": RUN_COMMAND},
        )
        return HttpResponse(html, status=503, headers={"Retry-After": "5"})


def waiting_order_emails():
    if not apps.is_installed("orders"):
        return 0
    OrderEmail = apps.get_model("orders", "OrderEmail")
    # Failed and dead emails wait for no one: a worker would not send them.
    waiting = [OrderEmail.Status.PENDING, OrderEmail.Status.SENDING]
    return OrderEmail.objects.filter(status__in=waiting).count()


_docs_seen = {"at": 0.0, "up": True}


def docs_running(url, cache_seconds=15.0):
    """Does anything listen where DOCS_URL points? Asked at most every few seconds."""
    now = time.monotonic()
    if now - _docs_seen["at"] > cache_seconds:
        parts = urlsplit(url)
        if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
            up = True  # hosted docs: not ours to probe
        else:
            try:
                with socket.create_connection((parts.hostname, parts.port or 80), timeout=0.1):
                    up = True
            except OSError:
                up = False
        _docs_seen.update(at=now, up=up)
    return _docs_seen["up"]


def notices():
    """[{'title', 'text', 'command'}] of what is missing right now."""
    found = []
    if not settings.CELERY_TASK_ALWAYS_EAGER and not worker_seen_recently():
        waiting = waiting_order_emails()
        emails = f"{waiting} order email{'s' if waiting != 1 else ''}"
        found.append(
            {
                "kind": "worker",
                "title": "No Celery worker is running",
                "text": f"{emails} {'is' if waiting == 1 else 'are'} waiting; sign-up, "
                "comment and order emails are sent only when a worker runs. "
                "Start one in a second terminal with:",
                "command": WORKER_COMMAND,
            }
        )
    if not docs_running(settings.DOCS_URL):
        found.append(
            {
                "kind": "docs",
                "title": "The docs are not running",
                "text": f"The “Read about it” links point at {settings.DOCS_URL}. "
                "Serve the docs in another terminal with:",
                "command": "python -m mkdocs serve --dev-addr "
                + (urlsplit(settings.DOCS_URL).netloc or "127.0.0.1:8001"),
            }
        )
    return found


def dev_notices(request):
    """Context processor: `dev_notices` for the base template, in development only."""
    if not settings.DEBUG:
        return {}
    return {"dev_notices": notices, "dev_run_command": RUN_COMMAND}
