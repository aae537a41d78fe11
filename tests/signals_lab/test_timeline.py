"""The timeline the docs' diagrams are drawn from: what it keeps, in what order."""

import pytest
from django.db import transaction
from django.dispatch import Signal

from signals_lab.models import Note
from signals_lab.timeline import observe

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def signal():
    signal = Signal()
    yield signal
    signal.receivers.clear()
    signal.sender_receivers_cache.clear()


def events(timeline):
    return [(event.kind, event.label) for event in timeline.events]


def test_events_come_in_the_order_they_happened(signal):
    def remember(sender, **kwargs):
        Note.objects.create(text="written by the receiver")
        transaction.on_commit(lambda: None)

    signal.connect(remember, weak=False)
    with observe(["signals_lab_note"], ["signal"]) as timeline, transaction.atomic():
        signal.send(sender=None)
    # The note's own pre_save and post_save are not asked for: neither is what their
    # receivers do (forget_note_count's on_commit).
    assert events(timeline) == [
        ("send", "signal.send()"),
        ("call", "test_events_come_in_the_order_they_happened.remember"),
        ("sql", "INSERT signals_lab_note"),
        ("queue", "remember.<lambda>"),
        ("commit", "COMMIT"),
        ("run", "remember.<lambda>"),
    ]
    sql = timeline.kinds("sql")[0]
    assert sql.in_transaction and sql.receiver.endswith(".remember")


def test_only_the_named_signals_and_tables_are_kept():
    with observe(tables=["auth_user"], signals=["post_save"]) as timeline:
        Note.objects.create(text="pre_save is not asked for, nor the note's table")
    assert events(timeline) == [
        ("send", "post_save.send()"),
        ("call", "signals.forget_note_count"),
        ("queue", "partial(cache.delete)"),
    ]
    assert not timeline.kinds("queue")[0].in_transaction, "autocommit: it ran at once"


def test_what_an_exercise_receiver_does_is_left_out(signal):
    def learners(sender, **kwargs):
        Note.objects.create(text="by the learner's receiver")
        transaction.on_commit(lambda: Note.objects.create(text="by the learner's callback"))

    def ours(sender, **kwargs):
        pass

    # A learner's half-done exercise must not change the docs' diagrams.
    learners.__module__ = "exercises.ex99_example"
    signal.connect(learners, weak=False)
    signal.connect(ours, weak=False)
    with observe(["signals_lab_note"], ["signal"]) as timeline, transaction.atomic():
        signal.send(sender=None)
    assert events(timeline) == [
        ("send", "signal.send()"),
        ("call", "test_what_an_exercise_receiver_does_is_left_out.ours"),
        ("commit", "COMMIT"),
    ]
    assert Note.objects.count() == 2, "the learner's code still ran"
    assert [
        c.receiver.rsplit(".", 1)[-1] for c in timeline.kinds("send")[0].receivers_called()
    ] == ["ours"]


def test_a_rollback_is_recorded_and_its_callbacks_never_run(signal):
    signal.connect(lambda sender, **kwargs: transaction.on_commit(print), weak=False)
    with observe(signals=["signal"]) as timeline, pytest.raises(LookupError), transaction.atomic():
        signal.send(sender=None)
        raise LookupError("roll it back")
    assert [kind for kind, _ in events(timeline)] == ["send", "call", "queue", "rollback"]
