"""The claims of the "Signals 101" chapter, each proved by a test the chapter includes."""

import gc
import threading
from contextlib import contextmanager

import pytest
from django.db import connection, connections, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

from polls.models import Question

pytestmark = pytest.mark.django_db


# --8<-- [start:synchronous]
def test_receivers_run_before_send_returns():
    ping = Signal()
    events = []

    def receiver(sender, **kwargs):
        events.append("receiver ran")

    ping.connect(receiver)
    events.append("before send")
    ping.send(sender=None)
    events.append("after send")
    assert events == ["before send", "receiver ran", "after send"]


# --8<-- [end:synchronous]


# --8<-- [start:same_thread]
def test_receivers_run_in_the_senders_thread():
    ping = Signal()
    seen = []

    def receiver(sender, **kwargs):
        seen.append(threading.get_ident())

    ping.connect(receiver)
    ping.send(sender=None)
    assert seen == [threading.get_ident()]


# --8<-- [end:same_thread]


# --8<-- [start:other_connection]
@contextmanager
def another_connection():
    """A second connection to the same database, as another process would have."""
    wrapper = connections["default"]
    other = type(wrapper)(dict(wrapper.settings_dict), alias="another")
    try:
        yield other
    finally:
        other.close()


def visible_elsewhere(question_text):
    with another_connection() as other, other.cursor() as cursor:
        table = Question._meta.db_table
        query = f"SELECT COUNT(*) FROM {table} WHERE question_text = %s"
        cursor.execute(query, [question_text])
        return cursor.fetchone()[0] == 1


# --8<-- [end:other_connection]


# --8<-- [start:autocommit]
@pytest.mark.django_db(transaction=True)
def test_in_autocommit_post_save_runs_after_the_row_is_committed():
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append((connection.in_atomic_block, visible_elsewhere("Committed")))

    post_save.connect(receiver, sender=Question)
    try:
        Question.objects.create(question_text="Committed")  # no atomic() around it
    finally:
        post_save.disconnect(receiver, sender=Question)
    # No transaction is open, and another connection already sees the row.
    assert seen == [(False, True)]


# --8<-- [end:autocommit]


# --8<-- [start:same_transaction]
@pytest.mark.django_db(transaction=True)
def test_inside_atomic_post_save_runs_before_the_commit():
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append((connection.in_atomic_block, visible_elsewhere("Rolled back")))
        instance.choices.create(choice_text="written by the receiver")

    post_save.connect(receiver, sender=Question)
    try:
        with pytest.raises(ZeroDivisionError), transaction.atomic():
            Question.objects.create(question_text="Rolled back")
            raise ZeroDivisionError  # the caller's transaction fails afterwards
    finally:
        post_save.disconnect(receiver, sender=Question)
    # Inside the caller's transaction: nobody else can see the row yet.
    assert seen == [(True, False)]
    assert not Question.objects.exists()  # the receiver's write went with it


# --8<-- [end:same_transaction]


# --8<-- [start:post_delete]
@pytest.mark.django_db(transaction=True)
def test_post_delete_always_runs_inside_the_deletions_transaction():
    question = Question.objects.create(question_text="Deleted")
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append((connection.in_atomic_block, visible_elsewhere("Deleted")))

    post_delete.connect(receiver, sender=Question)
    try:
        question.delete()  # autocommit, yet Collector.delete() opens atomic()
    finally:
        post_delete.disconnect(receiver, sender=Question)
    # Deleted in this transaction, not yet committed: still visible elsewhere.
    assert seen == [(True, True)]
    assert not visible_elsewhere("Deleted")  # gone once delete() returned


# --8<-- [end:post_delete]


# --8<-- [start:arguments]
def test_a_receiver_gets_the_sender_the_signal_and_the_keywords():
    order_placed = Signal()
    calls = []

    def receiver(sender, **kwargs):
        calls.append((sender, kwargs))
        return "noted"

    order_placed.connect(receiver)
    responses = order_placed.send(sender="shop", order_id=7)
    assert calls == [("shop", {"signal": order_placed, "order_id": 7})]
    assert responses == [(receiver, "noted")]


# --8<-- [end:arguments]


# --8<-- [start:sender_filter]
def test_a_sender_filter_picks_which_sends_reach_the_receiver():
    ping = Signal()
    heard = []

    def only_from_question(sender, **kwargs):
        heard.append(sender)

    ping.connect(only_from_question, sender=Question)
    ping.send(sender=Question)
    ping.send(sender=str)
    assert heard == [Question]


# --8<-- [end:sender_filter]


# --8<-- [start:errors]
def test_an_exception_stops_send_but_send_robust_collects_it():
    ping = Signal()
    ran = []

    def broken(sender, **kwargs):
        raise ValueError("receiver bug")

    def after(sender, **kwargs):
        ran.append("after")

    ping.connect(broken)
    ping.connect(after)
    with pytest.raises(ValueError):
        ping.send(sender=None)  # `after` never runs
    assert ran == []

    responses = ping.send_robust(sender=None)  # every receiver runs
    assert ran == ["after"]
    assert isinstance(responses[0][1], ValueError)


# --8<-- [end:errors]


# --8<-- [start:dispatch_uid]
def test_dispatch_uid_connects_a_receiver_once():
    ping = Signal()
    calls = []

    def make_receiver():
        # A new function object each time, as when a module is imported twice.
        def receiver(sender, **kwargs):
            calls.append(1)

        return receiver

    first, second = make_receiver(), make_receiver()
    ping.connect(first)
    ping.connect(second)
    ping.send(sender=None)
    assert len(calls) == 2  # two "copies" of the receiver both ran

    calls.clear()
    ping.disconnect(first)
    ping.disconnect(second)
    ping.connect(first, dispatch_uid="ping.receiver")
    ping.connect(second, dispatch_uid="ping.receiver")
    ping.send(sender=None)
    assert len(calls) == 1


# --8<-- [end:dispatch_uid]


# --8<-- [start:weak]
def test_receivers_are_weakly_referenced_by_default():
    ping = Signal()

    def connect_a_local_receiver():
        def local(sender, **kwargs):
            return "still here"

        ping.connect(local)  # weak=True: the signal does not keep `local` alive

    connect_a_local_receiver()
    gc.collect()
    assert ping.send(sender=None) == []  # it was garbage-collected
    assert not ping.has_listeners()


# --8<-- [end:weak]
