"""The debug toolbar's "Signals sent" panel.

Caveats first: for a page reached by a redirect (every form on the site),
it shows first the signals of the request that redirected here, from the
trace the page's "What just fired" block shows (``SIGNALS_TRACE``). Of its
own request it sees only what happens between the toolbar middleware's
start and end (not ``request_started`` / ``request_finished``), and it keeps
the first 1000 sends of a request. The toolbar's own "Signals" panel lists
connected receivers; this one lists what was actually sent and called.
"""

from debug_toolbar.panels import Panel

from . import instrument


class SignalsSentPanel(Panel):
    title = "Signals sent"
    template = "signals_lab/panels/signals_sent.html"
    is_async = True

    @property
    def nav_subtitle(self):
        stats = self.get_stats()
        sends = stats.get("sends", [])
        calls = sum(len(send["calls"]) for send in sends)
        return f"{len(sends)} sent, {calls} receiver calls"

    # --8<-- [start:enable]
    def enable_instrumentation(self):
        # Installed for this request only. Installs are counted, so concurrent
        # requests share one patch, removed when the last of them ends.
        instrument.install()
        self._recorder = instrument.Recorder()
        self._token = instrument.start_recording(self._recorder)

    def disable_instrumentation(self):
        token = getattr(self, "_token", None)
        if token is not None:
            instrument.stop_recording(token)
            self._token = None
            instrument.uninstall()

    def generate_stats(self, request, response):
        recorder = getattr(self, "_recorder", None)
        if recorder is not None:
            self.record_stats(recorder.as_stats())
        # A redirect target: the request that redirected here is what the learner
        # did. Its trace (signals_lab.middleware) is shown first.
        shown = getattr(request, "signals_trace_shown", None)
        if shown is not None:
            self.record_stats({"redirected_from": shown})

    # --8<-- [end:enable]
