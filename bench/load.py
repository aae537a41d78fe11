"""Load: requests/s and p99 latency, the development server against gunicorn, side by side.

Run it with `make bench` (or `.venv/bin/python bench/load.py`). In one run it
starts `manage.py runserver` (development mode) and then gunicorn (gthread,
production mode, whitenoise, persistent connections) on the same database, and
drives each with BENCH_CLIENTS threads for BENCH_SECONDS per page:

- the blog list (served from the page cache after the first request),
- a post page,
- placing an order (a POST that writes rows and publishes two email tasks to
  kombu's filesystem broker; no worker runs, so no email is sent).

SQLite in a temporary folder by default; with DATABASE_URL (PostgreSQL) it makes
a database of its own beside the one named there and drops it afterwards. The
load generator runs on the same machine as the server and takes CPU from it:
compare the two servers with each other (the ratio), not with other machines.
"""

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "8"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
WEB_WORKERS, WEB_THREADS = os.environ.get("WEB_WORKERS", "2"), os.environ.get("WEB_THREADS", "4")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def base_environment(var_dir, database_url):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="mysite.settings",
        DJANGO_VAR_DIR=var_dir,
        DJANGO_DEBUG_TOOLBAR="0",  # measure the site, not the toolbar
        DJANGO_LOG_LEVEL="WARNING",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        CELERY_BROKER_URL="filesystem://localhost//",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    return env


SERVERS = {
    "runserver": (
        {"DJANGO_DEBUG": "1"},
        lambda port: [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
    ),
    "gunicorn": (
        {"DJANGO_DEBUG": "0", "WEB_WORKERS": WEB_WORKERS, "WEB_THREADS": WEB_THREADS},
        lambda port: [
            sys.executable,
            "-m",
            "gunicorn",
            "mysite.wsgi",
            "--config",
            "python:mysite.gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
        ],
    ),
}


def start_server(name, env, log_dir):
    extra, command = SERVERS[name]
    port = free_port()
    log = open(Path(log_dir) / f"{name}.log", "w")  # noqa: SIM115 (closed with the server)
    process = subprocess.Popen(
        command(port), cwd=ROOT, env={**env, **extra}, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            requests.get(base + "/blog/", headers=PROXY, timeout=2)
            return process, log, base
        except requests.RequestException:
            if process.poll() is not None:
                break
            time.sleep(0.3)
    sys.exit(f"{name} did not start: see {log.name}")


# Production mode trusts X-Forwarded-Proto (as behind its TLS proxy); development does not.
SCHEME = {"runserver": "http", "gunicorn": "https"}
# Stand where the TLS proxy would, so production mode does not redirect to https.
PROXY = {"X-Forwarded-Proto": "https"}


def drive(make_request, seconds=SECONDS, clients=CLIENTS):
    """Run `make_request(session)` from `clients` threads.

    Returns requests/s, the p99 latency in ms and {HTTP status: count} of failures.
    """
    latencies, errors, lock = [], {}, threading.Lock()
    stop_at = time.monotonic() + seconds

    def client():
        session = requests.Session()
        mine, failed = [], {}
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            response = make_request(session)
            mine.append(time.perf_counter() - started)
            if response.status_code not in (200, 302):
                failed[response.status_code] = failed.get(response.status_code, 0) + 1
        with lock:
            latencies.extend(mine)
            for status, count in failed.items():
                errors[status] = errors.get(status, 0) + count

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
    return len(latencies) / elapsed, p99, errors


def scenarios(base, scheme, session_id, post_slug, product_id):
    cookies = {"sessionid": session_id}
    form = requests.get(base + "/orders/new/", headers=PROXY, cookies=cookies, timeout=10)
    cookies["csrftoken"] = form.cookies["csrftoken"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    order = {"csrfmiddlewaretoken": token, f"qty_{product_id}": "1"}
    # The CSRF check compares Origin with the scheme the site believes it is on.
    post_headers = {**PROXY, "Origin": f"{scheme}://" + base.split("//", 1)[1]}
    return {
        "blog list": lambda s: s.get(base + "/blog/", headers=PROXY, timeout=30),
        "post page": lambda s: s.get(f"{base}/blog/post/{post_slug}/", headers=PROXY, timeout=30),
        "place an order": lambda s: s.post(
            base + "/orders/new/",
            data=order,
            headers=post_headers,
            cookies=cookies,
            allow_redirects=False,
            timeout=30,
        ),
    }


def seed():
    """The rows every page needs; returns a logged-in session id, a post slug, a product."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from blog.models import Post
    from orders.models import Product

    user = get_user_model().objects.create_user("bench", "bench@example.com", "x")
    for number in range(20):
        post = Post.objects.create(author=user, title=f"Load post {number}", body="word " * 300)
    product = Product.objects.create(name="Load mug", price=10, stock=10_000_000)
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value, post.slug, product.pk


def own_database(url):
    """A database of this run's own beside DATABASE_URL's, or None for SQLite."""
    if not url:
        return None
    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_loadbench"
    return urlunsplit(parts._replace(path="/" + name)), parts.path.lstrip("/"), name


def libpq_url(url):
    return "postgresql://" + url.split("://", 1)[1]


def main():
    var_dir = tempfile.mkdtemp(prefix="bench-load-")
    pg = own_database(os.environ.get("DATABASE_URL"))
    if pg:
        import psycopg

        admin_url = os.environ["DATABASE_URL"]
        with psycopg.connect(
            admin_url.replace("postgres://", "postgresql://"), autocommit=True
        ) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{pg[2]}"')
            c.execute(f'CREATE DATABASE "{pg[2]}"')
    env = base_environment(var_dir, pg[0] if pg else None)
    os.environ.update(env)
    if not pg:
        os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT))
    results = {}
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        session_id, slug, product_id = seed()
        engine = connection.vendor
        connection.close()
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT, env={**env, "DJANGO_DEBUG": "0"}, check=True,
        )  # fmt: skip
        for name in SERVERS:
            process, log, base = start_server(name, env, var_dir)
            try:
                for label, make_request in scenarios(
                    base, SCHEME[name], session_id, slug, product_id
                ).items():
                    drive(make_request, seconds=1, clients=2)  # warm up
                    results[name, label] = drive(make_request)
            finally:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=30)
                log.close()
        report(engine, results)
    finally:
        if pg:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(libpq_url(admin_url), autocommit=True) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{pg[2]}"')
        shutil.rmtree(var_dir, ignore_errors=True)


def report(engine, results):
    lines = [
        f"Load: {CLIENTS} client threads for {SECONDS:g} s per page, on {engine}",
        f"  runserver: development mode; gunicorn: {WEB_WORKERS} gthread workers x "
        f"{WEB_THREADS} threads, production mode",
        f"  {'':<15}{'runserver':>18}{'gunicorn':>18}{'gunicorn/runserver':>20}",
        f"  {'page':<15}{'req/s':>10}{'p99 ms':>8}{'req/s':>10}{'p99 ms':>8}"
        f"{'req/s':>10}{'p99':>10}",
    ]
    for label in ("blog list", "post page", "place an order"):
        dev_rps, dev_p99, dev_err = results["runserver", label]
        prod_rps, prod_p99, prod_err = results["gunicorn", label]
        lines.append(
            f"  {label:<15}{dev_rps:>10.1f}{dev_p99:>8.0f}{prod_rps:>10.1f}{prod_p99:>8.0f}"
            f"{prod_rps / dev_rps:>9.2f}x{prod_p99 / dev_p99:>9.2f}x"
        )
        if dev_err or prod_err:
            lines.append(f"  {'':<15}failures (HTTP status: count): {dev_err} / {prod_err}")
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
