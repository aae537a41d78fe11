"""WRONG (a known mistake, kept to prove the checks catch it): save(update_fields=
["item_count"]) writes one column, but it is still a save(): post_save is sent
again from inside post_save, and every receiver of Order runs twice."""

from django.db.models import Sum
from django.db.models.signals import post_save
from django.dispatch import receiver

from orders.models import Order


@receiver(post_save, sender=Order, dispatch_uid="exercises.recount_items")
def recount_items(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return
    count = instance.lines.aggregate(items=Sum("quantity"))["items"] or 0
    if instance.item_count != count:
        instance.item_count = count
        instance.save(update_fields=["item_count"])
