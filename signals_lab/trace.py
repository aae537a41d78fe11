"""Where "what just fired" traces live between the request that made them and the
page that shows them: Django's cache, which every process shares.

Caveats first:

- The default cache is shared by every process (the file cache, or Redis
  with ``REDIS_URL``), so the worker writes what a task did and the web
  process reads it. A per-process memory cache would lose the worker's part.
- Bounded in age: every entry expires after ``TTL`` seconds. Bounded in size:
  a trace keeps the first ``MAX_SENDS`` sends, callbacks and tasks of what it
  recorded (and counts the rest), and the reader follows at most
  ``MAX_WORKER_PARTS`` task runs. The cache's own limit bounds the number of
  entries.
- Each trace belongs to one learner: a random id kept in a signed cookie
  (not the session, so signing in or out keeps it). Reading a trace with
  another learner's id finds nothing.
- A worker part is stored under its task's id and attempt, so two tasks of
  one trace never write the same key. Two deliveries of the same attempt (a
  duplicate message) keep the last one's record.
"""

import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

TTL = 15 * 60
MAX_SENDS = 200  # per part: the rest are counted, not kept
MAX_WORKER_PARTS = 20
MAX_ATTEMPTS = 10
LEARNER_COOKIE = "signals_lab_learner"
PENDING_COOKIE = "signals_lab_trace"
SALT = "signals_lab.trace"
PREFIX = "signals_lab:trace:"
HEX = frozenset("0123456789abcdef")


def enabled():
    """SIGNALS_TRACE, or DEBUG when it is not set."""
    value = getattr(settings, "SIGNALS_TRACE", None)
    return settings.DEBUG if value is None else bool(value)


def new_id():
    return secrets.token_hex(16)


def is_id(value):
    return isinstance(value, str) and len(value) == 32 and set(value) <= HEX


# --- the learner ---------------------------------------------------------------


def learner_of(request):
    """The learner id from the signed cookie, or None."""
    try:
        value = request.get_signed_cookie(LEARNER_COOKIE, default=None, salt=SALT)
    except signing.BadSignature:
        return None
    return value if is_id(value) else None


def remember_learner(response, learner):
    response.set_signed_cookie(
        LEARNER_COOKIE, learner, salt=SALT, max_age=365 * 24 * 3600, httponly=True, samesite="Lax"
    )


def pending_id(request):
    """The id of the trace waiting to be shown to this browser, or None (one dict lookup)."""
    value = request.COOKIES.get(PENDING_COOKIE)
    return value if value and is_id(value) else None


def set_pending(response, trace_id):
    response.set_cookie(PENDING_COOKIE, trace_id, max_age=TTL, httponly=True, samesite="Lax")


def clear_pending(response):
    response.delete_cookie(PENDING_COOKIE, samesite="Lax")


# --- parts -----------------------------------------------------------------------


def bounded(stats):
    """A Recorder's stats cut to MAX_SENDS sends and callbacks; what is cut is counted."""
    sends, callbacks = stats.get("sends", []), stats.get("callbacks", [])
    omitted = stats.get("omitted", 0) + max(len(sends) - MAX_SENDS, 0)
    return {
        "sends": sends[:MAX_SENDS],
        "callbacks": callbacks[:MAX_SENDS],
        "omitted": omitted,
        "omitted_callbacks": max(len(callbacks) - MAX_SENDS, 0),
    }


def _key(trace_id):
    return f"{PREFIX}{trace_id}"


def _task_key(trace_id, task_id, attempt):
    return f"{PREFIX}{trace_id}:task:{task_id}:{attempt}"


def save(trace):
    """Store a request's trace (a dict with at least id and learner)."""
    trace = {**trace, **bounded(trace), "tasks": trace.get("tasks", [])[:MAX_SENDS]}
    cache.set(_key(trace["id"]), trace, TTL)
    return trace


def load(trace_id, learner):
    """The trace if it exists and is this learner's; else None."""
    if not (is_id(trace_id) and learner):
        return None
    trace = cache.get(_key(trace_id))
    if trace is None or trace.get("learner") != learner:
        return None
    return trace


def save_task_part(trace_id, part):
    """Store what one attempt of one task did, in the worker."""
    part = {**part, **bounded(part), "tasks": part.get("tasks", [])[:MAX_SENDS]}
    cache.set(_task_key(trace_id, part["id"], part["attempt"]), part, TTL)
    return part


def worker_parts(trace):
    """(parts, waiting): every task run the trace led to, in the order found,
    and the tasks not run yet (none: every task has succeeded or failed).

    Tasks queued by a task are followed too, up to MAX_WORKER_PARTS runs.
    """
    parts, waiting = [], []
    queue = [task for task in trace.get("tasks", []) if not task.get("eager")]
    seen = set()
    while queue and len(parts) < MAX_WORKER_PARTS:
        task = queue.pop(0)
        if task["id"] in seen:
            continue
        seen.add(task["id"])
        for attempt in range(MAX_ATTEMPTS):
            part = cache.get(_task_key(trace["id"], task["id"], attempt))
            if part is None:
                waiting.append(task)
                break
            parts.append(part)
            queue.extend(t for t in part.get("tasks", []) if not t.get("eager"))
            if part["state"] != "RETRY" or len(parts) >= MAX_WORKER_PARTS:
                break
    return parts, waiting


def now():
    return time.time()
