"""Stock and order counts change with F(): no lost updates, no stock below zero."""

import threading

import pytest
from django.db import IntegrityError
from django.db.models import F

from orders.models import Customer, Order, OrderLine, Product
from orders.services import NotEnoughStock, customer_for, place_order
from tests.concurrency import at_once
from tests.services import require_postgres


# --8<-- [start:test_lost_update]
@pytest.mark.django_db
def test_count_plus_one_then_save_loses_an_update(alice):
    customer_for(alice)
    # Two requests each load the customer before either has saved.
    first = Customer.objects.get(user=alice)
    second = Customer.objects.get(user=alice)
    first.order_count += 1
    first.save()
    second.order_count += 1
    second.save()  # writes 0 + 1 over the first request's 1
    assert Customer.objects.get(user=alice).order_count == 1  # two orders, one counted


@pytest.mark.django_db
def test_an_f_expression_counts_both(alice):
    customer = customer_for(alice)
    for _ in range(2):
        Customer.objects.filter(pk=customer.pk).update(order_count=F("order_count") + 1)
    assert Customer.objects.get(user=alice).order_count == 2


# --8<-- [end:test_lost_update]


@pytest.mark.django_db
def test_the_database_refuses_negative_stock(flag):
    with pytest.raises(IntegrityError):
        Product.objects.filter(pk=flag.pk).update(stock=F("stock") - 6)


# --8<-- [start:test_ten_threads]
@pytest.mark.django_db(transaction=True)
def test_ten_orders_at_once_are_all_counted(alice, mug):
    require_postgres()
    customer_for(alice)
    results = at_once(10, lambda: place_order(alice, {mug.pk: 1}))
    assert all(isinstance(result, Order) for result in results), results
    assert Customer.objects.get(user=alice).order_count == 10
    assert Product.objects.get(pk=mug.pk).stock == 20 - 10


@pytest.mark.django_db(transaction=True)
def test_ten_orders_for_seven_in_stock_sell_seven(alice, mug):
    require_postgres()
    customer_for(alice)
    Product.objects.filter(pk=mug.pk).update(stock=7)
    results = at_once(10, lambda: place_order(alice, {mug.pk: 1}))
    placed = [result for result in results if isinstance(result, Order)]
    refused = [result for result in results if isinstance(result, NotEnoughStock)]
    assert (len(placed), len(refused)) == (7, 3), results
    assert Product.objects.get(pk=mug.pk).stock == 0
    assert OrderLine.objects.count() == Order.objects.count() == 7
    assert Customer.objects.get(user=alice).order_count == 7


# --8<-- [end:test_ten_threads]


@pytest.mark.django_db(transaction=True)
def test_ten_threads_doing_count_plus_one_lose_updates(alice):
    require_postgres()
    customer_for(alice)
    barrier = threading.Barrier(10)

    def naive_count():
        customer = Customer.objects.get(user=alice)
        barrier.wait()  # all ten have read the same value
        customer.order_count += 1
        customer.save()

    results = at_once(10, naive_count)
    assert results == [None] * 10
    assert Customer.objects.get(user=alice).order_count < 10
