"""A worker killed mid-send (SIGKILL): the email still goes out, once, after a new worker starts.

Runs on whichever broker the settings name: the filesystem transport loses the
killed worker's message and the outbox relay queues the email again; Redis
gives it back after the visibility timeout, RabbitMQ as soon as the connection
drops. In every case the row's claim lets exactly one attempt send.
"""

import os
import signal
import time

import pytest
from django.utils import timezone

from orders.models import OrderEmail
from orders.outbox import relay_unsent_emails
from orders.services import place_order
from tests.conftest import running_worker, tasks_sent_to, wait_until

from .delivery_smtp import RestartableSMTPServer

LEASE_SECONDS = 3


@pytest.fixture
def server():
    server = RestartableSMTPServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


# The fixture's name gives the test the `worker` marker (tests/conftest.py).
@pytest.fixture
def delivery_worker_process(transactional_db, server, tmp_path):
    env = {
        "EMAIL_URL": server.url,
        "EMAIL_TIMEOUT": "60",  # the killed worker would wait this long for the stall
        "ORDERS_EMAIL_LEASE_SECONDS": str(LEASE_SECONDS),
        "ORDERS_EMAIL_RETRY_SECONDS": "0.2",
        "CELERY_BROKER_VISIBILITY_TIMEOUT": "5",
    }

    def start(name, queue=None):
        return running_worker(tmp_path / name, queue=queue, **env)

    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    return start


# --8<-- [start:test_worker_killed]
def test_an_email_whose_worker_was_killed_mid_send_goes_out_exactly_once(
    delivery_worker_process, server, alice, mug
):
    server.handler.set("stall", delay=30)  # hang in the SMTP conversation
    with delivery_worker_process("first") as first, tasks_sent_to(first):
        order = place_order(alice, {mug.pk: 1})
        wait_until(server.handler.stalled.is_set, message="a worker to be mid-send")
        os.kill(first["process"].pid, signal.SIGKILL)
        first["process"].wait(timeout=10)
    confirmation = order.emails.get(kind=OrderEmail.Kind.CONFIRMATION)
    claimed = order.emails.get(status=OrderEmail.Status.SENDING)
    assert claimed.attempts == 1
    assert server.handler.order_messages(order.reference) == []  # nothing got through

    server.handler.set("accept")
    second_worker = delivery_worker_process("second", queue=first["queue"])
    with second_worker as second, tasks_sent_to(second):
        # The dead worker's claim runs out; then the relay (Celery beat's job
        # every 30 s) queues the email again, whatever the broker did.
        time.sleep(max(0.0, (claimed.claimed_until - timezone.now()).total_seconds()))
        relay_unsent_emails(grace=0)
        wait_until(
            lambda: not order.emails.exclude(status=OrderEmail.Status.SENT).exists(),
            timeout=30,
            message="both emails to be sent",
        )
        time.sleep(LEASE_SECONDS)  # room for a redelivered duplicate to show up
    received = server.handler.order_messages(order.reference)
    assert sorted(m["Subject"] for m in received) == [
        f"New order {order.reference} from alice",
        f"Your order {order.reference} is confirmed",
    ]
    confirmation.refresh_from_db()
    [copy] = [m for m in received if "confirmed" in m["Subject"]]
    assert copy["Message-ID"] == confirmation.message_id


# --8<-- [end:test_worker_killed]
