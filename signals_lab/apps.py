from django.apps import AppConfig
from django.conf import settings


class SignalsLabConfig(AppConfig):
    name = "signals_lab"
    verbose_name = "Signals lab"

    def ready(self):
        from . import signals, worker_trace  # noqa: F401  (signals connects the lab's receivers)

        # Celery's own signals carry a traced action's id into the worker; they do
        # nothing for a task queued outside a trace (see signals_lab/worker_trace.py).
        worker_trace.connect()

        # SIGNALS_INSTRUMENT=1 records every send of the process, so that a whole
        # test run proves the instrumentation changes nothing. Off, nothing is patched.
        if getattr(settings, "SIGNALS_INSTRUMENT", False):
            from . import instrument

            instrument.install(record_everything=True)
