"""Pages a learner reads easily: long titles wrap, wide tables scroll inside the page,
and the order page's email states change without a reload."""

import pytest
from playwright.sync_api import expect

from blog.models import Post
from orders.models import Order, Product
from tests.conftest import running_worker

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 740}
PAGE_OVERFLOW = "document.scrollingElement.scrollWidth - window.innerWidth"


@pytest.fixture
def narrow_page(page):
    page.set_viewport_size(PHONE)
    return page


def test_a_long_unbroken_title_wraps_inside_the_page(narrow_page, django_user_model):
    author = django_user_model.objects.create_user("alice", password="alice-signals")
    title = "Receivers" * 20  # 180 characters, no space to break at
    post = Post.objects.create(author=author, title=title, body="A long title.")
    narrow_page.goto(f"/blog/post/{post.slug}/")
    heading = narrow_page.get_by_role("heading", name=title)
    expect(heading).to_be_visible()
    assert heading.bounding_box()["width"] <= PHONE["width"]
    assert narrow_page.evaluate(PAGE_OVERFLOW) <= 0, "the page scrolls sideways"


def test_the_receiver_inventory_scrolls_inside_the_page(narrow_page, django_user_model):
    django_user_model.objects.create_user("admin", password="admin-signals", is_staff=True)
    narrow_page.goto("/accounts/login/?next=/signals/receivers/")  # the inventory is staff-only
    narrow_page.get_by_label("Username").fill("admin")
    narrow_page.get_by_label("Password").fill("admin-signals")
    narrow_page.get_by_role("button", name="Log in").click()
    narrow_page.wait_for_url("**/signals/receivers/")
    table = narrow_page.locator("main table.inventory")
    expect(table).to_be_visible()
    assert table.evaluate("t => t.scrollWidth > t.clientWidth"), "wider than a phone"
    assert narrow_page.evaluate(PAGE_OVERFLOW) <= 0, "the table, not the page, scrolls"


@pytest.mark.worker
def test_the_order_page_shows_emails_sent_without_a_reload(
    page, log_in, django_user_model, own_queue, tmp_path
):
    django_user_model.objects.create_user("dana", "dana@example.com", "dana-signals")
    Product.objects.create(name="Receiver mug", price="12.00", stock=10)
    log_in("dana", "dana-signals")
    page.goto("/orders/new/")
    page.get_by_label("Receiver mug").fill("1")
    page.get_by_role("button", name="Place order").click()
    order = Order.objects.get()
    emails = page.locator("ul.order-emails")
    expect(emails).to_contain_text("Order confirmation: queued")  # no worker yet
    page.evaluate("window.stillTheSamePage = true")

    with running_worker(tmp_path, queue=own_queue):  # the learner starts a worker
        expect(emails.locator("li", has_text="sent")).to_have_count(2, timeout=60_000)
    assert page.evaluate("window.stillTheSamePage === true"), "the page was reloaded"
    assert not order.emails.filter(sent_at__isnull=True).exists()
