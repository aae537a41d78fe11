"""WRONG (a known mistake, kept to prove the checks catch it): it warns whenever
the stock is at or below the threshold, so every later order of a product that
is already low sends the same warning again."""

from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.dispatch import receiver

from orders.signals import order_placed


@receiver(order_placed, dispatch_uid="exercises.warn_low_stock")
def warn_low_stock(sender, order, **kwargs):
    for line in order.lines.select_related("product"):
        product = line.product
        if product.stock <= product.low_stock_threshold:
            transaction.on_commit(partial(_send_alert, product.name, product.stock))


def _send_alert(name, left):
    send_mail(
        subject=f"Low stock: {name}",
        message=f"{name}: {left} left.",
        from_email=None,
        recipient_list=settings.STAFF_EMAILS,
    )
