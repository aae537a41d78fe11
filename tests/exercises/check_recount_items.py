"""Checks for the exercise “Stop a receiver from saving its own model again”."""

import pytest
from django.contrib.auth import get_user_model
from django.db.models.signals import post_save

from orders.models import Order, Product
from orders.services import place_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def mug():
    return Product.objects.create(name="Receiver mug", price=12, stock=50)


@pytest.fixture
def order(mug):
    alice = get_user_model().objects.create_user("alice", "alice@example.com", "pw")
    order = place_order(alice, {mug.pk: 2})
    # A line added behind the order's back: item_count (2) is now wrong (5).
    order.lines.create(product=mug, quantity=3, unit_price=mug.price)
    return order


def item_count(order):
    return Order.objects.values_list("item_count", flat=True).get(pk=order.pk)


def test_saving_the_order_recounts_its_items(order):
    order.save(update_fields=["updated_at"])
    assert item_count(order) == 5, f"2 + 3 items, but item_count is {item_count(order)}."
    assert order.item_count == 5, "Keep the instance in step too: set instance.item_count."


def test_one_save_sends_post_save_once(order):
    sent = []

    def count(sender, instance, **kwargs):
        sent.append(kwargs.get("update_fields"))

    post_save.connect(count, sender=Order)
    try:
        order.save(update_fields=["updated_at"])
    finally:
        post_save.disconnect(count, sender=Order)
    assert len(sent) == 1, (
        f"Saving the order once sent post_save {len(sent)} times: the receiver saved the "
        "order again from inside post_save. Write item_count with a queryset update() instead."
    )


def test_a_change_made_meanwhile_is_kept(order):
    # This request loaded the order while it was pending...
    stale = Order.objects.get(pk=order.pk)
    # ...then another request marked it paid.
    Order.objects.filter(pk=order.pk).update(status=Order.Status.PAID)
    stale.save(update_fields=["updated_at"])
    status = Order.objects.values_list("status", flat=True).get(pk=order.pk)
    assert status == Order.Status.PAID, (
        f"The order's status went back to {status!r}: the receiver's save() wrote every column "
        "from a stale instance. Update only item_count."
    )
