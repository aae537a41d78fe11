import io

import pytest
from django.urls import reverse

from orders import cookbook
from orders.models import Order, OrderEmail, Product, Refund, StatusChange

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_users(django_user_model):
    for name in ["admin", "alice", "bob"]:
        django_user_model.objects.create_user(
            name, f"{name}@example.com", "pw", is_staff=name == "admin"
        )


def test_seed_demo_makes_products_and_orders_once(demo_users):
    cookbook.seed_demo(io.StringIO())
    cookbook.seed_demo(io.StringIO())  # `make run` calls it every time
    assert Product.objects.count() == len(cookbook.PRODUCTS)
    assert Order.objects.count() == len(cookbook.ORDERS)
    statuses = sorted(Order.objects.values_list("status", flat=True))
    assert statuses == ["cancelled", "delivered", "paid", "pending"]
    assert Refund.objects.count() == 1
    assert StatusChange.objects.filter(changed_by__username="admin").count() == 6
    # Two emails per order, and a shipping and a delivery email for alice's first.
    assert OrderEmail.objects.count() == 2 * len(cookbook.ORDERS) + 2


def test_the_home_page_shows_the_orders_cards(client):
    page = client.get(reverse("home")).content.decode()
    for card in cookbook.CARDS:
        assert card.title in page
    assert reverse("orders:products") in page
