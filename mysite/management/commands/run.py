"""`python manage.py run`: the whole site in one command, on any machine with Python.

Migrates only when a migration is unapplied, loads the demo data only when it is
missing, prints the URLs and logins, then runs four processes side by side (the
web server, a Celery worker, Celery beat and the docs) until Ctrl-C stops them
all. `make run` is a thin wrapper of it.
"""

import logging
import os
import signal
import socket
import sys
import threading
import time
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from mysite.management.commands.seed_demo import DEMO_USERS
from mysite.migration_state import fast_unapplied
from mysite.processes import Supervisor


def processes(docs_port, docs=True, python=sys.executable):
    """{name: argv} of what runs beside the web server; the solo pool works on Windows too."""
    commands = {
        "worker": [
            python, "-m", "celery", "-A", "mysite", "worker", "--pool=solo",
            "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
        ],
        "beat": [python, "-m", "celery", "-A", "mysite", "beat", "--loglevel=INFO"],
    }  # fmt: skip
    if docs:
        commands["docs"] = [
            python,
            "-m",
            "mkdocs",
            "serve",
            "--dev-addr",
            f"127.0.0.1:{docs_port}",
        ]
    return commands


def wait_for_port(port, stop, timeout=120.0):
    """True once something listens on 127.0.0.1:`port`; False on timeout or `stop`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not stop.is_set():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            stop.wait(0.1)
    return False


@contextmanager
def quiet_logging(level=logging.WARNING):
    # Demo data fires receivers that log at INFO; the banner comes out clean.
    logger = logging.getLogger()
    previous = logger.level
    logger.setLevel(level)
    try:
        yield
    finally:
        logger.setLevel(previous)


RELOADER_CHILD = "RUN_MAIN"  # django.utils.autoreload.DJANGO_AUTORELOAD_ENV


class Command(BaseCommand):
    help = "Run the site, a Celery worker, Celery beat and the docs together; Ctrl-C stops all."
    requires_system_checks = []  # runserver runs them in the web process

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
        parser.add_argument(
            "--docs-port",
            type=int,
            default=int(os.environ["DOCS_PORT"]) if os.environ.get("DOCS_PORT") else None,
            help="default: the site's port + 1",
        )
        parser.add_argument("--no-docs", action="store_true", help="do not serve the docs")

    def handle(self, *args, **options):
        try:
            self.run(**options)
        except KeyboardInterrupt:  # Ctrl-C while migrating or seeding: stop quietly
            self.stdout.write("Interrupted before the site started.")

    def run(self, port, docs_port, no_docs, **options):
        if os.environ.get(RELOADER_CHILD) == "true":
            # runserver's autoreloader started this command again to serve: serve.
            call_command("runserver", f"127.0.0.1:{port}")
            return
        if not settings.DEBUG:
            raise CommandError("manage.py run is for development; see the README for production.")
        docs_port = docs_port or port + 1
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        migrated = self.migrate_if_needed()
        self.seed_if_needed(force=migrated)
        site_url = f"http://127.0.0.1:{port}"
        docs_url = f"http://127.0.0.1:{docs_port}/"
        self.banner(site_url, None if no_docs else docs_url)
        env = dict(os.environ, PORT=str(port), SITE_URL=site_url, DOCS_URL=docs_url)
        env.setdefault("NO_MKDOCS_2_WARNING", "1")
        env.setdefault("PYTHONUNBUFFERED", "1")  # lines reach the terminal as they are written
        # The web server's reloader child reads these too: the site links to these docs.
        os.environ.update(SITE_URL=site_url, DOCS_URL=docs_url)
        supervisor = Supervisor(
            processes(docs_port, docs=not no_docs), env=env, cwd=settings.BASE_DIR
        )
        watcher = threading.Thread(target=self.start_the_rest, args=(supervisor, port))
        watcher.daemon = True
        watcher.start()
        try:
            # runserver in this process: its autoreloader runs this command again as the
            # server (one Django start fewer than a separate runserver process).
            call_command("runserver", f"127.0.0.1:{port}")
        except SystemExit as stop:  # SIGTERM (runserver's handler) or the server's exit
            if stop.code:
                self.stderr.write(f"The web server stopped (exit code {stop.code}).")
        finally:
            supervisor.stop()
            self.stdout.write("Stopped the web server, the worker, beat and the docs.")

    def start_the_rest(self, supervisor, port):
        # Worker, beat and docs start once the site answers, so they do not slow its start.
        if not wait_for_port(port, supervisor._stopping):
            return
        supervisor.start()
        if supervisor.wait():  # one of them failed: stop everything, as Ctrl-C would
            signal.raise_signal(signal.SIGINT)

    def migrate_if_needed(self):
        pending = fast_unapplied()
        if not pending:
            return False
        self.stdout.write(f"Applying {len(pending)} migrations...")
        call_command("migrate", interactive=False, verbosity=0)
        return True

    def seed_if_needed(self, force):
        names = [spec["username"] for spec in DEMO_USERS]
        have = get_user_model().objects.filter(username__in=names).count()
        if force or have < len(names):
            with quiet_logging(), open(os.devnull, "w") as devnull:
                call_command("seed_demo", stdout=devnull)

    def banner(self, site_url, docs_url):
        write = self.stdout.write
        write("")
        write(f"  Site      {site_url}/")
        write(f"  Admin     {site_url}/admin/")
        write(f"  Outbox    {site_url}/outbox/")
        write(f"  Docs      {docs_url or 'not served (--no-docs)'}")
        write(f"  Exercises {_python_name()} manage.py exercises")
        write("  Logins")
        for spec in DEMO_USERS:
            role = "staff, /admin/" if spec.get("is_staff") else "learner"
            write(f"    {spec['username']:<8} {spec['password']:<16} ({role})")
        write("  Ctrl-C stops the web server, the Celery worker, beat and the docs.")
        write("")


def _python_name():
    # The command a learner can type again: `python` inside an activated venv.
    return "python" if os.environ.get("VIRTUAL_ENV") else sys.executable
