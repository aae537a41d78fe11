"""The trace block: a stored trace (``signals_lab.trace``) as rows and a drawing.

Caveat first: receivers are linked to the chapter that explains them by
``signals_lab.chapters`` (declared or guessed); Django's own receivers link to
the signal's entry in the reference.
"""

from django.template.loader import render_to_string
from django.urls import reverse

from mysite.cookbook import docs_url

from .chapters import chapter_for
from .sequence import render_svg
from .trace_sequence import diagram_from_trace

OUTCOMES = {
    "ran after commit": "ran after the commit",
    "ran at once": "ran at once: no transaction was open",
}
NOT_RUN = "never ran: its transaction rolled back"


def _short(name):
    return name.rpartition(".")[2]


def _outcome(callback):
    if callback["state"] in OUTCOMES:
        return OUTCOMES[callback["state"]]
    return NOT_RUN if callback["queued_in_transaction"] else callback["state"]


def rows(part):
    """The sends of a part, each with its receiver calls and the callbacks they queued."""
    callbacks = [{**cb, "outcome": _outcome(cb)} for cb in part.get("callbacks", [])]
    by_call = {}
    for callback in callbacks:
        if callback.get("queued_at"):
            by_call.setdefault(tuple(callback["queued_at"]), []).append(callback)
    sends = []
    for i, send in enumerate(part.get("sends", [])):
        signal = _short(send["signal"])
        calls = []
        for j, call in enumerate(send["calls"]):
            chapter = chapter_for(call["receiver"], signal)
            calls.append(
                {
                    **call,
                    "chapter_url": docs_url(chapter) if chapter else "",
                    "callbacks": by_call.get((i, j), []),
                }
            )
        sends.append({**send, "short": signal, "number": i + 1, "calls": calls})
    return sends, callbacks


def _drawing(part, title):
    # Same renderer as the docs' diagrams; times are fine here: one run, one page.
    svg = render_svg(diagram_from_trace(part, title, times=True), inline=True)
    # Several drawings share a page: each needs its own id for its arrowhead.
    unique = f"arrow-{part['id'][:12]}-{part.get('attempt', 'r')}"
    return svg.replace('id="arrow"', f'id="{unique}"').replace("url(#arrow)", f"url(#{unique})")


def part_context(part, title, origin=None):
    sends, callbacks = rows(part)
    context = {
        "part": part,
        "sends": sends,
        "callbacks": callbacks,
        "loose_callbacks": [cb for cb in callbacks if not cb.get("queued_at")],
        "receiver_count": sum(len(send["calls"]) for send in sends),
        "drawing": _drawing(part, title) if sends or callbacks else "",
    }
    if origin is not None:
        context["later"] = max(part["started"] - origin, 0)
    return context


def _queued_at(stored, parts):
    """task id -> the times it was queued (by the request, or again by a retry)."""
    times = {}
    tasks = [*stored.get("tasks", []), *(t for part in parts for t in part.get("tasks", []))]
    for task in tasks:
        if task.get("at"):
            times.setdefault(task["id"], []).append(task["at"])
    return times


def worker_context(stored):
    from .trace import worker_parts

    parts, waiting = worker_parts(stored)
    queued = _queued_at(stored, parts)
    shown = []
    for part in parts:
        # "later" counts from when this run was queued, so a retry's backoff shows.
        before = [at for at in queued.get(part["id"], []) if at <= part["started"]]
        origin = max(before) if before else stored["started"]
        shown.append(part_context(part, f"{part['name']} in the worker", origin=origin))
    return {"worker_parts": shown, "waiting": waiting, "done": not waiting}


def render_worker(stored):
    return render_to_string("signals_lab/_trace_worker.html", worker_context(stored))


def render_block(stored, request=None):
    title = f"{stored['method']} {stored['path']}"
    context = {
        "trace": stored,
        "request_part": part_context(stored, title),
        "queued": [task for task in stored.get("tasks", []) if not task.get("eager")],
        "inline_tasks": [task for task in stored.get("tasks", []) if task.get("eager")],
        "worker_url": reverse("signals_lab:trace_worker", args=[stored["id"]]),
        "chapter_url": docs_url("going-further/signals-sent/#the-trace-block"),
        **worker_context(stored),
    }
    return render_to_string("signals_lab/_trace_block.html", context, request=request)
