import gc
import os
import subprocess
import sys
import time
import uuid
import weakref
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from django.dispatch import Signal

ROOT = Path(__file__).resolve().parent.parent


pytest_plugins = ["tests.scheduling"]  # how make test spreads the suite over cores


# --- receivers must not leak between tests -----------------------------------


@pytest.fixture(scope="session")
def all_signals(django_db_setup):
    # Every Signal alive once Django is set up: built-in, third-party and ours.
    # type(), not isinstance(): isinstance() would wake lazy objects such as GEOS.
    return [obj for obj in gc.get_objects() if issubclass(type(obj), Signal)]


def _live_receivers(signal):
    for key, ref, *_ in signal.receivers:
        receiver = ref() if isinstance(ref, weakref.ReferenceType) else ref
        if receiver is not None:  # a weak receiver already collected is not connected
            yield key, receiver


# Django and the toolbar connect some receivers lazily, once per process (a
# storage's setting_changed hook, say). Those are not a test's doing.
THIRD_PARTY = ("django", "debug_toolbar", "celery", "kombu")


def _connected(signals):
    return {
        (id(signal), key): (signal, receiver)
        for signal in signals
        for key, receiver in _live_receivers(signal)
        if getattr(receiver, "__module__", "").partition(".")[0] not in THIRD_PARTY
    }


# --8<-- [start:no_leaked_receivers]
@pytest.fixture(autouse=True)
def no_leaked_receivers(request, all_signals):
    """Fail a test that leaves a receiver connected: disconnect in a `finally`."""
    before = _connected(all_signals)
    yield
    leaked = [
        f"{getattr(receiver, '__qualname__', receiver)} on {signal!r}"
        for key, (signal, receiver) in _connected(all_signals).items()
        if key not in before
    ]
    if leaked:
        pytest.fail(f"{request.node.nodeid} left receivers connected: {leaked}")


# --8<-- [end:no_leaked_receivers]


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def no_leaked_celery_settings(request):
    """Fail a test that leaves a Celery setting assigned: use conf_overridden().

    An assigned setting hides Django's for the rest of the process, so the tests
    after it would pass or fail by the order they ran in."""
    from mysite.celery import app

    app.conf.task_always_eager  # noqa: B018 (loads the configuration, if not yet loaded)
    before = dict(app.conf.changes)
    yield
    if changed := assigned_since(before, app.conf.changes):
        pytest.fail(f"{request.node.nodeid} left Celery settings assigned: {changed}")


def assigned_since(before, changes):
    """The Celery settings assigned, changed or removed since `before` was taken."""
    keys = before.keys() | changes.keys()
    return sorted(key for key in keys if before.get(key) != changes.get(key))


# --- a real Celery worker ----------------------------------------------------


def wait_until(predicate, timeout=20.0, interval=0.1, message="condition"):
    """Poll `predicate` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout}s waiting for {message}")


def database_url(settings_dict):
    """A DATABASE_URL for the test database, so another process opens the same one."""
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return "sqlite:///" + str(Path(settings_dict["NAME"]).resolve())
    user = quote(settings_dict.get("USER") or "")
    password = quote(settings_dict.get("PASSWORD") or "")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host, port = settings_dict.get("HOST") or "", settings_dict.get("PORT") or ""
    return f"postgres://{auth}{host}{':' + str(port) if port else ''}/{settings_dict['NAME']}"


def subprocess_env(**extra):
    """The environment for a process that must see this test run's database and folders."""
    from django.db import connection

    env = dict(os.environ)
    env["DATABASE_URL"] = database_url(connection.settings_dict)
    env["DJANGO_SETTINGS_MODULE"] = "mysite.settings_test"
    env.update(extra)
    return env


def separate_run_env(**extra):
    """The environment for a pytest run inside this one: a folder and test database
    of its own, so it cannot delete the test database this run is using."""
    own = ("DJANGO_VAR_DIR", "COOKBOOK_VAR_DIR_OF", "PYTEST_XDIST_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(own)}
    env.update(extra)
    return env


def require_broker(app):
    """A worker on a broker that is down would only time out: skip, or fail in CI."""
    from tests.services import missing

    url = app.conf.broker_url
    if url.startswith("filesystem://"):
        return
    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, timeout=3)
    except Exception as error:  # kombu raises the transport's own errors
        missing(f"the broker at {connection.as_uri()} does not answer: {error}")


@contextmanager
def running_worker(log_dir, queue=None, *, clean_stop=False, **env):
    """Run `celery -A mysite worker` as its own process on a queue of its own.

    `env` is added to the worker's environment (EMAIL_URL, say). Yields a dict
    with the worker's queue, log file and process. Pass `queue` to start a
    worker on the queue of one that is gone. `clean_stop` waits for Celery's
    warm shutdown (and its worker_shutdown signal) instead of killing it.
    """
    from mysite.celery import app

    require_broker(app)
    queue = queue or f"test-{uuid.uuid4().hex[:8]}"
    log_path = log_dir / "worker.log"
    command = [
        sys.executable, "-m", "celery", "-A", "mysite", "worker", "--pool=solo",
        "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
        "-Q", queue, "-n", f"{queue}@%h",
    ]  # fmt: skip
    environment = subprocess_env(CELERY_TASK_ALWAYS_EAGER="0", **env)
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=log)
    try:
        wait_until(
            lambda: process.poll() is not None or "ready." in log_path.read_text(),
            timeout=60,
            message="the Celery worker to start",
        )
        if process.poll() is not None:
            pytest.fail(f"the Celery worker exited:\n{log_path.read_text()}")
        yield {"queue": queue, "log": log_path, "app": app, "process": process}
    finally:
        # Its work is done: a warm shutdown takes 3-4 s of the run's time here, so
        # unless asked for, it gets a second, then is killed (tasks are acked late).
        process.terminate()
        try:
            process.wait(timeout=15 if clean_stop else 1)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def tasks_sent_to(worker):
    """Send tasks to `worker`'s queue instead of running them inline."""
    from mysite.celery import conf_overridden

    with conf_overridden(task_always_eager=False, task_default_queue=worker["queue"]):
        yield worker


@pytest.fixture
def own_queue():
    """Tasks are queued, on a queue no worker reads: as if no worker ran at all."""
    from mysite.celery import conf_overridden

    queue = f"no-worker-{uuid.uuid4().hex[:8]}"
    with conf_overridden(task_always_eager=False, task_default_queue=queue):
        yield queue


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, tmp_path_factory):
    """The real worker, started once for the session."""
    with running_worker(tmp_path_factory.mktemp("worker")) as worker:
        yield worker


@pytest.fixture
def celery_worker(celery_worker_process, transactional_db):
    """Send this test's tasks to the real worker instead of running them inline."""
    with tasks_sent_to(celery_worker_process) as worker:
        yield worker


# --- the docs site -----------------------------------------------------------


@pytest.fixture(scope="session")
def built_docs_site(tmp_path_factory, live_server):
    """The docs, built once by `mkdocs build --strict` (any warning fails the build),
    as `manage.py run` builds them: SITE_URL, where their "Try it" links lead, set to
    the site's address, here the tests' live server."""
    from tests.browser.built_docs import build_docs

    return build_docs(tmp_path_factory.mktemp("docs") / "site", SITE_URL=live_server.url)


# --- email -------------------------------------------------------------------


@pytest.fixture
def outbox_backend(settings):
    """Send this test's email through the Outbox backend instead of mail.outbox.

    The test runner swaps in Django's locmem backend; the Outbox page needs the
    real one. Django 6.1 configures backends with MAILERS, 5.2 with EMAIL_BACKEND.
    """
    if hasattr(settings, "MAILERS"):
        settings.MAILERS = {
            **settings.MAILERS,
            "default": {"BACKEND": "mysite.mail.OutboxBackend"},
        }
    else:
        settings.EMAIL_BACKEND = "mysite.mail.OutboxBackend"
    return settings
