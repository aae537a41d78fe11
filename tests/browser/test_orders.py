import pytest
from playwright.sync_api import expect

from orders.models import Order, Product
from tests.conftest import wait_until

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shopper(django_user_model):
    return django_user_model.objects.create_user("dana", "dana@example.com", "dana-signals")


@pytest.fixture
def mug():
    return Product.objects.create(name="Receiver mug", price="12.00", stock=10)


@pytest.mark.worker
def test_place_an_order_and_find_the_confirmation_in_the_outbox(
    page, log_in, celery_worker, shopper, mug
):
    log_in("dana", "dana-signals")
    page.goto("/orders/")
    expect(page.get_by_role("cell", name="Receiver mug")).to_be_visible()
    page.get_by_role("link", name="Place an order").click()
    page.get_by_label("Receiver mug").fill("2")
    page.get_by_role("button", name="Place order").click()
    order = Order.objects.get()
    expect(page.get_by_role("heading", name=f"Order {order.reference}")).to_be_visible()
    expect(page.locator(".messages")).to_contain_text("confirmation email is queued")

    subject = f"Your order {order.reference} is confirmed"
    from mysite.models import SentEmail

    wait_until(
        lambda: SentEmail.objects.filter(subject=subject).exists(),
        message="the worker to send the confirmation",
    )
    page.get_by_role("link", name="Outbox").first.click()
    email = page.locator("article.email", has_text=subject)
    expect(email).to_contain_text("dana@example.com")
    expect(email).to_contain_text("2 × Receiver mug")


def test_too_many_is_a_form_error(page, log_in, shopper, mug):
    log_in("dana", "dana-signals")
    page.goto("/orders/new/")
    page.get_by_label("Receiver mug").fill("11")
    page.get_by_role("button", name="Place order").click()
    expect(page.get_by_role("alert")).to_contain_text("Only 10 of Receiver mug left")
    assert not Order.objects.exists()
