"""How long placing an order takes: email sent inside the request vs. queued after commit.

Run it with `make bench` (or `.venv/bin/python bench/order_emails.py`). It
starts an SMTP server on 127.0.0.1 that answers each message after 200 ms, like
a slow mail provider, and posts the order form with Django's test client:

- "inside the request": the email task runs eagerly during the request, as
  when a post_save receiver calls send_mail (2 emails per order);
- "delay_on_commit": the request only publishes the two tasks to the broker
  (kombu's filesystem transport) after the commit; no worker runs here.

Everything lives in a temporary folder: a fresh SQLite database and broker.
"""

import asyncio
import os
import shutil
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ORDERS = int(os.environ.get("BENCH_ORDERS", "15"))
SMTP_DELAY = 0.2


class SlowSMTPHandler:
    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(SMTP_DELAY)
        return "250 OK"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def place_orders(client, url, data, count):
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        response = client.post(url, data)
        timings.append(time.perf_counter() - started)
        if response.status_code != 302:
            sys.exit(f"placing an order failed: HTTP {response.status_code}")
    return timings


def main():
    from aiosmtpd.controller import Controller

    var_dir = tempfile.mkdtemp(prefix="bench-orders-")
    smtp = Controller(SlowSMTPHandler(), hostname="127.0.0.1", port=free_port())
    smtp.start()
    os.environ.update(
        DJANGO_SETTINGS_MODULE="mysite.settings",
        DJANGO_VAR_DIR=var_dir,
        DJANGO_DEBUG_TOOLBAR="0",
        DJANGO_LOG_LEVEL="WARNING",
        CELERY_BROKER_URL="filesystem://localhost//",
        EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}",
    )
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT))
    try:
        import django

        django.setup()
        from django.contrib.auth import get_user_model
        from django.core.management import call_command
        from django.test import Client
        from django.urls import reverse

        from mysite.celery import app
        from orders.models import Product

        call_command("migrate", verbosity=0)
        user = get_user_model().objects.create_user("bench", "bench@example.com", "x")
        product = Product.objects.create(name="Bench mug", price=10, stock=10_000)
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        url, data = reverse("orders:new"), {f"qty_{product.pk}": "1"}

        results = {}
        for label, eager in [("inside the request", True), ("delay_on_commit", False)]:
            app.conf.task_always_eager = eager
            place_orders(client, url, data, 2)  # warm up
            results[label] = statistics.median(place_orders(client, url, data, ORDERS))

        sync, queued = results["inside the request"], results["delay_on_commit"]
        delay_ms = SMTP_DELAY * 1000
        report = [
            f"Placing an order ({ORDERS} orders each, SMTP answers after {delay_ms:.0f} ms)",
            f"  email sent inside the request:    median {sync * 1000:7.1f} ms",
            f"  task queued with delay_on_commit: median {queued * 1000:7.1f} ms",
            f"  ratio: {sync / queued:.1f}x faster with delay_on_commit",
        ]
        sys.stdout.write("\n".join(report) + "\n")
    finally:
        smtp.stop()
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
