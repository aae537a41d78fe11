"""Exercise 15 · Stop a receiver from saving its own model again.

`Order.item_count` is set when an order is placed. Lines added later (from
the shell, a data fix) leave it wrong, so the receiver below recounts the
items whenever an existing order is saved. It works, and it has two bugs:

- it calls `instance.save()` from inside `post_save`, so the save re-enters
  this receiver and sends `post_save` a second time (every other receiver of
  Order runs twice). Only the `item_count != count` test stops it from
  recursing for ever;
- that second `save()` writes every column from this instance, so a change
  another request made meanwhile (say, the status) is overwritten.

Make it write `item_count` alone, without saving the order again.

Check it:  python manage.py exercises check 15
"""

from django.db.models import Sum
from django.db.models.signals import post_save
from django.dispatch import receiver

from orders.models import Order


@receiver(post_save, sender=Order, dispatch_uid="exercises.recount_items")
def recount_items(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return  # a new order's lines are saved after the order itself
    count = instance.lines.aggregate(items=Sum("quantity"))["items"] or 0
    if instance.item_count != count:
        instance.item_count = count
        instance.save()
