"""A recorder started inside another (the trace middleware's inside the toolbar's,
or inside a Timeline) leaves the outer one seeing everything it saw before."""

import pytest
from django.db import transaction
from django.dispatch import Signal

from signals_lab import instrument

pytestmark = pytest.mark.django_db(transaction=True)


def test_both_recorders_keep_the_send_its_receiver_and_the_callback(instrumented, connected):
    signal = Signal()
    ran = []

    def queue_work(sender, **kwargs):
        transaction.on_commit(lambda: ran.append("after commit"))
        return "queued"

    connected(signal, queue_work)
    inner = instrument.Recorder(parent=instrument.current_recorder())
    token = instrument.start_recording(inner)
    try:
        with transaction.atomic():
            signal.send(sender=None)
    finally:
        instrument.stop_recording(token)
    assert ran == ["after commit"]
    for recorder in (instrumented, inner):
        stats = recorder.as_stats()
        # Only this signal's send: opening a connection may send connection_created.
        ours = [i for i, send in enumerate(stats["sends"]) if send["signal"] == repr(signal)]
        assert len(ours) == 1
        send = stats["sends"][ours[0]]
        assert [call["result"] for call in send["calls"]] == ["'queued'"]
        (callback,) = stats["callbacks"]
        assert callback["state"] == "ran after commit"
        assert callback["queued_by"].endswith("queue_work")
        assert callback["queued_at"] == [ours[0], 0]
