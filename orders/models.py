import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Product(models.Model):
    name = models.CharField(max_length=100, unique=True)
    price = models.DecimalField(max_digits=8, decimal_places=2)
    # Changed only with F() expressions (orders.services), never `stock -= n; save()`.
    stock = models.PositiveIntegerField(default=0)
    low_stock_threshold = models.PositiveIntegerField(default=3)
    # Kept by the receiver of the exercise “Count units sold without losing updates”.
    units_sold = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name"]
        constraints = [
            # The last line of defence: a sale that would go below zero fails.
            models.CheckConstraint(condition=Q(stock__gte=0), name="product_stock_not_negative"),
        ]

    def __str__(self):
        return self.name

    # --8<-- [start:stock_status]
    class StockStatus(models.TextChoices):
        IN_STOCK = "in_stock", "In stock"
        LOW_STOCK = "low_stock", "Low stock"
        OUT_OF_STOCK = "out_of_stock", "Out of stock"

    @property
    def stock_status(self):
        # Derived from stock on every read, so it can never disagree with it.
        if self.stock == 0:
            return self.StockStatus.OUT_OF_STOCK
        if self.stock <= self.low_stock_threshold:
            return self.StockStatus.LOW_STOCK
        return self.StockStatus.IN_STOCK

    # --8<-- [end:stock_status]


class Customer(models.Model):
    """The orders app's own record of a user, so it never edits another app's model."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="customer"
    )
    order_count = models.PositiveIntegerField(default=0)

    def __str__(self):
        return str(self.user)


class Order(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        PAID = "paid", "Paid"
        SHIPPED = "shipped", "Shipped"
        DELIVERED = "delivered", "Delivered"
        CANCELLED = "cancelled", "Cancelled"

    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="orders")
    # Changed only by orders.services.change_status, which sends order_status_changed.
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    reference = models.CharField(max_length=20, blank=True, editable=False)
    total = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0.00"))
    item_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.reference or f"order {self.pk}"


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField()
    unit_price = models.DecimalField(max_digits=8, decimal_places=2)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.quantity} × {self.product}"

    @property
    def subtotal(self):
        return self.quantity * self.unit_price


def new_message_id():
    """A Message-ID made once per outbox row, so every attempt sends the same one."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return f"<order-email.{uuid.uuid4().hex}@{domain}>"


class OrderEmail(models.Model):
    """One email an order owes its customer or the staff: the outbox row and its state.

    Written in the same transaction as the change that calls for the email, so
    the email exists exactly when that change does. orders.delivery claims it,
    sends it outside any transaction, and records the result here.
    """

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", "Order confirmation"
        STAFF_NOTICE = "staff_notice", "New order (staff)"
        SHIPPED = "shipped", "Shipped"
        DELIVERED = "delivered", "Delivered"

    class Status(models.TextChoices):
        PENDING = "pending", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Refused by the mail server"  # a permanent 5xx: not retried
        DEAD = "dead", "Gave up"  # too many transient failures: dead letter

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(max_length=20, choices=Kind)
    created_at = models.DateTimeField(auto_now_add=True)
    # The same header on every attempt, so a repeat is recognisable as one.
    message_id = models.CharField(max_length=200, unique=True, default=new_message_id)
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    # While a worker sends, no other may claim the row; a killed worker's lease runs out.
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    # When the outbox relay last handed it to the broker (orders.outbox).
    relayed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["order", "kind"], name="one_email_per_order_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.order}"

    @property
    def undeliverable(self):
        return self.status in (self.Status.FAILED, self.Status.DEAD)

    @property
    def waiting(self):
        """Still to be sent by a worker (failed and dead ones wait for no one)."""
        return self.status in (self.Status.PENDING, self.Status.SENDING)

    @property
    def state_text(self):
        """Where delivery stands, in words: the order page and its polling share it."""
        if self.status == self.Status.SENT:
            return "sent " + timezone.localtime(self.sent_at).strftime("%H:%M:%S")
        if self.status == self.Status.FAILED:
            return f"refused by the mail server, not retried ({self.last_error})"
        if self.status == self.Status.DEAD:
            tries = f"{self.attempts} attempt{'s' if self.attempts != 1 else ''}"
            return f"gave up after {tries} ({self.last_error})"
        if self.attempts:
            status = self.get_status_display().lower()
            return f"{status}, attempt {self.attempts} failed: {self.last_error}"
        return "queued"


class StatusChange(models.Model):
    """The status history, written by a receiver of order_status_changed."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="status_changes")
    old_status = models.CharField(max_length=10, choices=Order.Status)
    new_status = models.CharField(max_length=10, choices=Order.Status)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self):
        return f"{self.order}: {self.old_status} → {self.new_status}"


class Refund(models.Model):
    """Money owed back for a paid order that was cancelled."""

    order = models.OneToOneField(Order, on_delete=models.CASCADE, related_name="refund")
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"refund of {self.amount} for {self.order}"
