"""Follow a traced action into the Celery worker, with Celery's own signals.

Caveats first:

- ``before_task_publish`` puts the trace id in the message's headers when a
  task is queued while a trace is recording (in the web process, or in a
  worker task that is itself traced, so a retry or a task queued by a task
  keeps the id). No other task carries one, and the worker records nothing
  for them.
- In the worker, ``task_prerun`` starts a Recorder and ``task_postrun`` stores
  what the task sent (signals, receivers, on_commit callbacks, tasks it
  queued) with its state: SUCCESS, RETRY (with the reason) or FAILURE (with
  the exception, from ``task_failure``). Each attempt is a part of its own.
- The context variable that carries the trace id is set in ``task_prerun``
  and read in the task's body: that holds for the solo, prefork and threads
  pools, where one thread runs prerun, the task and postrun in turn.
- With ``CELERY_TASK_ALWAYS_EAGER`` a task runs inside the request: its sends
  are in the request's own part, and the task is listed as run inline.
"""

import contextvars
import logging
import time
from contextlib import contextmanager

from celery import signals as celery_signals

from . import instrument, trace

logger = logging.getLogger(__name__)

HEADER = "signals_lab_trace"

# What the trace being recorded here has queued: a _Publishing, or None.
_publishing = contextvars.ContextVar("signals_lab_publishing", default=None)
_running = {}  # task id -> what start_task began: see there


class _Publishing:
    __slots__ = ("trace_id", "tasks")

    def __init__(self, trace_id):
        self.trace_id = trace_id
        self.tasks = []

    def add(self, name, task_id, eager=False):
        if len(self.tasks) < trace.MAX_SENDS:
            self.tasks.append({"name": name, "id": task_id, "eager": eager, "at": time.time()})


@contextmanager
def publishing(trace_id):
    """Tasks queued inside the block carry `trace_id`; yields the list they are added to."""
    token = _publishing.set(_Publishing(trace_id))
    try:
        yield _publishing.get().tasks
    finally:
        _publishing.reset(token)


def _headers_trace_id(task):
    request = task.request
    value = getattr(request, HEADER, None) or (request.headers or {}).get(HEADER)
    return value if trace.is_id(value) else None


# --8<-- [start:publish]
def add_trace_header(sender=None, headers=None, **kwargs):
    current = _publishing.get()
    if current is None or headers is None:
        return
    headers[HEADER] = current.trace_id
    current.add(sender, headers.get("id"))


# --8<-- [end:publish]


def start_task(sender=None, task_id=None, task=None, **kwargs):
    if task is None:
        return
    if task.request.is_eager:
        current = _publishing.get()
        if current is not None:  # it runs inside the traced request: say so there
            current.add(task.name, task_id, eager=True)
        return
    trace_id = _headers_trace_id(task)
    if trace_id is None:
        return
    instrument.install()
    recorder = instrument.Recorder(limit=trace.MAX_SENDS, parent=instrument.current_recorder())
    token = instrument.start_recording(recorder)
    publishing_token = _publishing.set(_Publishing(trace_id))
    _running[task_id] = {
        "publishing": publishing_token,
        "recorder": recorder,
        "recording": token,
        "started": time.time(),
        "retry_reason": None,
        "error": None,
    }


def note_retry(sender=None, request=None, reason=None, **kwargs):
    entry = _running.get(getattr(request, "id", None))
    if entry is not None:
        entry["retry_reason"] = str(reason)


def note_failure(sender=None, task_id=None, exception=None, **kwargs):
    entry = _running.get(task_id)
    if entry is not None:
        entry["error"] = f"{type(exception).__name__}: {exception}"


def finish_task(sender=None, task_id=None, task=None, state=None, **kwargs):
    entry = _running.pop(task_id, None)
    if entry is None:
        return
    current = _publishing.get()
    instrument.stop_recording(entry["recording"])
    instrument.uninstall()
    _publishing.reset(entry["publishing"])
    part = {
        "id": task_id,
        "name": task.name,
        "attempt": task.request.retries or 0,
        "state": state,
        "started": entry["started"],
        "finished": time.time(),
        "hostname": task.request.hostname,
        "retry_reason": entry["retry_reason"],
        "error": entry["error"],
        "tasks": current.tasks if current is not None else [],
        **entry["recorder"].as_stats(),
    }
    try:
        trace.save_task_part(current.trace_id, part)
    except Exception:  # the trace is a teaching aid: never fail a task for it
        logger.exception("could not store the trace of task %s", task_id)


def connect():
    """Connect the handlers once (SignalsLabConfig.ready())."""
    for signal, handler in (
        (celery_signals.before_task_publish, add_trace_header),
        (celery_signals.task_prerun, start_task),
        (celery_signals.task_retry, note_retry),
        (celery_signals.task_failure, note_failure),
        (celery_signals.task_postrun, finish_task),
    ):
        signal.connect(handler, weak=False, dispatch_uid=f"signals_lab.trace.{handler.__name__}")
