"""Record every signal sent, each receiver it called, and the on_commit callbacks.

Caveats first:

- ``install()`` patches methods of ``django.dispatch.Signal`` and of
  ``BaseDatabaseWrapper`` for the whole process. Nothing is patched until
  something asks for it (the "Signals sent" panel, for each request it shows;
  ``SIGNALS_INSTRUMENT=1``; a test), so the cost when off is zero.
  ``uninstall()`` undoes it once every ``install()`` has been matched.
- Installing and uninstalling are safe while other threads send signals and
  commit: Django's own methods are kept for the life of the process, so a
  thread still inside a patched method after ``uninstall()`` finds them, and
  the patch only ever wraps a call around Django's. A send or commit already
  running when the patch comes or goes is recorded in part, or not at all, and
  is dispatched exactly as without it (``tests/signals_lab/test_thread_safety.py``).
- Only sends made while a :class:`Recorder` is active are recorded: inside
  ``recording()``, or every send after ``install(record_everything=True)``.
- Dispatch itself is Django's own: the patch wraps each live receiver for the
  length of one send, so receivers run in the same order with the same
  arguments, results and exceptions, and the responses hold the receivers
  themselves. Records keep strings, never receivers, so weak receivers are
  still collected.
- ``request_started`` and ``request_finished`` are sent outside the debug
  toolbar's middleware, so the panel never sees them.
- Nesting depth is kept in a context variable. On Django 6.1, async receivers
  run by one ``asend()`` share a context, so when two of them send signals at
  the same moment the depth shown for those nested sends may be off by one.
"""

import contextvars
import threading
import time
import weakref
from collections import deque
from contextlib import contextmanager

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.dispatch import Signal

from .describe import describe, dotted_path

SEND_METHODS = ("send", "send_robust", "asend", "asend_robust")

_recorder = contextvars.ContextVar("signals_lab_recorder", default=None)
_handoff = contextvars.ContextVar("signals_lab_handoff", default=None)
_depth = contextvars.ContextVar("signals_lab_depth", default=0)
_current_call = contextvars.ContextVar("signals_lab_current_call", default=None)

_lock = threading.Lock()
_installs = 0
# Django's own methods, captured by the first install() and never dropped: a
# thread that entered a patched method just before uninstall() still calls them.
_originals = {}
_everything = None  # the Recorder of install(record_everything=True)


def open_transactions():
    """Aliases of the database connections inside an atomic block right now."""
    # connections.all(initialized_only=True) builds two lookups per alias; this
    # runs on every recorded send, so read this thread's connections once each.
    local = connections._connections
    opened = []
    for alias in connections.settings:
        connection = getattr(local, alias, None)
        if connection is not None and connection.in_atomic_block:
            opened.append(alias)
    return opened


class ReceiverCall:
    __slots__ = ("receiver", "is_async", "started", "ms", "result", "error")

    def __init__(self, receiver, is_async):
        self.receiver = dotted_path(receiver)
        self.is_async = is_async
        self.ms = None
        self.result = None
        self.error = None
        self.started = time.perf_counter()

    def finish(self, result=None, error=None):
        self.ms = (time.perf_counter() - self.started) * 1000
        if error is not None:
            self.error = f"{type(error).__name__}: {error}"
        else:
            self.result = describe(result)

    def as_dict(self):
        return {
            "receiver": self.receiver,
            "is_async": self.is_async,
            "ms": self.ms,
            "result": self.result,
            "error": self.error,
        }


class SendRecord:
    __slots__ = ("signal", "method", "sender", "depth", "in_transaction", "calls")

    def __init__(self, signal, method, sender):
        self.signal = weakref.ref(signal)
        self.method = method
        self.sender = describe(sender)
        self.depth = _depth.get()
        self.in_transaction = open_transactions()
        self.calls = []

    def as_dict(self, names):
        signal = self.signal()
        return {
            "signal": names.get(id(signal), repr(signal)) if signal else "(collected signal)",
            "method": self.method,
            "sender": self.sender,
            "depth": self.depth,
            "in_transaction": self.in_transaction,
            "calls": [call.as_dict() for call in self.calls],
        }


class CallbackRecord:
    __slots__ = (
        "callback",
        "alias",
        "queued_by",
        "queued_in_transaction",
        "state",
        "ms",
        "error",
        "call",
    )
    SHOWN = __slots__[:-1]

    def __init__(self, func, alias, in_atomic_block):
        call = _current_call.get()
        self.call = call  # which receiver call queued it, for Recorder.as_stats()
        self.callback = dotted_path(func)
        self.alias = alias
        self.queued_by = call.receiver if call else None
        self.queued_in_transaction = in_atomic_block
        self.state = "queued: not run (rolled back, or pending)" if in_atomic_block else "running"
        self.ms = None
        self.error = None

    def run(self, func, state):
        started = time.perf_counter()
        try:
            return func()
        except Exception as error:
            self.error = f"{type(error).__name__}: {error}"
            raise
        finally:
            self.ms = (time.perf_counter() - started) * 1000
            self.state = state

    def as_dict(self, positions=None):
        shown = {name: getattr(self, name) for name in self.SHOWN}
        # [send, call]: where the receiver call that queued it is in the stats' sends.
        shown["queued_at"] = (positions or {}).get(id(self.call))
        return shown


class Recorder:
    """What was sent while this recorder was active.

    A request's recorder keeps the first `limit` sends and counts the rest; a
    rolling one (for a whole process) keeps the latest `limit`. A recorder
    started inside another one (the trace middleware's, inside the toolbar's)
    names it as `parent`: the parent makes each record and both keep it, so
    neither misses what the other saw.
    """

    def __init__(self, limit=1000, rolling=False, parent=None):
        self.limit = limit
        self.rolling = rolling
        self.parent = parent
        self.sends = deque(maxlen=limit) if rolling else []
        self.callbacks = deque(maxlen=limit) if rolling else []
        self.omitted = 0
        self._pending = {}  # id(callback) -> [(callback, CallbackRecord), ...]
        # A rolling recorder is shared by every thread of the process.
        self._lock = threading.Lock()

    def new_send(self, signal, method, sender):
        # The parent makes the record (a Timeline draws it as it does), and both keep it.
        parent = self.parent
        mine = parent.new_send(signal, method, sender) if parent is not None else None
        record = mine or SendRecord(signal, method, sender)
        kept = self.keep_send(record)
        return record if kept or mine is not None else None

    def keep_send(self, record):
        with self._lock:
            if not self.rolling and len(self.sends) >= self.limit:
                self.omitted += 1
                return False
            self.sends.append(record)
        return True

    def new_callback(self, func, alias, in_atomic_block):
        if self.parent is not None:
            record = self.parent.new_callback(func, alias, in_atomic_block)
        else:
            record = CallbackRecord(func, alias, in_atomic_block)
        self.keep_callback(func, record)
        return record

    def keep_callback(self, func, record):
        with self._lock:
            self.callbacks.append(record)
            if record.queued_in_transaction:
                if self.rolling and len(self._pending) >= self.limit:
                    self._pending.pop(next(iter(self._pending)))
                self._pending.setdefault(id(func), []).append((func, record))

    def traced_callback(self, func):
        record = self._take(func)
        if self.parent is not None:  # it holds the same record, and wraps it its own way
            traced = self.parent.traced_callback(func)
            if traced is not func:
                return traced
        return func if record is None else _TracedCallback(func, record)

    def _take(self, func):
        with self._lock:
            entries = self._pending.get(id(func))
            for index, (queued, record) in enumerate(entries or ()):
                if queued is func:
                    del entries[index]
                    if not entries:
                        del self._pending[id(func)]
                    return record
        return None

    def as_stats(self):
        from .names import signal_names

        names = signal_names()
        sends = list(self.sends)
        positions = {
            id(call): [i, j] for i, send in enumerate(sends) for j, call in enumerate(send.calls)
        }
        return {
            "sends": [record.as_dict(names) for record in sends],
            "callbacks": [record.as_dict(positions) for record in self.callbacks],
            "omitted": self.omitted,
        }


def active_recorder():
    return _recorder.get() or _everything


def current_recorder():
    """The Recorder that sends are recorded into right now, or None: the parent
    to give a Recorder started inside another one."""
    return active_recorder()


@contextmanager
def recording(recorder=None):
    """Record the sends made inside the block; yields the Recorder. Needs install()."""
    if not _installs:
        raise RuntimeError("signals_lab.instrument is not installed: call install() first")
    recorder = recorder or Recorder()
    token = _recorder.set(recorder)
    try:
        yield recorder
    finally:
        _recorder.reset(token)


def start_recording(recorder):
    return _recorder.set(recorder)


def stop_recording(token):
    _recorder.reset(token)


# --- the wrappers ------------------------------------------------------------


class _Traced:
    """Calls the wrapped callable and records the call; any other attribute
    (``__qualname__`` for Django's error log, ``func`` of a partial) is the
    wrapped callable's own, so code that inspects it sees no difference."""

    __slots__ = ("_wrapped", "_record")

    def __init__(self, wrapped, record):
        self._wrapped = wrapped
        self._record = record

    def __getattr__(self, name):
        return getattr(self._wrapped, name)

    # Dunder lookups skip __getattr__. Django 6.1 logs a robust on_commit
    # callback without a __qualname__ (a partial) by its str(): keep it the same.
    def __repr__(self):
        return repr(self._wrapped)

    def __str__(self):
        return str(self._wrapped)


class _TracedReceiver(_Traced):
    def __call__(self, *args, **kwargs):
        call = ReceiverCall(self._wrapped, is_async=False)
        self._record.calls.append(call)
        outer = _current_call.get()
        _current_call.set(call)
        try:
            result = self._wrapped(*args, **kwargs)
        except Exception as error:
            call.finish(error=error)
            raise
        finally:
            _current_call.set(outer)
        call.finish(result=result)
        return result


class _TracedAsyncReceiver(_Traced):
    async def __call__(self, *args, **kwargs):
        call = ReceiverCall(self._wrapped, is_async=True)
        self._record.calls.append(call)
        outer = _current_call.get()
        _current_call.set(call)
        try:
            result = await self._wrapped(*args, **kwargs)
        except Exception as error:
            call.finish(error=error)
            raise
        finally:
            _current_call.set(outer)
        call.finish(result=result)
        return result


class _TracedCallback(_Traced):
    def __call__(self):
        return self._record.run(self._wrapped, "ran after commit")


def _unwrap(receiver):
    return receiver._wrapped if isinstance(receiver, _Traced) else receiver


# --8<-- [start:live_receivers]
def _traced_live_receivers(self, sender):
    sync_receivers, async_receivers = _originals["_live_receivers"](self, sender)
    record = _handoff.get()
    if record is None or record.signal() is not self:
        return sync_receivers, async_receivers  # has_listeners(), or an untraced send
    _handoff.set(None)
    return (
        [_TracedReceiver(r, record) for r in sync_receivers],
        [_TracedAsyncReceiver(r, record) for r in async_receivers],
    )


# --8<-- [end:live_receivers]


def _begin(signal, method, sender):
    """Start recording one send; None when no recorder is active."""
    recorder = active_recorder()
    if recorder is None:
        return None
    depth = _depth.get()
    _handoff.set(recorder.new_send(signal, method, sender))
    _depth.set(depth + 1)
    return depth


def _end(depth):
    # set(), not reset(): on Django 6.1 concurrent async receivers share a context.
    _handoff.set(None)
    _depth.set(depth)


# --8<-- [start:send]
def _make_sync_send(method):
    original = _originals[method]

    def send(self, sender, **named):
        depth = _begin(self, method, sender)
        if depth is None:
            return original(self, sender, **named)
        try:
            responses = original(self, sender, **named)
        finally:
            _end(depth)
        return [(_unwrap(receiver), response) for receiver, response in responses]

    send.__name__ = send.__qualname__ = method
    send.__doc__ = original.__doc__
    return send


# --8<-- [end:send]


def _make_async_send(method):
    original = _originals[method]

    async def asend(self, sender, **named):
        depth = _begin(self, method, sender)
        if depth is None:
            return await original(self, sender, **named)
        try:
            responses = await original(self, sender, **named)
        finally:
            _end(depth)
        return [(_unwrap(receiver), response) for receiver, response in responses]

    asend.__name__ = asend.__qualname__ = method
    asend.__doc__ = original.__doc__
    return asend


def _traced_on_commit(self, func, robust=False):
    recorder = active_recorder()
    if recorder is None or not callable(func):
        return _originals["on_commit"](self, func, robust)
    record = recorder.new_callback(func, self.alias, self.in_atomic_block)
    if self.in_atomic_block:
        return _originals["on_commit"](self, func, robust)
    # No transaction: Django runs the callback now, inside on_commit() itself.
    return record.run(lambda: _originals["on_commit"](self, func, robust), "ran at once")


def _traced_run_and_clear_commit_hooks(self):
    recorder = active_recorder()
    if recorder is not None and self.run_on_commit:
        # A new list, never the old one mutated: the callbacks Django runs are
        # the same ones, each wrapped or as it was.
        self.run_on_commit = [
            (savepoints, recorder.traced_callback(func), robust)
            for savepoints, func, robust in self.run_on_commit
        ]
    return _originals["run_and_clear_commit_hooks"](self)


# --- install / uninstall -----------------------------------------------------


def install(record_everything=False):
    """Patch dispatch and on_commit; idempotent, counted (see uninstall())."""
    global _installs, _everything
    with _lock:
        if record_everything and _everything is None:
            _everything = Recorder(limit=500, rolling=True)
        _installs += 1
        if _installs > 1:
            return
        if not _originals:
            _originals["_live_receivers"] = Signal._live_receivers
            for method in SEND_METHODS:
                _originals[method] = getattr(Signal, method)
            _originals["on_commit"] = BaseDatabaseWrapper.on_commit
            _originals["run_and_clear_commit_hooks"] = (
                BaseDatabaseWrapper.run_and_clear_commit_hooks
            )
            _patched.update(
                _live_receivers=_traced_live_receivers,
                send=_make_sync_send("send"),
                send_robust=_make_sync_send("send_robust"),
                asend=_make_async_send("asend"),
                asend_robust=_make_async_send("asend_robust"),
                on_commit=_traced_on_commit,
                run_and_clear_commit_hooks=_traced_run_and_clear_commit_hooks,
            )
        _swap(_patched)


def uninstall():
    """Undo one install(); the last one restores Django's own methods."""
    global _installs
    with _lock:
        if _installs == 0:
            return
        _installs -= 1
        if _installs == 0:
            _swap(_originals)


_patched = {}


def _swap(methods):
    # One attribute assignment each: a thread calling the method meanwhile gets
    # either Django's or the patched one, and the patched one only wraps Django's.
    for name in ("_live_receivers", *SEND_METHODS):
        setattr(Signal, name, methods[name])
    for name in ("on_commit", "run_and_clear_commit_hooks"):
        setattr(BaseDatabaseWrapper, name, methods[name])


def is_installed():
    return _installs > 0


def everything():
    """The process-wide Recorder of install(record_everything=True), or None."""
    return _everything
