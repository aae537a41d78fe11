"""Show each action's trace on the page the learner lands on ("what just fired").

Caveats first:

- Last in ``MIDDLEWARE``: it records what the view did (its signals,
  receivers, on_commit callbacks, Celery tasks), not what the middleware
  above it did, and never ``request_started`` / ``request_finished``.
- Only unsafe requests (POST, PUT, PATCH, DELETE) are recorded, with the
  instrumentation installed for their length only. When the answer is a
  redirect, the trace is stored (``signals_lab.trace``) and a cookie names it;
  the next HTML page of that browser shows it. An answer that is a page
  itself (a form with errors, a failed sign-in) shows it at once. An answer
  that is not a page (JSON, such as the debug toolbar's own POSTs) is never
  shown, and never replaces the trace waiting for the next page.
- A GET with no trace waiting costs one cookie lookup: nothing is recorded,
  read or rendered. The block is put where ``_trace_slot.html`` left its
  marker, so a page that does not extend ``base.html`` never shows it, and
  the trace waits for one that does.
- Off when ``SIGNALS_TRACE`` is off (by default it follows ``DEBUG``): Django
  then drops the middleware at start-up.
"""

from django.core.exceptions import MiddlewareNotUsed

from . import instrument, trace, worker_trace

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
MARKER = b"<!-- signals-lab-trace -->"


class TraceMiddleware:
    def __init__(self, get_response):
        if not trace.enabled():
            raise MiddlewareNotUsed("SIGNALS_TRACE is off")
        self.get_response = get_response

    # --8<-- [start:call]
    def __call__(self, request):
        if request.method in SAFE_METHODS:
            pending = trace.pending_id(request)
            if pending is None:
                return self.get_response(request)  # the common case: no cost
            request.signals_trace_slot = True
            response = self.get_response(request)
            return self.show_pending(request, response, pending)
        return self.record(request)

    # --8<-- [end:call]

    def record(self, request):
        request.signals_trace_slot = True
        trace_id = trace.new_id()
        instrument.install()
        recorder = instrument.Recorder(limit=trace.MAX_SENDS, parent=instrument.current_recorder())
        token = instrument.start_recording(recorder)
        started = trace.now()
        try:
            with worker_trace.publishing(trace_id) as tasks:
                response = self.get_response(request)
        finally:
            instrument.stop_recording(token)
            instrument.uninstall()
        learner = trace.learner_of(request) or trace.new_id()
        stored = trace.save(
            {
                "id": trace_id,
                "learner": learner,
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "started": started,
                "finished": trace.now(),
                "tasks": tasks,
                **recorder.as_stats(),
            }
        )
        if trace.learner_of(request) != learner:
            trace.remember_learner(response, learner)
        if is_redirect(response):
            trace.set_pending(response, trace_id)  # for the page it lands on
        elif not _inject(request, response, stored) and is_html(response):
            trace.set_pending(response, trace_id)  # a page without the slot: the next one
        # Anything else (the toolbar's JSON, say) has no page: it never replaces a trace.
        return response

    def show_pending(self, request, response, trace_id):
        if not has_marker(response):
            return response  # a redirect, JSON, a page without the slot: keep it waiting
        stored = trace.load(trace_id, trace.learner_of(request))
        if stored is None:  # expired, or not this learner's
            _replace_marker(response, b"")
        else:
            _inject(request, response, stored)
            request.signals_trace_shown = stored  # for the toolbar's panel
        trace.clear_pending(response)
        return response


def is_redirect(response):
    return 300 <= response.status_code < 400 and response.has_header("Location")


def is_html(response):
    return not response.streaming and response.get("Content-Type", "").startswith("text/html")


def has_marker(response):
    return is_html(response) and MARKER in response.content


def _replace_marker(response, html):
    response.content = response.content.replace(MARKER, html, 1)
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))


def _inject(request, response, stored):
    """Put the trace block where the page's slot is; False when the page has none."""
    if not has_marker(response):
        return False
    from .trace_render import render_block

    _replace_marker(response, render_block(stored, request).encode(response.charset))
    return True
