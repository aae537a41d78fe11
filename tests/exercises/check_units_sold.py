"""Checks for the exercise “Count units sold without losing updates”."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from orders.models import Product
from orders.services import place_order

pytestmark = pytest.mark.django_db(transaction=True)


class Rollback(Exception):
    pass


@pytest.fixture
def alice():
    return get_user_model().objects.create_user("alice", "alice@example.com", "pw")


@pytest.fixture
def mug():
    return Product.objects.create(name="Receiver mug", price=12, stock=50)


@pytest.fixture
def flag():
    return Product.objects.create(name="Signal flag", price=4, stock=50)


def units_sold(product):
    return Product.objects.values_list("units_sold", flat=True).get(pk=product.pk)


def test_each_order_adds_its_quantities(alice, mug, flag):
    place_order(alice, {mug.pk: 3, flag.pk: 1})
    assert units_sold(mug) == 3, f"After ordering 3 mugs, units_sold is {units_sold(mug)}."
    assert units_sold(flag) == 1, f"After ordering 1 flag, units_sold is {units_sold(flag)}."
    place_order(alice, {mug.pk: 2})
    assert units_sold(mug) == 5, f"After 3 + 2 mugs, units_sold is {units_sold(mug)}, not 5."


def test_the_database_does_the_addition(alice, mug):
    with CaptureQueriesContext(connection) as queries:
        place_order(alice, {mug.pk: 2})
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("UPDATE") and '"units_sold"' in q["sql"]
    ]
    assert writes, "No UPDATE of units_sold was run when the order was placed."
    for sql in writes:
        assert re.search(r'"units_sold" = \(.*"units_sold" \+', sql), (
            "units_sold was written as a number computed in Python, so two orders at once "
            "would lose one. Use update(units_sold=F('units_sold') + quantity). SQL: " + sql
        )
        assert '"stock"' not in sql and '"name"' not in sql, (
            "The UPDATE rewrote the whole product row (a save()), which can put back a stale "
            "stock. Update only units_sold. SQL: " + sql
        )


def test_a_rolled_back_order_sells_nothing(alice, mug):
    with pytest.raises(Rollback), transaction.atomic():
        place_order(alice, {mug.pk: 4})
        raise Rollback
    assert units_sold(mug) == 0, "A rolled-back order must not count as sold."
