"""order_status_changed: how a change is detected, who hears it, and what they do."""

import pytest
from django.db.models.signals import post_init, post_save
from django.dispatch import Signal, receiver

from orders.models import Order, OrderEmail, Product, Refund, StatusChange
from orders.services import InvalidTransition, change_status, place_order
from orders.signals import order_status_changed
from tests.concurrency import at_once, errors_in
from tests.services import require_postgres

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def order(alice, mug):
    return place_order(alice, {mug.pk: 2})


# --8<-- [start:test_providing_args]
def test_providing_args_is_gone_from_signal():
    # Django 3.1 deprecated it and 4.0 removed it: the articles' listing no longer runs.
    with pytest.raises(TypeError, match="providing_args"):
        Signal(providing_args=["order", "old_status", "new_status"])


# --8<-- [end:test_providing_args]


def test_the_signal_carries_the_order_and_both_statuses(order, staff):
    heard = []

    def listener(sender, **kwargs):
        heard.append((sender, kwargs))

    order_status_changed.connect(listener)
    try:
        change_status(order.pk, Order.Status.PAID, changed_by=staff)
    finally:
        order_status_changed.disconnect(listener)
    [(sender, kwargs)] = heard
    assert sender is Order
    assert kwargs["order"].pk == order.pk and kwargs["order"].status == Order.Status.PAID
    assert (kwargs["old_status"], kwargs["new_status"]) == ("pending", "paid")
    assert kwargs["changed_by"] == staff


def test_no_change_sends_nothing_and_a_wrong_move_is_refused(order):
    change_status(order.pk, Order.Status.PAID)
    change_status(order.pk, Order.Status.PAID)  # a double click
    with pytest.raises(InvalidTransition):
        change_status(order.pk, Order.Status.PENDING)
    assert StatusChange.objects.count() == 1


def test_the_history_follows_each_change(order, staff):
    for status in ["paid", "shipped", "delivered"]:
        change_status(order.pk, status, changed_by=staff)
    history = list(StatusChange.objects.values_list("old_status", "new_status", "changed_by"))
    assert history == [
        ("pending", "paid", staff.pk),
        ("paid", "shipped", staff.pk),
        ("shipped", "delivered", staff.pk),
    ]


def test_shipping_and_delivery_email_the_customer_after_commit(order, mailoutbox):
    mailoutbox.clear()
    change_status(order.pk, "paid")
    assert mailoutbox == []
    change_status(order.pk, "shipped")
    change_status(order.pk, "delivered")
    subjects = [email.subject for email in mailoutbox]
    assert subjects == [
        f"Your order {order.reference} is on its way",
        f"Your order {order.reference} was delivered",
    ]
    assert all(email.to == ["alice@example.com"] for email in mailoutbox)
    assert all(email.alternatives for email in mailoutbox)  # text and HTML
    kinds = set(order.emails.filter(sent_at__isnull=False).values_list("kind", flat=True))
    assert {OrderEmail.Kind.SHIPPED, OrderEmail.Kind.DELIVERED} <= kinds


def test_cancelling_a_paid_order_records_a_refund_and_restocks(order, mug):
    change_status(order.pk, "paid")
    change_status(order.pk, "cancelled")
    assert Refund.objects.get(order=order).amount == order.total
    assert Product.objects.get(pk=mug.pk).stock == 20


def test_cancelling_a_pending_order_owes_no_refund(order):
    change_status(order.pk, "cancelled")
    assert not Refund.objects.exists()


def test_a_failing_receiver_undoes_the_change(order):
    def broken(sender, **kwargs):
        raise RuntimeError("receiver failed")

    order_status_changed.connect(broken)
    try:
        with pytest.raises(RuntimeError):
            change_status(order.pk, "paid")
    finally:
        order_status_changed.disconnect(broken)
    assert Order.objects.get(pk=order.pk).status == "pending"
    assert not StatusChange.objects.exists()


# --- detecting the change: the value loaded into memory is not good enough ------


# --8<-- [start:test_loaded_value]
def test_comparing_with_the_value_loaded_into_memory_reports_one_change_twice(order):
    # What a field tracker does: remember the value when the row was loaded
    # and compare on save. Two staff pages loaded while the order was paid...
    change_status(order.pk, "paid")
    changes = []

    @receiver(post_init, sender=Order)
    def remember(sender, instance, **kwargs):
        instance._loaded_status = instance.status

    @receiver(post_save, sender=Order)
    def compare(sender, instance, **kwargs):
        if instance.status != instance._loaded_status:
            changes.append((instance._loaded_status, instance.status))

    try:
        first, second = Order.objects.get(pk=order.pk), Order.objects.get(pk=order.pk)
        for page in (first, second):  # ...both click "Shipped"
            page.status = "shipped"
            page.save()
    finally:
        post_init.disconnect(remember, sender=Order)
        post_save.disconnect(compare, sender=Order)
    assert changes == [("paid", "shipped"), ("paid", "shipped")]  # two shipping emails


def test_change_status_reads_the_old_value_under_a_lock_and_reports_it_once(order):
    change_status(order.pk, "paid")
    for _ in range(2):  # the same two clicks, through the service
        change_status(order.pk, "shipped")
    assert StatusChange.objects.filter(new_status="shipped").count() == 1
    assert order.emails.filter(kind=OrderEmail.Kind.SHIPPED).count() == 1


# --8<-- [end:test_loaded_value]


def test_two_staff_shipping_at_the_same_moment_ship_once(order):
    require_postgres()
    change_status(order.pk, "paid")
    results = at_once(6, lambda: change_status(order.pk, "shipped"))
    assert errors_in(results) == []
    assert StatusChange.objects.filter(new_status="shipped").count() == 1
    assert order.emails.filter(kind=OrderEmail.Kind.SHIPPED).count() == 1
