"""Celery settings changed for a block come back as they were, Django's showing again."""

from django.test import override_settings

from mysite.celery import app, conf_overridden


def test_assigning_the_old_value_back_pins_it_over_djangos_setting():
    # What restoring by assignment did: Django's later change no longer shows.
    saved = app.conf.task_always_eager
    try:
        app.conf.task_always_eager = saved
        with override_settings(CELERY_TASK_ALWAYS_EAGER=not saved):
            assert app.conf.task_always_eager is saved
    finally:
        app.conf.changes.pop("task_always_eager")


def test_conf_overridden_takes_its_values_back_out():
    eager = app.conf.task_always_eager
    with conf_overridden(task_always_eager=not eager, task_default_queue="elsewhere"):
        assert app.conf.task_always_eager is (not eager)
        assert app.conf.task_default_queue == "elsewhere"
    assert "task_always_eager" not in app.conf.changes
    with override_settings(CELERY_TASK_ALWAYS_EAGER=not eager):
        assert app.conf.task_always_eager is (not eager), "Django's setting shows again"


def test_a_nested_override_restores_the_outer_one():
    with conf_overridden(task_default_queue="outer"):
        with conf_overridden(task_default_queue="inner"):
            assert app.conf.task_default_queue == "inner"
        assert app.conf.task_default_queue == "outer"


def test_the_suite_sees_a_setting_a_test_left_assigned():
    # What tests/conftest.py's no_leaked_celery_settings compares after each test.
    from tests.conftest import assigned_since

    before = dict(app.conf.changes)
    with conf_overridden(task_default_queue="inside"):
        assert assigned_since(before, app.conf.changes) == ["task_default_queue"]
    assert assigned_since(before, app.conf.changes) == []


def test_a_change_of_broker_drops_the_pooled_connections_both_ways():
    app.pool  # noqa: B018 (a pool for the configured broker)
    assert app._pool is not None
    with conf_overridden(broker_url="memory://"):
        assert app._pool is None, "the producer would still publish to the old broker"
        app.pool  # noqa: B018 (one for memory://)
    assert app._pool is None, "nor, afterwards, to memory://"
