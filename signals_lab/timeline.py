"""One ordered list of what happened: signals sent, receivers called, SQL, commits, on_commit.

Caveats first:

- Needs ``signals_lab.instrument`` installed (it records the sends and the
  on_commit callbacks); ``observe()`` installs it for its own length.
- Only the ``default`` database connection of the calling thread is watched
  for SQL and commits. SQL is kept as its verb and table (``INSERT
  signals_lab_note``), never its parameters, so two runs read the same.
- Savepoints, and statements on tables the caller does not ask about, are
  left out: they differ between SQLite and PostgreSQL and teach nothing here.
  So are the sends of signals the caller does not name, with whatever their
  receivers do, and whatever the receivers of a learner's exercise files do.
"""

import re
import threading
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field

from django.db import connection

from . import instrument

SQL_VERB = re.compile(
    r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM|SELECT\b.*?\bFROM)\s+[`"]?(\w+)', re.S | re.I
)


@dataclass
class Event:
    """One thing that happened. `kind` is send, call, sql, commit, rollback, queue, run or note."""

    kind: str
    label: str
    in_transaction: bool = False
    receiver: str = ""  # the receiver running when it happened, if any
    signal: str = ""
    is_async: bool = False
    record: object = field(default=None, compare=False, repr=False)  # a send's SendRecord

    def receivers_called(self):
        """For a send: the receivers it called, less those of exercise files."""
        calls = self.record.calls if self.record is not None else []
        return [c for c in calls if not c.receiver.startswith(Timeline.skip_receivers)]


def short(path):
    """A dotted path's last two parts: ``a.tasks.send_email`` -> ``tasks.send_email``.

    A cache backend's method reads ``cache.delete`` whichever backend is
    configured (file, database, Redis), so runs in each environment agree.
    """
    path = re.sub(r"\w*Cache\.", "cache.", str(path).replace(".<locals>", ""))
    inner = re.fullmatch(r"partial\((.*)\)", path)
    if inner:
        return f"partial({short(inner.group(1))})"
    return ".".join(path.split(".")[-2:])


def sql_label(sql):
    """``INSERT signals_lab_note`` for an INSERT into that table; None for anything else."""
    match = SQL_VERB.match(sql)
    if not match:
        return None
    verb = match.group(1).split()[0].upper()
    return f"{verb} {match.group(2)}"


def _current_call():
    # The instrument keeps the receiver call running now in a context variable of its own.
    return instrument._current_call.get()


class _CallLog(list):
    """A SendRecord's list of calls that also notes each call in the timeline as it starts."""

    def __init__(self, timeline, record):
        super().__init__()
        self.timeline = timeline
        self.record = record

    def append(self, call):
        super().append(call)
        if call.receiver.startswith(self.timeline.skip_receivers):
            return
        self.timeline.drawn_calls.add(id(call))
        self.timeline.add(
            "call",
            short(call.receiver),
            receiver=call.receiver,
            signal=self.timeline.signal_name(self.record),
            is_async=call.is_async,
        )


class Timeline(instrument.Recorder):
    """A Recorder that also keeps every event in the order it happened."""

    # Learners' exercise files connect receivers of their own; what those do
    # depends on how far the learner got, so it is never drawn.
    skip_receivers = ("exercises.",)

    def __init__(self, tables=(), signals=None):
        super().__init__(limit=10_000)
        self.events = []
        self.tables = frozenset(tables)
        self.signals = signals  # short names of the signals to keep; None keeps every one
        self._lock = threading.Lock()
        self.drawn_calls = set()  # ids of the ReceiverCalls that are drawn
        self._skipped_callbacks = set()  # ids of CallbackRecords an undrawn receiver queued
        self._muted = False  # while such a callback runs: its email, its SQL, ...

    def _drawn(self, call):
        """Whether what happens now is drawn: outside any receiver, or in a drawn one."""
        return call is None or id(call) in self.drawn_calls

    def add(self, kind, label, **details):
        call = _current_call()
        if self._muted or not self._drawn(call):
            return
        details.setdefault("in_transaction", connection.in_atomic_block)
        details.setdefault("receiver", call.receiver if call else "")
        with self._lock:
            self.events.append(Event(kind, label, **details))

    def note(self, label):
        """Mark a point in the run (an HTTP answer, a phase), in order with the rest."""
        self.add("note", label)

    def signal_name(self, record):
        from .names import signal_names

        signal = record.signal()
        return signal_names().get(id(signal), repr(signal)) if signal else "(collected)"

    def new_send(self, signal, method, sender):
        record = super().new_send(signal, method, sender)
        if record is not None:
            name = self.signal_name(record)
            short_name = name.rsplit(".", 1)[-1] if not name.startswith("<") else "signal"
            if self.signals is None or short_name in self.signals:
                record.calls = _CallLog(self, record)
                label = f"{short_name}.{method}()"
                self.add("send", label, signal=name, record=record)
        return record

    def new_callback(self, func, alias, in_atomic_block):
        record = super().new_callback(func, alias, in_atomic_block)
        if not self._drawn(_current_call()):
            self._skipped_callbacks.add(id(record))
        self.add("queue", short(record.callback), in_transaction=in_atomic_block)
        return record

    def traced_callback(self, func):
        traced = super().traced_callback(func)
        if traced is func:
            return func

        def run():
            if id(traced._record) not in self._skipped_callbacks:
                self.add("run", short(traced._record.callback))
                return traced()
            self._muted = True
            try:
                return traced()
            finally:
                self._muted = False

        return run

    def sql(self, execute, sql, params, many, context):
        label = sql_label(sql)
        if label and label.split()[1] in self.tables:
            self.add("sql", label)
        return execute(sql, params, many, context)

    def kinds(self, *kinds):
        return [event for event in self.events if event.kind in kinds]


@contextmanager
def observe(tables=(), signals=None):
    """Record into a fresh Timeline: sends of `signals` (short names; None for all),
    their receivers, on_commit callbacks, COMMITs, and SQL on `tables`."""
    timeline = Timeline(tables, signals)
    commit, rollback = connection.commit, connection.rollback

    def observed_commit():
        timeline.add("commit", "COMMIT")
        return commit()

    def observed_rollback():
        timeline.add("rollback", "ROLLBACK")
        return rollback()

    instrument.install()
    try:
        with ExitStack() as stack:
            stack.enter_context(connection.execute_wrapper(timeline.sql))
            stack.enter_context(instrument.recording(timeline))
            # Atomic.__exit__ calls connection.commit(): watch it on this connection only.
            connection.commit, connection.rollback = observed_commit, observed_rollback
            try:
                yield timeline
            finally:
                del connection.commit, connection.rollback
    finally:
        instrument.uninstall()
