"""A fresh clone started the plain Django way: migrate, runserver, every page serves.

Uses this test run's Python and installed requirements (the venv and `pip install`
steps are the README's; CI's own install proves them).
"""

import signal
import subprocess
import sys

import pytest

from tests.conftest import ROOT

from .plain_env import free_port, get, learner_env, manage, wait_for

pytestmark = pytest.mark.slow

# Every page a visitor can open; login-only ones redirect to the login page.
PAGES = [
    "/", "/polls/", "/profiles/signup/", "/profiles/", "/blog/", "/blog/tags/",
    "/orders/", "/orders/mine/", "/orders/new/", "/outbox/", "/signals/",
    "/accounts/login/", "/admin/login/",
]  # fmt: skip


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    target = tmp_path_factory.mktemp("fresh") / "django-signals-cookbook"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(target)], check=True, timeout=300)
    return target


def test_runserver_before_migrate_says_to_migrate_then_every_page_serves(clone, tmp_path):
    env = learner_env(clone / "var")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}"],
        cwd=clone,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    site = f"http://127.0.0.1:{port}"
    try:
        # A learner who skipped migrate: a page that says what to type, not a 500.
        status, html = wait_for(f"{site}/polls/", server, accept=(503,))
        assert "python manage.py migrate" in html

        assert manage(clone, env, "migrate", "--noinput", "-v0").returncode == 0
        for path in PAGES:
            status, html = get(site + path)
            assert status == 200, f"{path}: {status} {html[:500]}"
        # No worker runs in the plain runserver path: the site says so, and how to start one.
        _, home = get(site + "/")
        assert "No Celery worker is running" in home
        assert "python -m celery -A mysite worker --pool=solo" in home
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
