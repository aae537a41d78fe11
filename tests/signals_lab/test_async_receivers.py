"""Sync and async receivers under send() and asend(), on Django 5.2 and 6.1."""

import asyncio
import builtins
import contextvars
import time

import django
import pytest
from asgiref.sync import async_to_sync
from django.dispatch import Signal

from signals_lab.models import NoteEvent
from signals_lab.services import create_note, share_note
from signals_lab.signals import count_shares, log_share

DJANGO_61 = django.VERSION >= (6, 1)


@pytest.fixture
def signal_with_both(connected):
    signal, log = Signal(), []

    # --8<-- [start:mixed_receivers]
    def sync_receiver(sender, **kwargs):
        log.append("sync started")
        time.sleep(0.2)  # blocking work: under asend() it runs in a worker thread
        log.append("sync finished")
        return "sync"

    async def async_receiver(sender, **kwargs):
        log.append("async started")
        return "async"

    # --8<-- [end:mixed_receivers]
    connected(signal, async_receiver)
    connected(signal, sync_receiver)
    return signal, log


# --8<-- [start:send_runs_both]
def test_send_runs_sync_receivers_first_then_async_ones(signal_with_both):
    signal, log = signal_with_both
    # From sync code: the async receivers run through async_to_sync.
    responses = signal.send(sender=None)
    assert [value for _, value in responses] == ["sync", "async"]
    assert log == ["sync started", "sync finished", "async started"]


# --8<-- [end:send_runs_both]


# --8<-- [start:asend_order]
def test_asend_order_changed_in_django_6_1(signal_with_both):
    signal, log = signal_with_both
    responses = async_to_sync(signal.asend)(sender=None)
    assert [value for _, value in responses] == ["sync", "async"]  # same on both
    if DJANGO_61:
        # 6.1 awaits the sync receivers first, then runs the async ones together.
        assert log == ["sync started", "sync finished", "async started"]
    else:
        # 5.2 runs the sync group (in a thread) at the same time as the async ones.
        assert log.index("async started") < log.index("sync finished")


# --8<-- [end:asend_order]


# --8<-- [start:contextvars]
request_id = contextvars.ContextVar("request_id", default=None)


def test_a_context_variable_set_by_an_async_receiver(connected):
    signal = Signal()

    async def tag_request(sender, **kwargs):
        request_id.set("set by a receiver")

    connected(signal, tag_request)

    async def caller():
        await signal.asend(sender=None)
        return request_id.get()

    seen = async_to_sync(caller)()
    # 6.1 runs async receivers in one shared context and copies it back to the caller.
    assert seen == ("set by a receiver" if DJANGO_61 else None)


# --8<-- [end:contextvars]


# --8<-- [start:asend_robust]
def test_asend_robust_returns_the_exception_of_an_async_receiver(connected, caplog):
    signal = Signal()

    async def broken(sender, **kwargs):
        raise LookupError("no such customer")

    async def fine(sender, **kwargs):
        return "ok"

    connected(signal, broken)
    connected(signal, fine)
    responses = dict(async_to_sync(signal.asend_robust)(sender=None))
    assert isinstance(responses[broken], LookupError)
    assert responses[fine] == "ok"
    assert "Error calling" in caplog.text  # Django logs what it caught


# --8<-- [end:asend_robust]


# --8<-- [start:lab_share]
@pytest.mark.django_db(transaction=True)
def test_the_lab_share_mixes_a_sync_and_an_async_receiver():
    note = create_note("Shared twice")
    async_to_sync(share_note)(note)
    responses = dict(async_to_sync(share_note)(note))
    assert responses[log_share] is None  # ran through sync_to_async
    assert responses[count_shares] == 2  # the async ORM counted both shares
    assert note.events.filter(kind=NoteEvent.SHARED).count() == 2


# --8<-- [end:lab_share]


# --8<-- [start:sync_orm_in_async]
@pytest.mark.django_db(transaction=True)
def test_the_sync_orm_inside_an_async_receiver_raises(connected):
    from django.core.exceptions import SynchronousOnlyOperation

    signal = Signal()

    async def counts_wrongly(sender, **kwargs):
        return NoteEvent.objects.count()  # sync ORM in async code

    connected(signal, counts_wrongly)
    with pytest.raises(SynchronousOnlyOperation):
        async_to_sync(signal.asend)(sender=None)


# --8<-- [end:sync_orm_in_async]


# --8<-- [start:failure_cancels]
def test_a_failing_async_receiver_cancels_the_others_on_6_1(connected):
    signal, log = Signal(), []

    async def fails_at_once(sender, **kwargs):
        raise ValueError("bad input")

    async def slow(sender, **kwargs):
        await asyncio.sleep(0.1)
        log.append("slow receiver finished")

    connected(signal, fails_at_once)
    connected(signal, slow)

    async def caller():
        with pytest.raises(ValueError):
            await signal.asend(sender=None)
        await asyncio.sleep(0.3)  # time for the slow receiver to finish, if it runs

    async_to_sync(caller)()
    assert log == ([] if DJANGO_61 else ["slow receiver finished"])


def test_two_failures_at_once(connected):
    signal = Signal()

    async def first(sender, **kwargs):
        raise ValueError("first")

    async def second(sender, **kwargs):
        raise KeyError("second")

    connected(signal, first)
    connected(signal, second)
    # ExceptionGroup is a builtin from Python 3.11; Django 6.1 needs 3.12.
    expected = vars(builtins)["ExceptionGroup"] if DJANGO_61 else ValueError
    with pytest.raises(expected):
        async_to_sync(signal.asend)(sender=None)


# --8<-- [end:failure_cancels]
