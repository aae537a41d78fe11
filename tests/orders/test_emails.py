"""Order emails: after commit, sent once by a real worker, through SMTP and broker faults."""

import socket
import threading
import time
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse

from mysite.models import SentEmail
from orders.models import Order, OrderEmail
from orders.outbox import relay_unsent_emails
from orders.services import place_order
from orders.tasks import send_order_email
from tests.concurrency import at_once, errors_in
from tests.conftest import wait_until
from tests.services import require_postgres

from .conftest import broker_at


class Rollback(Exception):
    pass


def confirmation_subject(order):
    return f"Your order {order.reference} is confirmed"


def staff_subject(order):
    return f"New order {order.reference} from {order.customer.user}"


# --- after commit, in this process (eager Celery, Django's mail outbox) ----------


@pytest.mark.django_db(transaction=True)
def test_placing_an_order_emails_the_customer_and_the_staff(mailoutbox, alice, mug):
    mailoutbox.clear()  # the polls app greeted alice
    order = place_order(alice, {mug.pk: 2})
    by_subject = {email.subject: email for email in mailoutbox}
    assert sorted(by_subject) == sorted([confirmation_subject(order), staff_subject(order)])
    confirmation = by_subject[confirmation_subject(order)]
    assert confirmation.to == ["alice@example.com"]
    assert "2 × Receiver mug" in confirmation.body
    html, mimetype = confirmation.alternatives[0]
    assert mimetype == "text/html" and "<strong>" + order.reference in html
    assert by_subject[staff_subject(order)].to == settings.STAFF_EMAILS
    assert OrderEmail.objects.filter(order=order, sent_at__isnull=False).count() == 2


# --8<-- [start:test_rollback]
@pytest.mark.django_db(transaction=True)
def test_nothing_is_sent_before_the_commit_or_for_a_rolled_back_order(
    mailoutbox,
    alice,
    mug,
):
    mailoutbox.clear()  # the polls app greeted alice
    with pytest.raises(Rollback), transaction.atomic():
        place_order(alice, {mug.pk: 1})
        assert mailoutbox == []  # inside the transaction: only queued
        raise Rollback
    assert mailoutbox == []
    assert not Order.objects.exists() and not OrderEmail.objects.exists()


# --8<-- [end:test_rollback]


# --- a real Celery worker --------------------------------------------------------


def sent_subjects():
    """The subjects of the order emails in the Outbox (not the polls app's greetings)."""
    order_emails = SentEmail.objects.filter(subject__contains=" order ORD-")
    return sorted(order_emails.values_list("subject", flat=True))


def test_the_worker_sends_the_confirmation_and_the_outbox_page_shows_it(
    celery_worker, client, alice, mug
):
    client.force_login(alice)
    response = client.post(reverse("orders:new"), {f"qty_{mug.pk}": "1"})
    assert response.status_code == 302  # the request did not wait for the email
    order = Order.objects.get()
    expected = sorted([confirmation_subject(order), staff_subject(order)])
    wait_until(lambda: sent_subjects() == expected, message="both order emails")
    assert "Receiver mug" in client.get(reverse("outbox")).content.decode()
    assert not OrderEmail.objects.filter(sent_at__isnull=True).exists()


# --8<-- [start:test_duplicate]
def test_a_task_delivered_twice_sends_one_email(celery_worker, alice, mug):
    with transaction.atomic():
        order = place_order(alice, {mug.pk: 1})  # queues each email once
        confirmation = order.emails.get(kind=OrderEmail.Kind.CONFIRMATION)
        send_order_email.delay_on_commit(confirmation.pk)  # and the confirmation again
    send_order_email.delay(confirmation.pk)  # and once more, later
    log = celery_worker["log"]
    wait_until(
        lambda: log.read_text().count(f"{confirmation} was already sent") >= 2,
        message="the worker to run the duplicates",
    )
    expected = [confirmation_subject(order), staff_subject(order)]
    assert sent_subjects() == sorted(expected)


# --8<-- [end:test_duplicate]


@pytest.mark.parametrize("failures", [1, 3])
def test_smtp_refusing_the_first_attempts_still_ends_in_one_email_each(
    smtp_worker, smtp, alice, mug, failures
):
    smtp.refuse(failures, containing=" order ORD-")
    order = place_order(alice, {mug.pk: 1})
    expected = sorted([confirmation_subject(order), staff_subject(order)])
    wait_until(
        lambda: sorted(smtp.subjects(containing=" order ORD-")) == expected,
        timeout=60,
        message="SMTP delivery",
    )
    assert smtp.refused == failures
    wait_until(lambda: sent_subjects() == expected, message="the Outbox rows")
    assert SentEmail.objects.filter(subject__in=expected, relayed=True).count() == 2
    # Nothing was delivered twice.
    assert sorted(smtp.subjects(containing=" order ORD-")) == expected


@pytest.mark.django_db(transaction=True)
def test_the_row_lock_lets_one_of_many_concurrent_runs_send(mailoutbox, alice, mug):
    require_postgres()
    with transaction.atomic():
        order = place_order(alice, {mug.pk: 1})
        # Make the emails' rows but keep their tasks from running here.
        transaction.get_connection().run_on_commit.clear()
    confirmation = order.emails.get(kind=OrderEmail.Kind.CONFIRMATION)
    # The task's body, run by eight workers at once.
    assert errors_in(at_once(8, lambda: send_order_email(confirmation.pk))) == []
    subjects = [email.subject for email in mailoutbox]
    assert subjects.count(confirmation_subject(order)) == 1


# --- the broker is down ----------------------------------------------------------

CLOSED_PORT = "redis://127.0.0.1:1/0"


def unreachable_broker_options():
    # The publish retries and timeouts the site's settings use for a Redis broker.
    return {**settings.REDIS_BROKER_SOCKET_TIMEOUTS, "max_retries": 2}


# --8<-- [start:test_broker_down]
def test_orders_placed_while_the_broker_is_down_are_emailed_once_it_is_back(
    celery_worker, client, alice, mug
):
    client.force_login(alice)
    with broker_at(CLOSED_PORT, unreachable_broker_options()):
        for _ in range(5):
            started = time.monotonic()
            response = client.post(reverse("orders:new"), {f"qty_{mug.pk}": "1"})
            # Placed even without a broker, and without hanging on it:
            assert response.status_code == 302
            assert time.monotonic() - started < 10
    assert Order.objects.count() == 5
    assert OrderEmail.objects.filter(sent_at__isnull=True).count() == 10
    assert sent_subjects() == []

    # The broker is back: the relay queues every unsent email. Relaying twice
    # queues each one twice, which the task's sent marker must absorb.
    assert relay_unsent_emails(grace=0) == 10
    relay_unsent_emails(grace=0)
    wait_until(lambda: len(sent_subjects()) >= 10, timeout=60, message="10 emails")
    # A last order queued behind the duplicates: once its emails are out, the
    # worker has run every duplicate before them.
    last = place_order(alice, {mug.pk: 1})
    unsent = last.emails.filter(sent_at__isnull=True)
    wait_until(lambda: not unsent.exists(), timeout=60)
    subjects = sent_subjects()
    assert len(subjects) == 12 and len(set(subjects)) == 12, "an email was sent twice"


# --8<-- [end:test_broker_down]


@contextmanager
def silent_broker():
    """A TCP server that accepts connections and never answers: a hung broker."""
    server = socket.create_server(("127.0.0.1", 0))
    accepted = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    finally:
        stop.set()
        thread.join()
        for conn in accepted:
            conn.close()
        server.close()


@pytest.fixture
def not_eager():
    from mysite.celery import conf_overridden

    with conf_overridden(task_always_eager=False):
        yield


@pytest.mark.waits  # for the publish timeouts
@pytest.mark.django_db(transaction=True)
def test_a_broker_that_never_answers_does_not_hang_the_request(not_eager, client, alice, mug):
    client.force_login(alice)
    with silent_broker() as url, broker_at(url, unreachable_broker_options()):
        started = time.monotonic()
        response = client.post(reverse("orders:new"), {f"qty_{mug.pk}": "1"})
        elapsed = time.monotonic() - started
    assert response.status_code == 302
    assert elapsed < 15, f"the request waited {elapsed:.1f}s on a silent broker"
    assert OrderEmail.objects.filter(sent_at__isnull=True).count() == 2  # left for the relay


@pytest.mark.django_db(transaction=True)
def test_the_relay_skips_emails_already_sent_or_too_recent(alice, mug):
    order = place_order(alice, {mug.pk: 1})  # eager: both sent at once
    assert not order.emails.filter(sent_at__isnull=True).exists()
    assert relay_unsent_emails(grace=0) == 0
    OrderEmail.objects.update(sent_at=None)
    assert relay_unsent_emails(grace=3600) == 0  # too recent: its own task may still run
