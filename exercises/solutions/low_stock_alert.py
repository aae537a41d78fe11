"""The reference solution to the exercise “Warn the staff when stock runs low”."""

from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.dispatch import receiver

from orders.signals import order_placed


# --8<-- [start:solution]
@receiver(order_placed, dispatch_uid="exercises.warn_low_stock")
def warn_low_stock(sender, order, **kwargs):
    # Read the lines (and their products) from the database: the stock was
    # taken with F(), so any Product instance held in memory is out of date.
    for line in order.lines.select_related("product"):
        product = line.product
        before = product.stock + line.quantity
        if product.stock <= product.low_stock_threshold < before:
            transaction.on_commit(partial(_send_alert, product.name, product.stock))


def _send_alert(name, left):
    send_mail(
        subject=f"Low stock: {name}",
        message=f"{name}: {left} left.",
        from_email=None,
        recipient_list=settings.STAFF_EMAILS,
    )


# --8<-- [end:solution]
