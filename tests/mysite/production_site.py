"""Start bin/production (gunicorn, a Celery worker, beat) as real processes, and talk to it.

The test client stands where the TLS-terminating proxy would: it sends
`X-Forwarded-Proto: https` (settings trust it in production mode), and an
`Origin` header, which Django's CSRF check needs on a secure request. Cookies
are kept by hand because the session cookie is `Secure` and this hop is HTTP.
"""

import os
import re
import secrets
import signal
import subprocess
import sys
from contextlib import contextmanager

import requests

from tests.conftest import ROOT, database_url, wait_until
from tests.orders.smtp import free_port


@contextmanager
def production_site(log_path, **extra_env):
    from django.db import connection

    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_TASK"))}
    env.update(
        DJANGO_SETTINGS_MODULE="mysite.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_VAR_DIR=os.environ["DJANGO_VAR_DIR"],  # the test run's folder and broker
        DATABASE_URL=database_url(connection.settings_dict),
        BIND=f"127.0.0.1:{port}",
        WEB_WORKERS="2",
        WEB_THREADS="2",
        CELERY_CONCURRENCY="1",
        **extra_env,
    )
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "bin/production"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # one process group: stopping it stops them all
        )
    site = ProductionClient(f"http://127.0.0.1:{port}")
    try:
        wait_until(
            lambda: (
                process.poll() is not None
                or ("celery@" in log_path.read_text() and site.answers())
            ),
            timeout=120,
            message="bin/production to serve",
        )
        assert process.poll() is None, log_path.read_text()
        yield site
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


class ProductionClient:
    def __init__(self, base):
        self.base = base
        self.cookies = {}
        self.proxy_headers = {"X-Forwarded-Proto": "https", "Origin": f"https://{base[7:]}"}

    def answers(self):
        try:
            return requests.get(self.base + "/", headers=self.proxy_headers, timeout=2).ok
        except requests.RequestException:
            return False

    def request(self, method, path, **kwargs):
        response = requests.request(
            method,
            self.base + path,
            headers=self.proxy_headers,
            cookies=self.cookies,
            allow_redirects=False,
            timeout=20,
            **kwargs,
        )
        self.cookies.update(response.cookies.get_dict())
        return response

    def get(self, path):
        return self.request("GET", path)

    def post_form(self, path, data):
        """Post a form the way a browser does: with the CSRF token from its page."""
        page = self.get(path).text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.request("POST", path, data={"csrfmiddlewaretoken": token, **data})
