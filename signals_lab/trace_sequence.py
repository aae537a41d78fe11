"""A Recorder's trace (``Recorder.as_stats()``) as a sequence diagram.

Caveat first: a trace keeps sends and on_commit callbacks in two lists, so
each callback is drawn after the receiver that queued it, and its outcome
(ran after the commit, or never ran) at the end, where the commit falls for
a request; callbacks queued outside any receiver are drawn at the start.
For the docs' diagrams, which need SQL and COMMIT in order, see
``signals_lab.timeline`` and ``signals_lab.diagrams``.
"""

from .sequence import Diagram, Message, Participant
from .timeline import short


def _ran(callback):
    state = callback["state"]
    if callback["error"]:
        return f"{short(callback['callback'])}: {callback['error']}"
    return f"{short(callback['callback'])}: {state}"


def diagram_from_trace(stats, title, times=False):
    """The sends, receivers and on_commit callbacks of `stats`, in order.

    `times` adds each receiver's duration: right for a page showing one run,
    wrong for anything compared byte for byte.
    """
    callbacks = stats.get("callbacks", [])
    by_receiver = {}
    for callback in callbacks:
        by_receiver.setdefault(callback["queued_by"], []).append(callback)
    steps = [
        Message("sender", "hooks", f"on_commit({short(cb['callback'])})")
        for cb in by_receiver.pop(None, [])
    ]
    for send in stats.get("sends", []):
        signal = send["signal"].rsplit(".", 1)[-1]
        where = " in a transaction" if send["in_transaction"] else ""
        indent = "↳ " * send["depth"]
        steps.append(Message("sender", "receivers", f"{indent}{signal}.{send['method']}(){where}"))
        for call in send["calls"]:
            label = f"{short(call['receiver'])} ({'async' if call['is_async'] else 'sync'})"
            if times and call["ms"] is not None:
                label += f" {call['ms']:.1f} ms"
            if call["error"]:
                label += f"\nraised {call['error']}"
            steps.append(Message("receivers", "receivers", label))
            for callback in by_receiver.pop(call["receiver"], []):
                steps.append(
                    Message("receivers", "hooks", f"on_commit({short(callback['callback'])})")
                )
    for callback in callbacks:
        steps.append(Message("hooks", "receivers", _ran(callback), reply=True))
    if stats.get("omitted"):
        steps.append(Message("sender", "receivers", f"... {stats['omitted']} more sends"))
    participants = [
        Participant("sender", "sender"),
        Participant("receivers", "receivers"),
        Participant("hooks", "on_commit"),
    ]
    return Diagram(title, participants, steps)
