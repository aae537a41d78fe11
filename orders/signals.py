"""The orders app's signals, and its receivers.

`order_placed` is sent by `orders.services.place_order` inside the order's
transaction, once its lines are saved and its stock taken. Arguments:

- ``sender``: the ``Order`` class;
- ``order``: the new ``Order``, with its ``lines``.

`order_status_changed` is sent by `orders.services.change_status` inside the
transaction that changes the status, after the row was locked and saved.
Arguments:

- ``sender``: the ``Order`` class;
- ``order``: the ``Order``, already saved with its new status;
- ``old_status``, ``new_status``: values of ``Order.Status``;
- ``changed_by``: the user who made the change, or ``None``.

Receivers run inside the transaction: what they write commits or rolls back
with the change, and any I/O they start must wait for the commit. Receivers
must accept ``**kwargs``: arguments may be added later.
"""

import logging

from django.db.models.signals import post_save
from django.dispatch import Signal, receiver

from .emails import queue_email
from .models import Order, OrderEmail, Refund, StatusChange

logger = logging.getLogger(__name__)

# --8<-- [start:signals]
order_placed = Signal()
order_status_changed = Signal()
# --8<-- [end:signals]


# --8<-- [start:stamp_reference]
@receiver(post_save, sender=Order, dispatch_uid="orders.stamp_reference")
def stamp_reference(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    # The reference needs the primary key, so it can only be made after the
    # INSERT. update() writes it without calling save() again, so no second
    # post_save, no recursion, and no other column is rewritten.
    instance.reference = f"ORD-{instance.pk:05d}"
    Order.objects.filter(pk=instance.pk).update(reference=instance.reference)


# --8<-- [end:stamp_reference]


# --8<-- [start:status_receivers]
@receiver(order_status_changed, dispatch_uid="orders.record_status_change")
def record_status_change(
    sender,
    order,
    old_status,
    new_status,
    changed_by=None,
    **kwargs,
):
    StatusChange.objects.create(
        order=order, old_status=old_status, new_status=new_status, changed_by=changed_by
    )


STATUS_EMAILS = {
    Order.Status.SHIPPED: OrderEmail.Kind.SHIPPED,
    Order.Status.DELIVERED: OrderEmail.Kind.DELIVERED,
}


@receiver(order_status_changed, dispatch_uid="orders.email_status_change")
def email_status_change(sender, order, new_status, **kwargs):
    kind = STATUS_EMAILS.get(new_status)
    if kind is not None:
        queue_email(order, kind)  # an outbox row now, the Celery task after commit


@receiver(order_status_changed, dispatch_uid="orders.record_refund")
def record_refund(sender, order, old_status, new_status, **kwargs):
    if new_status == Order.Status.CANCELLED and old_status == Order.Status.PAID:
        Refund.objects.create(order=order, amount=order.total)
        logger.info("refund of %s recorded for %s", order.total, order)


# --8<-- [end:status_receivers]
