import subprocess
import sys
import uuid
from contextlib import contextmanager
from decimal import Decimal

import pytest
from kombu import pools

from tests.conftest import ROOT, subprocess_env, wait_until

from .smtp import FlakySMTPHandler, start_smtp_server


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user("alice", "alice@example.com", "alice-signals")


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        "staffer", "staffer@example.com", "staff-signals", is_staff=True
    )


@pytest.fixture
def mug(db):
    from orders.models import Product

    return Product.objects.create(
        name="Receiver mug", price=Decimal("12.00"), stock=20, low_stock_threshold=3
    )


@pytest.fixture
def flag(db):
    from orders.models import Product

    return Product.objects.create(
        name="Signal flag", price=Decimal("4.50"), stock=5, low_stock_threshold=2
    )


# --- a real SMTP server, and a worker that relays to it ------------------------


@pytest.fixture(scope="session")
def smtp_server():
    handler = FlakySMTPHandler()
    controller = start_smtp_server(handler)
    try:
        yield controller
    finally:
        controller.stop()


@pytest.fixture
def smtp(smtp_server):
    """The SMTP server's handler, emptied for this test; `refuse(n)` makes it refuse mail."""
    smtp_server.handler.reset()
    yield smtp_server.handler
    smtp_server.handler.reset()


@pytest.fixture(scope="session")
def smtp_worker_process(django_db_setup, smtp_server, tmp_path_factory):
    """A Celery worker whose emails go over SMTP to `smtp_server` (EMAIL_URL).

    The shared `celery_worker` cannot be used for this: its environment is
    fixed when the first test starts it, and EMAIL_URL must be in it.
    """
    from mysite.celery import app

    queue = f"test-smtp-{uuid.uuid4().hex[:8]}"
    log_path = tmp_path_factory.mktemp("smtp-worker") / "worker.log"
    env = subprocess_env(
        CELERY_TASK_ALWAYS_EAGER="0",
        EMAIL_URL=f"smtp://{smtp_server.hostname}:{smtp_server.port}",
    )
    command = [
        sys.executable, "-m", "celery", "-A", "mysite", "worker", "--pool=solo",
        "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
        "-Q", queue, "-n", f"{queue}@%h",
    ]  # fmt: skip
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        wait_until(
            lambda: process.poll() is not None or "ready." in log_path.read_text(),
            timeout=60,
            message="the SMTP-relaying Celery worker to start",
        )
        if process.poll() is not None:
            pytest.fail(f"the Celery worker exited:\n{log_path.read_text()}")
        yield {"queue": queue, "log": log_path, "app": app}
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def smtp_worker(smtp_worker_process, transactional_db, smtp):
    app = smtp_worker_process["app"]
    saved = app.conf.task_always_eager, app.conf.task_default_queue
    app.conf.task_always_eager = False
    app.conf.task_default_queue = smtp_worker_process["queue"]
    try:
        yield smtp_worker_process
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = saved


# --- a broker that is down -------------------------------------------------------


def _drop_connections(app):
    # The producer pools (kombu keeps them per connection, process-wide) hold
    # connections to the broker they were made for: close and forget them all.
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def broker_at(url, transport_options):
    """Point this process's Celery producer at `url` (the worker keeps its own broker)."""
    from mysite.celery import app

    saved = app.conf.broker_url, app.conf.broker_transport_options
    _drop_connections(app)
    app.conf.broker_url, app.conf.broker_transport_options = url, transport_options
    try:
        yield app
    finally:
        _drop_connections(app)
        app.conf.broker_url, app.conf.broker_transport_options = saved
