from decimal import Decimal

from mysite.cookbook import Card

NAV = ("Shop", "orders:products")

CARDS = [
    Card(
        title="Order emails after commit",
        summary="Placing an order writes an outbox row and queues a Celery task with "
        "delay_on_commit; the worker sends the confirmation once, even if SMTP or the "
        "broker fails for a while.",
        url_name="orders:new",
        chapter="orders/emails/",
        signals=("on_commit", "order_placed"),
    ),
    Card(
        title="A custom signal for status changes",
        summary="Staff move an order from paid to shipped to delivered; order_status_changed "
        "drives the shipping email, the refund record and the status history.",
        url_name="orders:mine",
        chapter="orders/status-signal/",
        signals=("order_status_changed",),
    ),
    Card(
        title="No recursion, no lost updates",
        summary="A post_save receiver stamps the order's reference without saving again; stock "
        "and order counts change with F(), so orders placed at once all count.",
        url_name="orders:products",
        chapter="orders/recursion/",
        signals=("post_save",),
    ),
]

PRODUCTS = [
    ("Signal flag", "4.50", 40, 5),
    ("Receiver mug", "12.00", 12, 3),
    ("Dispatch T-shirt", "19.90", 4, 5),
    ("on_commit sticker pack", "2.00", 100, 10),
    ("Celery stick", "0.80", 0, 5),
]

# (customer, {product: quantity}, statuses the order then goes through)
ORDERS = [
    ("alice", {"Receiver mug": 1, "Signal flag": 2}, ["paid", "shipped", "delivered"]),
    ("alice", {"on_commit sticker pack": 3}, ["paid"]),
    ("bob", {"Dispatch T-shirt": 1}, []),
    ("bob", {"Signal flag": 1}, ["paid", "cancelled"]),
]


def seed_demo(stdout):
    from django.contrib.auth import get_user_model

    from .models import Order, Product
    from .services import change_status, place_order

    for name, price, stock, threshold in PRODUCTS:
        Product.objects.get_or_create(
            name=name,
            defaults={"price": Decimal(price), "stock": stock, "low_stock_threshold": threshold},
        )
    if Order.objects.exists():
        stdout.write(f"orders: {len(PRODUCTS)} products; orders already there")
        return
    users = get_user_model().objects.in_bulk(field_name="username")
    staff = users.get("admin")
    by_name = Product.objects.in_bulk(field_name="name")
    for username, wanted, statuses in ORDERS:
        quantities = {by_name[name].pk: quantity for name, quantity in wanted.items()}
        order = place_order(users[username], quantities)
        for status in statuses:
            change_status(order.pk, status, changed_by=staff)
    stdout.write(f"orders: {len(PRODUCTS)} products, {len(ORDERS)} orders")
