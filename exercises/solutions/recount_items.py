"""The reference solution to the exercise “Stop a receiver from saving its own model again”."""

from django.db.models import Sum
from django.db.models.signals import post_save
from django.dispatch import receiver

from orders.models import Order


# --8<-- [start:solution]
@receiver(post_save, sender=Order, dispatch_uid="exercises.recount_items")
def recount_items(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return  # a new order's lines are saved after the order itself
    count = instance.lines.aggregate(items=Sum("quantity"))["items"] or 0
    if instance.item_count != count:
        instance.item_count = count
        # One UPDATE of one column: no second post_save, nothing else rewritten.
        Order.objects.filter(pk=instance.pk).update(item_count=count)


# --8<-- [end:solution]
