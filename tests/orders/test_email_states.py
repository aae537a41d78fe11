"""The order page's email states, as JSON for the page's polling script."""

import pytest
from django.urls import reverse
from django.utils import timezone

from orders.models import Order
from orders.services import place_order

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def order(alice, mug, own_queue):  # the emails stay queued until the test marks them
    return place_order(alice, {mug.pk: 1})


def states(client, order):
    response = client.get(reverse("orders:email_states", args=[order.pk]))
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    return response.json()


def test_the_owner_sees_each_email_go_from_queued_to_sent(client, alice, order):
    client.force_login(alice)
    data = states(client, order)
    assert data["waiting"] == 2
    assert {email["text"] for email in data["emails"]} == {"queued"}
    assert {email["kind"] for email in data["emails"]} == {
        "Order confirmation",
        "New order (staff)",
    }
    confirmation, staff = order.emails.all()
    # What orders/delivery.py records: one sent, one refused for good (a 5xx).
    order.emails.filter(pk=confirmation.pk).update(status="sent", sent_at=timezone.now())
    order.emails.filter(pk=staff.pk).update(status="failed", last_error="554 rejected")
    data = states(client, order)
    assert data["waiting"] == 0  # a refused email waits for no one: polling stops
    texts = {email["id"]: email["text"] for email in data["emails"]}
    assert texts[confirmation.pk].startswith("sent ")
    assert texts[staff.pk] == "refused by the mail server, not retried (554 rejected)"


def test_the_page_loads_the_polling_script_with_its_url(client, alice, order):
    client.force_login(alice)
    html = client.get(reverse("orders:detail", args=[order.pk])).content.decode()
    assert "orders/email-states.js" in html
    assert f'data-url="/orders/{order.pk}/emails.json"' in html


def test_someone_elses_order_is_not_found_and_a_visitor_must_log_in(
    client, django_user_model, order
):
    assert client.get(reverse("orders:email_states", args=[order.pk])).status_code == 302
    client.force_login(django_user_model.objects.create_user("mallory", password="x"))
    assert client.get(reverse("orders:email_states", args=[order.pk])).status_code == 404
    assert client.get(reverse("orders:email_states", args=[order.pk + 99])).status_code == 404
    assert Order.objects.count() == 1
