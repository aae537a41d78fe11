"""Change detection: django-model-utils' FieldTracker and django-lifecycle's hooks.

Compared in the pitfalls chapter with the orders app's locked read
(`orders.services.change_status`).
"""

import pytest
from django.db import transaction
from django.db.models.signals import post_save

from .more_pitfall_models import LifecycleOrder, TrackedOrder


@pytest.fixture
def tables(temporary_tables):
    temporary_tables(TrackedOrder, LifecycleOrder)


# --8<-- [start:field_tracker_test]
def test_field_tracker_compares_with_the_value_this_instance_loaded(tables):
    changes = []

    def status_changed(sender, instance, created, **kwargs):
        if not created and instance.tracker.has_changed("status"):
            changes.append((instance.tracker.previous("status"), instance.status))

    post_save.connect(status_changed, sender=TrackedOrder)
    try:
        order = TrackedOrder.objects.create()
        first_tab = TrackedOrder.objects.get(pk=order.pk)
        second_tab = TrackedOrder.objects.get(pk=order.pk)
        for tab in (first_tab, second_tab):  # two staff members click "Shipped"
            tab.status = "shipped"
            tab.save()
    finally:
        post_save.disconnect(status_changed, sender=TrackedOrder)
    assert changes == [("paid", "shipped"), ("paid", "shipped")]  # reported twice


# --8<-- [end:field_tracker_test]


# --8<-- [start:lifecycle_test]
def test_a_lifecycle_hook_runs_after_the_commit_when_the_field_changed(tables):
    LifecycleOrder.announced.clear()
    order = LifecycleOrder.objects.create()
    with transaction.atomic():
        order.status = "shipped"
        order.save()
        assert LifecycleOrder.announced == []  # on_commit=True: not yet
    assert LifecycleOrder.announced == [("paid", "shipped")]

    order.save()  # nothing changed: the hook's `when=` condition is false
    assert LifecycleOrder.announced == [("paid", "shipped")]


# --8<-- [end:lifecycle_test]
