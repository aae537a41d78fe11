"""Settings for pytest: the real settings, with runtime state in a fresh folder.

The folder goes into the environment before settings.py reads it, so a Celery
worker or management command that a test starts shares it (and the test
database file in it) with the test process.
"""

import atexit
import os
import shutil
import tempfile
from urllib.parse import urlsplit, urlunsplit


def _memory_folder():
    """/dev/shm when it is a roomy in-memory file system (Linux), else None.

    The suite commits thousands of small SQLite transactions and writes cache and
    broker files; on a disk each commit waits for fsync. In memory, the same suite
    took a third less time here. Docker gives /dev/shm 64 MB by default: too small.
    """
    try:
        return "/dev/shm" if shutil.disk_usage("/dev/shm").free > 512 * 2**20 else None
    except OSError:
        return None


if "DJANGO_VAR_DIR" not in os.environ:
    os.environ["DJANGO_VAR_DIR"] = tempfile.mkdtemp(prefix="cookbook-test-", dir=_memory_folder())
    atexit.register(shutil.rmtree, os.environ["DJANGO_VAR_DIR"], ignore_errors=True)

# `make test` runs pytest-xdist workers, which inherit the folder above: each gets
# a folder of its own inside it (database, file cache, broker, media), so one
# worker's cache.clear() or test database never touches another's. The marker
# keeps a process that a worker starts (a Celery worker, say) in the same folder.
_xdist_worker = os.environ.get("PYTEST_XDIST_WORKER")
if _xdist_worker and os.environ.get("COOKBOOK_VAR_DIR_OF") != _xdist_worker:
    os.environ["DJANGO_VAR_DIR"] = os.path.join(os.environ["DJANGO_VAR_DIR"], _xdist_worker)
    os.environ["COOKBOOK_VAR_DIR_OF"] = _xdist_worker
    os.makedirs(os.environ["DJANGO_VAR_DIR"], exist_ok=True)
    # Redis too: the cache's clear() empties a whole Redis database, so each worker
    # takes the next database number after the one REDIS_URL names (gw0: +1, ...).
    if os.environ.get("REDIS_URL"):
        _redis = urlsplit(os.environ["REDIS_URL"])
        _number = (int(_redis.path.strip("/") or 0) + 1 + int(_xdist_worker[2:])) % 16
        os.environ["REDIS_URL"] = urlunsplit(_redis._replace(path=f"/{_number}"))

# Tasks run inline after commit unless a test starts a real worker (tests/conftest.py).
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "1")
# The trace block on (tests run with DEBUG off), here and in any worker a test starts.
os.environ.setdefault("SIGNALS_TRACE", "1")

from .settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# A pytest run started by another one (the exercise runner's) gets a test
# database of its own: two runs on one PostgreSQL test database would drop it
# from under each other. SQLite needs nothing: each run has its own VAR_DIR.
_nested = os.environ.get("COOKBOOK_TEST_DB_SUFFIX")
if _nested and DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":  # noqa: F405
    _name = DATABASES["default"]["NAME"]  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": f"test_{_name}_{_nested}"}  # noqa: F405

# CI's RabbitMQ run (.ci/run): RABBITMQ_URL makes RabbitMQ the broker of the test
# process and of every worker it starts (they load these settings too). Not
# CELERY_BROKER_URL: Celery reads that variable itself, over any setting, and
# the broker-down tests must be able to point the producer elsewhere.
RABBITMQ_URL = os.environ.get("RABBITMQ_URL", "")
if RABBITMQ_URL:
    CELERY_BROKER_URL = RABBITMQ_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 2}

# The suite never imports the learner's exercise files: it must pass whatever
# they hold. The exercise runner imports the one it checks (exercises/loading.py).
EXERCISES_LOAD_LEARNER_FILES = env.bool("EXERCISES_LOAD_LEARNER_FILES", default=False)  # noqa: F405
