"""Business rules for orders: plain functions the views, the admin and the demo data call."""

from django.db import transaction
from django.db.models import F

from .emails import queue_email
from .models import Customer, Order, OrderEmail, OrderLine, Product
from .signals import order_placed, order_status_changed

MAX_QUANTITY = 50  # per line; more is a typo, not an order


class OrderError(ValueError):
    """The order cannot be placed or changed as asked; the message says why."""


class NotEnoughStock(OrderError):
    pass


class InvalidTransition(OrderError):
    pass


def customer_for(user):
    customer, _ = Customer.objects.get_or_create(user=user)
    return customer


# --8<-- [start:place_order]
def place_order(user, quantities):
    """Place an order for `quantities` ({product id: quantity}) and queue its emails.

    Caveat: quantities must already be validated (whole numbers from 1 to
    MAX_QUANTITY, known products); the form does that. Raises NotEnoughStock,
    and then nothing was saved.
    """
    customer = customer_for(user)
    with transaction.atomic():
        products = Product.objects.in_bulk(quantities.keys())
        lines = [
            OrderLine(product=products[pk], quantity=qty, unit_price=products[pk].price)
            for pk, qty in sorted(quantities.items())  # one lock order: no deadlocks
        ]
        order = Order.objects.create(
            customer=customer,
            total=sum(line.subtotal for line in lines),
            item_count=sum(line.quantity for line in lines),
        )
        for line in lines:
            take_stock(line.product, line.quantity)
            line.order = order
        OrderLine.objects.bulk_create(lines)
        # F(): the database adds one to the value it holds now, so two orders
        # placed at once both count. `count += 1; save()` would lose one.
        Customer.objects.filter(pk=customer.pk).update(order_count=F("order_count") + 1)
        queue_email(order, OrderEmail.Kind.CONFIRMATION)
        queue_email(order, OrderEmail.Kind.STAFF_NOTICE)
        order_placed.send(sender=Order, order=order)
    return order


# --8<-- [end:place_order]


# --8<-- [start:take_stock]
def take_stock(product, quantity):
    # One conditional UPDATE: the check and the decrement cannot be split by
    # another order, so stock never goes below zero.
    taken = Product.objects.filter(pk=product.pk, stock__gte=quantity).update(
        stock=F("stock") - quantity
    )
    if not taken:
        left = Product.objects.values_list("stock", flat=True).get(pk=product.pk)
        raise NotEnoughStock(
            f"Only {left} of {product.name} left; you asked for {quantity}.",
        )


# --8<-- [end:take_stock]


ALLOWED = {
    Order.Status.PENDING: {Order.Status.PAID, Order.Status.CANCELLED},
    Order.Status.PAID: {Order.Status.SHIPPED, Order.Status.CANCELLED},
    Order.Status.SHIPPED: {Order.Status.DELIVERED},
    Order.Status.DELIVERED: set(),
    Order.Status.CANCELLED: set(),
}


def next_statuses(order):
    return [status for status in Order.Status if status in ALLOWED[order.status]]


# --8<-- [start:change_status]
def change_status(order_id, new_status, changed_by=None):
    """Move an order to `new_status` and send `order_status_changed` if it changed.

    Caveat: asking for the status the order already has is not an error and
    sends nothing, so a double-clicked button changes the order once.
    """
    if new_status not in Order.Status.values:
        raise InvalidTransition(f"{new_status!r} is not an order status.")
    with transaction.atomic():
        # The old value is read from the database under a row lock, in the
        # transaction that writes the new one: two staff members moving the
        # same order at once cannot both see the same "old" status.
        order = Order.objects.select_for_update().get(pk=order_id)
        old_status = order.status
        if new_status == old_status:
            return order
        if new_status not in ALLOWED[old_status]:
            current = order.get_status_display().lower()
            raise InvalidTransition(f"A {current} order cannot become {new_status}.")
        order.status = new_status
        order.save(update_fields=["status", "updated_at"])
        if new_status == Order.Status.CANCELLED:
            restock(order)
        order_status_changed.send(
            sender=Order,
            order=order,
            old_status=old_status,
            new_status=new_status,
            changed_by=changed_by,
        )
    return order


# --8<-- [end:change_status]


def restock(order):
    for line in order.lines.order_by("product_id"):
        Product.objects.filter(pk=line.product_id).update(stock=F("stock") + line.quantity)
