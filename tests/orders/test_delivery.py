"""Delivery faults, through a real worker and a real SMTP server (orders/delivery.py).

The server refuses for good, disappears, and answers after the client's timeout.
"""

import pytest
from django.urls import reverse

from orders.models import OrderEmail
from orders.services import place_order
from tests.conftest import running_worker, tasks_sent_to, wait_until

from .delivery_smtp import RestartableSMTPServer

Status = OrderEmail.Status
MAX_ATTEMPTS = 3
EMAIL_TIMEOUT = 1.0  # seconds the worker waits for each SMTP reply


@pytest.fixture(scope="module")
def delivery_server():
    server = RestartableSMTPServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def delivery_worker_process(django_db_setup, delivery_server, tmp_path_factory):
    with running_worker(
        tmp_path_factory.mktemp("delivery-worker"),
        EMAIL_URL=delivery_server.url,
        EMAIL_TIMEOUT=str(EMAIL_TIMEOUT),
        ORDERS_EMAIL_RETRY_SECONDS="0.2",
        ORDERS_EMAIL_MAX_ATTEMPTS=str(MAX_ATTEMPTS),
    ) as worker:
        yield worker


@pytest.fixture
def server(delivery_server):
    delivery_server.handler.set("accept")
    yield delivery_server
    if delivery_server.controller is None:
        delivery_server.start()
    delivery_server.handler.set("accept")


@pytest.fixture
def worker(delivery_worker_process, transactional_db):
    with tasks_sent_to(delivery_worker_process) as worker:
        yield worker


def confirmation_of(order):
    return order.emails.get(kind=OrderEmail.Kind.CONFIRMATION)


def settled(order):
    """Both of the order's emails have stopped changing: sent, failed or dead."""
    final = {Status.SENT, Status.FAILED, Status.DEAD}
    return all(email.status in final for email in order.emails.all())


def page(client, user, url):
    client.force_login(user)
    return client.get(url).content.decode()


def test_a_permanent_refusal_is_recorded_once_and_shown_on_the_order(
    worker, server, client, alice, mug
):
    server.handler.set("refuse")
    order = place_order(alice, {mug.pk: 1})
    wait_until(lambda: settled(order), timeout=30, message="the refusals")
    email = confirmation_of(order)
    assert (email.status, email.attempts, email.sent_at) == (Status.FAILED, 1, None)
    assert "554" in email.last_error
    detail = page(client, alice, reverse("orders:detail", args=[order.pk]))
    assert "refused by the mail server, not retried" in detail and "554" in detail
    mine = page(client, alice, reverse("orders:mine"))
    assert "Order confirmation email: refused by the mail server" in mine


def test_a_server_that_disappears_is_retried_then_the_email_is_a_dead_letter(
    worker, server, client, alice, mug
):
    server.stop()  # connection refused from now on
    order = place_order(alice, {mug.pk: 1})
    wait_until(lambda: settled(order), timeout=60, message="the attempts to run out")
    email = confirmation_of(order)
    assert (email.status, email.attempts) == (Status.DEAD, MAX_ATTEMPTS)
    assert "Connection refused" in email.last_error or "ConnectionRefused" in email.last_error
    detail = page(client, alice, reverse("orders:detail", args=[order.pk]))
    assert f"gave up after {MAX_ATTEMPTS} attempts" in detail
    # A dead letter stays dead: the relay does not queue it again.
    server.start()
    from orders.outbox import relay_unsent_emails

    assert relay_unsent_emails(grace=0) == 0


# --8<-- [start:test_late_answer]
def test_a_late_answer_repeats_the_email_with_the_same_message_id(
    worker,
    server,
    alice,
    mug,
):
    # The server keeps the message but answers after the worker's timeout: the
    # worker cannot know it was delivered, so it tries again. SMTP allows no
    # better; the repeat carries the same Message-ID, so mail clients show one.
    server.handler.set("late", delay=EMAIL_TIMEOUT + 1.5, containing="confirmed")
    order = place_order(alice, {mug.pk: 1})
    wait_until(lambda: settled(order), timeout=30, message="the retry")
    email = confirmation_of(order)
    assert (email.status, email.attempts) == (Status.SENT, 2)
    copies = server.handler.order_messages(order.reference)
    confirmations = [m for m in copies if "confirmed" in m["Subject"]]
    assert [m["Message-ID"] for m in confirmations] == [email.message_id] * 2


# --8<-- [end:test_late_answer]


def test_a_prompt_server_gets_each_email_once_with_its_message_id(worker, server, alice, mug):
    order = place_order(alice, {mug.pk: 1})
    wait_until(lambda: settled(order), timeout=30, message="delivery")
    emails = list(order.emails.all())
    assert [(e.status, e.attempts) for e in emails] == [(Status.SENT, 1)] * 2
    received = server.handler.order_messages(order.reference)
    assert sorted(m["Message-ID"] for m in received) == sorted(e.message_id for e in emails)
