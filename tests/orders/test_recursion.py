"""A receiver that writes to the model that sent the signal: the recursion, and three fixes."""

import contextvars
import sys

import pytest
from django.db.models import F, Sum
from django.db.models.signals import post_save

from orders.models import Order
from orders.services import place_order

pytestmark = pytest.mark.django_db


def line_total(order):
    return order.lines.aggregate(total=Sum(F("quantity") * F("unit_price")))["total"] or 0


def stack_depth():
    frame, depth = sys._getframe(), 0
    while frame:
        frame, depth = frame.f_back, depth + 1
    return depth


@pytest.fixture
def low_recursion_limit():
    # Reach RecursionError after a few dozen saves instead of a thousand.
    saved = sys.getrecursionlimit()
    sys.setrecursionlimit(stack_depth() + 400)
    yield
    sys.setrecursionlimit(saved)


@pytest.fixture
def order(alice, mug):
    return place_order(alice, {mug.pk: 2})


def count_saves(order, save):
    saves = []

    def counter(sender, instance, **kwargs):
        saves.append(kwargs.get("update_fields"))

    post_save.connect(counter, sender=Order)
    try:
        save(order)
    finally:
        post_save.disconnect(counter, sender=Order)
    return saves


# --8<-- [start:naive]
def recompute_total_naively(sender, instance, **kwargs):
    instance.total = line_total(instance)
    instance.save()  # sends post_save, which calls this receiver, which saves...


def test_saving_again_in_post_save_recurses(order, low_recursion_limit):
    post_save.connect(recompute_total_naively, sender=Order)
    try:
        with pytest.raises(RecursionError):
            order.save()
    finally:
        post_save.disconnect(recompute_total_naively, sender=Order)


# --8<-- [end:naive]


# --8<-- [start:fix_update]
def recompute_total_with_update(sender, instance, **kwargs):
    instance.total = line_total(instance)
    # A queryset UPDATE sends no signal and writes only this column.
    Order.objects.filter(pk=instance.pk).update(total=instance.total)


# --8<-- [end:fix_update]


def test_fix_one_queryset_update_saves_once(order):
    Order.objects.filter(pk=order.pk).update(total=0)
    order.refresh_from_db()
    post_save.connect(recompute_total_with_update, sender=Order)
    try:
        saves = count_saves(order, lambda order: order.save())
    finally:
        post_save.disconnect(recompute_total_with_update, sender=Order)
    assert saves == [None]
    assert Order.objects.get(pk=order.pk).total == 2 * order.lines.get().unit_price


# --8<-- [start:fix_update_fields]
def recompute_total_unless_only_total_was_saved(
    sender,
    instance,
    update_fields=None,
    **kwargs,
):
    if update_fields is not None and set(update_fields) == {"total"}:
        return  # our own save below: stop here
    instance.total = line_total(instance)
    instance.save(update_fields=["total"])


# --8<-- [end:fix_update_fields]


def test_fix_two_update_fields_saves_once_more_and_stops(order):
    post_save.connect(recompute_total_unless_only_total_was_saved, sender=Order)
    try:
        saves = count_saves(order, lambda order: order.save())
    finally:
        post_save.disconnect(recompute_total_unless_only_total_was_saved, sender=Order)
    # Every post_save receiver runs twice; the inner save's round finishes first.
    assert saves == [frozenset({"total"}), None]


# --8<-- [start:fix_guard]
_recomputing = contextvars.ContextVar("recomputing_total", default=False)


def recompute_total_once(sender, instance, **kwargs):
    if _recomputing.get():
        return  # we are inside our own save
    token = _recomputing.set(True)
    try:
        instance.total = line_total(instance)
        instance.save()
    finally:
        _recomputing.reset(token)


# --8<-- [end:fix_guard]


def test_fix_three_a_reentrancy_guard_stops_the_second_round(order):
    post_save.connect(recompute_total_once, sender=Order)
    try:
        saves = count_saves(order, lambda order: order.save())
    finally:
        post_save.disconnect(recompute_total_once, sender=Order)
    assert saves == [None, None]  # a full second save, but no third
    assert _recomputing.get() is False


def test_the_reference_is_stamped_without_a_second_save(alice, mug):
    saves = []

    def counter(sender, instance, created, **kwargs):
        saves.append(created)

    post_save.connect(counter, sender=Order)
    try:
        order = place_order(alice, {mug.pk: 1})
    finally:
        post_save.disconnect(counter, sender=Order)
    assert saves == [True]
    assert order.reference == f"ORD-{order.pk:05d}"
    assert Order.objects.get(pk=order.pk).reference == order.reference
