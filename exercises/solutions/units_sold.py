"""The reference solution to the exercise “Count units sold without losing updates”."""

from django.db.models import F
from django.dispatch import receiver

from orders.models import Product
from orders.signals import order_placed


# --8<-- [start:solution]
@receiver(order_placed, dispatch_uid="exercises.count_units_sold")
def count_units_sold(sender, order, **kwargs):
    for line in order.lines.all():
        Product.objects.filter(pk=line.product_id).update(
            units_sold=F("units_sold") + line.quantity
        )


# --8<-- [end:solution]
