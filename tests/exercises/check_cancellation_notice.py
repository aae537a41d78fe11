"""Checks for the exercise “Tell the staff when an order is cancelled”."""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from orders.models import Product
from orders.services import change_status, place_order
from orders.signals import order_status_changed

pytestmark = pytest.mark.django_db(transaction=True)


STAFF = ["ops@example.com", "warehouse@example.com"]


class Rollback(Exception):
    pass


@pytest.fixture(autouse=True)
def two_staff_addresses(settings):
    settings.STAFF_EMAILS = STAFF


@pytest.fixture
def order():
    alice = get_user_model().objects.create_user("alice", "alice@example.com", "pw")
    mug = Product.objects.create(name="Receiver mug", price=12, stock=10)
    return place_order(alice, {mug.pk: 1})


def notices(mailoutbox):
    return [email for email in mailoutbox if email.subject.endswith(" cancelled")]


def test_cancelling_a_paid_order_tells_the_staff(order, mailoutbox, settings):
    change_status(order.pk, "paid")
    change_status(order.pk, "cancelled")
    found = notices(mailoutbox)
    assert found, "Cancelling an order should email the staff a '... cancelled' notice."
    assert len(found) == 1, f"One cancellation, one email; got {len(found)}."
    email = found[0]
    expected = f"Order {order.reference} cancelled"
    assert email.subject == expected, f"Subject was {email.subject!r}, expected {expected!r}."
    assert sorted(email.to) == sorted(STAFF), (
        f"settings.STAFF_EMAILS is {STAFF}, but the email went to {email.to}: send it to "
        "every address in the list (recipient_list=settings.STAFF_EMAILS)."
    )
    assert "paid" in email.body, (
        f"The order was paid before it was cancelled, but the body says {email.body!r}. "
        "By the time the signal is sent, order.status is already 'cancelled': use the "
        "old_status argument."
    )


def test_cancelling_a_pending_order_says_pending(order, mailoutbox):
    change_status(order.pk, "cancelled")
    assert [e for e in notices(mailoutbox) if "pending" in e.body], (
        "The notice for a pending order should say it was pending."
    )


def test_other_changes_send_no_notice(order, mailoutbox):
    for status in ["paid", "shipped", "delivered"]:
        change_status(order.pk, status)
    assert notices(mailoutbox) == [], "Only a cancellation sends the notice."


def test_nothing_before_the_commit_and_nothing_for_a_rollback(order, mailoutbox):
    with pytest.raises(Rollback), transaction.atomic():
        change_status(order.pk, "cancelled")
        assert notices(mailoutbox) == [], "The notice went out before the change committed."
        raise Rollback
    assert notices(mailoutbox) == [], "A rolled-back cancellation must not be announced."


def test_the_receiver_has_a_dispatch_uid():
    ours = {"orders.record_status_change", "orders.email_status_change", "orders.record_refund"}
    uids = {key[0] for key, *_ in order_status_changed.receivers if isinstance(key[0], str)}
    assert uids - ours, "Connect your receiver with a dispatch_uid of its own."
