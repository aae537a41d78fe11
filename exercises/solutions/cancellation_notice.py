"""The reference solution to the exercise “Tell the staff when an order is cancelled”."""

from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.dispatch import receiver

from orders.models import Order
from orders.signals import order_status_changed


# --8<-- [start:solution]
@receiver(order_status_changed, dispatch_uid="exercises.notify_cancellation")
def notify_cancellation(sender, order, old_status, new_status, **kwargs):
    if new_status != Order.Status.CANCELLED:
        return
    transaction.on_commit(partial(_send_notice, order.reference, old_status))


def _send_notice(reference, old_status):
    send_mail(
        subject=f"Order {reference} cancelled",
        message=f"Order {reference} was cancelled. It was {old_status}.",
        from_email=None,
        recipient_list=settings.STAFF_EMAILS,
    )


# --8<-- [end:solution]
