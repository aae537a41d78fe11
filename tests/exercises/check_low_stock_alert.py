"""Checks for the exercise “Warn the staff when stock runs low”."""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from orders.models import Product
from orders.services import place_order
from orders.signals import order_placed

pytestmark = pytest.mark.django_db(transaction=True)


STAFF = ["ops@example.com", "warehouse@example.com"]


class Rollback(Exception):
    pass


@pytest.fixture(autouse=True)
def two_staff_addresses(settings):
    settings.STAFF_EMAILS = STAFF


@pytest.fixture
def alice():
    return get_user_model().objects.create_user("alice", "alice@example.com", "pw")


@pytest.fixture
def flag():
    # Low once 2 or fewer are left.
    return Product.objects.create(name="Signal flag", price=4, stock=5, low_stock_threshold=2)


def alerts(mailoutbox):
    return [email for email in mailoutbox if email.subject.startswith("Low stock")]


def test_crossing_the_threshold_warns_the_staff(alice, flag, mailoutbox, settings):
    place_order(alice, {flag.pk: 3})  # 5 -> 2
    found = alerts(mailoutbox)
    assert found, "An order that leaves 2 of 'Signal flag' (threshold 2) should warn the staff."
    assert len(found) == 1, f"Warn once per product, not {len(found)} times."
    email = found[0]
    assert email.subject == "Low stock: Signal flag", f"Subject was {email.subject!r}."
    assert sorted(email.to) == sorted(STAFF), (
        f"settings.STAFF_EMAILS is {STAFF}, but the email went to {email.to}: send it to "
        "every address in the list (recipient_list=settings.STAFF_EMAILS)."
    )
    assert "2 left" in email.body, f"Say how many are left, like '2 left': {email.body!r}"


def test_plenty_left_warns_nobody(alice, flag, mailoutbox):
    place_order(alice, {flag.pk: 1})  # 5 -> 4
    assert alerts(mailoutbox) == [], "4 left is above the threshold of 2: no warning."


def test_a_product_already_low_is_not_announced_again(alice, flag, mailoutbox):
    place_order(alice, {flag.pk: 3})  # 5 -> 2: warned
    place_order(alice, {flag.pk: 1})  # 2 -> 1: already low
    count = len(alerts(mailoutbox))
    assert count == 1, (
        f"Stock went 5 -> 2 (warned), then 2 -> 1, already low: expected 1 warning in all, "
        f"got {count}. Warn only when this order crossed the threshold: the stock before it "
        "(stock + quantity) was above, the stock now is at or below."
    )


def test_running_out_counts_as_crossing(alice, flag, mailoutbox):
    place_order(alice, {flag.pk: 5})  # 5 -> 0
    subjects = [e.subject for e in alerts(mailoutbox)]
    assert subjects == ["Low stock: Signal flag"], "Selling the last one (5 -> 0) crosses it too."


def test_nothing_before_the_commit_and_nothing_for_a_rollback(alice, flag, mailoutbox):
    with pytest.raises(Rollback), transaction.atomic():
        place_order(alice, {flag.pk: 3})
        assert alerts(mailoutbox) == [], "The warning went out before the order committed."
        raise Rollback
    assert alerts(mailoutbox) == [], "A rolled-back order must not warn anyone."


def test_the_receiver_has_a_dispatch_uid():
    uids = {key[0] for key, *_ in order_placed.receivers if isinstance(key[0], str)}
    assert uids, "Connect your receiver to order_placed with a dispatch_uid."
