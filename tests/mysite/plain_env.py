"""Helpers for the slow tests that start the site as a learner does."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

# The test run's own settings and services must not leak into a learner's start.
TEST_ONLY = (
    "DJANGO_SETTINGS_MODULE", "CELERY_TASK_ALWAYS_EAGER", "DATABASE_URL", "REDIS_URL",
    "CELERY_BROKER_URL", "EMAIL_URL", "COOKBOOK_TEST_DB_SUFFIX", "PORT", "DOCS_PORT",
    "SITE_URL", "DOCS_URL", "RUN_MAIN",
)  # fmt: skip


def learner_env(var_dir, **extra):
    env = {key: value for key, value in os.environ.items() if key not in TEST_ONLY}
    return {**env, "DJANGO_VAR_DIR": str(var_dir), "PYTHONUNBUFFERED": "1", **extra}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url, timeout=10):
    """(status, body) of a GET, following redirects; (None, error) if nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", errors="replace")
    except OSError as error:
        return None, str(error)


def wait_for(url, process, timeout=180, accept=(200,)):
    deadline = time.monotonic() + timeout
    status, body = None, ""
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the process exited with {process.returncode}")
        status, body = get(url)
        if status in accept:
            return status, body
        time.sleep(0.3)
    raise AssertionError(f"{url} never answered {accept}; last: {status} {body[:300]}")


def manage(cwd, env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=cwd, env=env, timeout=600, **kwargs
    )
