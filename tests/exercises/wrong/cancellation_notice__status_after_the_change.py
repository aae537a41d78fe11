"""WRONG (a known mistake, kept to prove the checks catch it): the body reads
order.status, which is already the new status, so every notice says "It was
cancelled." instead of what it was before. The signal passes old_status."""

from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.dispatch import receiver

from orders.models import Order
from orders.signals import order_status_changed


@receiver(order_status_changed, dispatch_uid="exercises.notify_cancellation")
def notify_cancellation(sender, order, new_status, **kwargs):
    if new_status != Order.Status.CANCELLED:
        return
    transaction.on_commit(partial(_send_notice, order.reference, order.status))


def _send_notice(reference, status):
    send_mail(
        subject=f"Order {reference} cancelled",
        message=f"Order {reference} was cancelled. It was {status}.",
        from_email=None,
        recipient_list=settings.STAFF_EMAILS,
    )
