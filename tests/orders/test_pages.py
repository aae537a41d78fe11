"""The shop's pages: placing an order, bad input, who may see and change what."""

import pytest
from django.urls import reverse

from orders.models import Customer, Order, OrderEmail, Product

pytestmark = pytest.mark.django_db


@pytest.fixture
def shopper(client, alice):
    client.force_login(alice)
    return client


def place(client, **quantities):
    return client.post(reverse("orders:new"), quantities)


def test_the_product_list_shows_each_stock_status(client, mug, flag):
    Product.objects.create(name="Celery stick", price="0.80", stock=0)
    flag.stock = 2
    flag.save()
    page = client.get(reverse("orders:products")).content.decode()
    assert "In stock" in page and "Low stock" in page and "Out of stock" in page


def test_placing_an_order_takes_stock_counts_it_and_shows_it(shopper, alice, mug, flag):
    response = place(shopper, **{f"qty_{mug.pk}": "2", f"qty_{flag.pk}": "1"})
    order = Order.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("orders:detail", args=[order.pk])
    assert order.total == 2 * mug.price + flag.price
    assert order.item_count == 3
    assert order.reference == f"ORD-{order.pk:05d}"
    assert Product.objects.get(pk=mug.pk).stock == 18
    assert Customer.objects.get(user=alice).order_count == 1
    detail = shopper.get(response["Location"]).content.decode()
    assert order.reference in detail and "Receiver mug" in detail
    mine = shopper.get(reverse("orders:mine")).content.decode()
    assert order.reference in mine


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose at least one product."),
        ({"qty_MUG": "0"}, "Choose at least one product."),
        ({"qty_MUG": "-1"}, "greater than or equal to 0"),
        ({"qty_MUG": "100000"}, "less than or equal to 50"),
        ({"qty_MUG": "two"}, "Enter a whole number."),
        ({"qty_MUG": "1", "qty_999999": "1"}, "not on sale"),
        ({"qty_FLAG": "6"}, "Only 5 of Signal flag left; you asked for 6."),
        ({"qty_MUG": "1", "qty_FLAG": "6"}, "Only 5 of Signal flag left"),
    ],
)
def test_bad_input_is_a_form_error_and_changes_nothing(shopper, mug, flag, data, message):
    ids = {"MUG": str(mug.pk), "FLAG": str(flag.pk)}
    data = {
        key.replace("MUG", ids["MUG"]).replace("FLAG", ids["FLAG"]): v for key, v in data.items()
    }
    response = place(shopper, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Order.objects.exists()
    assert not OrderEmail.objects.exists()
    assert Product.objects.get(pk=mug.pk).stock == 20  # the mug line was rolled back too
    assert Product.objects.get(pk=flag.pk).stock == 5
    assert Customer.objects.filter(order_count__gt=0).count() == 0


def test_ordering_needs_a_login(client, mug):
    response = place(client, **{f"qty_{mug.pk}": "1"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Order.objects.exists()


def test_another_customers_order_is_not_found(client, shopper, mug, django_user_model):
    place(shopper, **{f"qty_{mug.pk}": "1"})
    order = Order.objects.get()
    bob = django_user_model.objects.create_user("bob", "bob@example.com", "pw")
    client.force_login(bob)
    assert client.get(reverse("orders:detail", args=[order.pk])).status_code == 404
    assert client.post(reverse("orders:cancel", args=[order.pk])).status_code == 404
    assert Order.objects.get().status == Order.Status.PENDING


def test_staff_move_an_order_and_customers_cannot(shopper, client, staff, mug):
    place(shopper, **{f"qty_{mug.pk}": "1"})
    order = Order.objects.get()
    url = reverse("orders:set_status", args=[order.pk])
    response = shopper.post(url, {"status": "paid"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert Order.objects.get().status == Order.Status.PENDING
    client.force_login(staff)
    assert client.post(url, {"status": "paid"}).status_code == 302
    assert Order.objects.get().status == Order.Status.PAID


@pytest.mark.parametrize("status", ["delivered", "bogus", ""])
def test_an_impossible_status_is_a_400_and_changes_nothing(client, staff, shopper, mug, status):
    place(shopper, **{f"qty_{mug.pk}": "1"})
    order = Order.objects.get()
    client.force_login(staff)
    response = client.post(reverse("orders:set_status", args=[order.pk]), {"status": status})
    assert response.status_code == 400
    assert "cannot become" in response.content.decode() or "not an order status" in (
        response.content.decode()
    )
    assert Order.objects.get().status == Order.Status.PENDING
    assert not order.status_changes.exists()


def test_a_customer_cancels_a_pending_order_and_gets_the_stock_back(shopper, mug):
    place(shopper, **{f"qty_{mug.pk}": "3"})
    order = Order.objects.get()
    assert shopper.post(reverse("orders:cancel", args=[order.pk])).status_code == 302
    assert Order.objects.get().status == Order.Status.CANCELLED
    assert Product.objects.get(pk=mug.pk).stock == 20
    again = shopper.post(reverse("orders:cancel", args=[order.pk]))
    assert again.status_code == 400  # only a pending order can be cancelled by its customer


def test_the_pages_link_to_their_chapter(shopper, mug):
    page = shopper.get(reverse("orders:new")).content.decode()
    assert "orders/emails/" in page
