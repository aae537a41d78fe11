import pytest

from signals_lab import instrument


@pytest.fixture
def instrumented():
    """The instrumentation installed, and a Recorder for this test's sends."""
    instrument.install()
    try:
        with instrument.recording() as recorder:
            yield recorder
    finally:
        instrument.uninstall()


@pytest.fixture
def connected():
    """connect(signal, receiver, **kwargs) for this test only: disconnected afterwards."""
    connections = []

    def connect(signal, receiver, **kwargs):
        signal.connect(receiver, **kwargs)
        connections.append((signal, receiver, kwargs))
        return receiver

    yield connect
    for signal, receiver, kwargs in connections:
        signal.disconnect(
            receiver, sender=kwargs.get("sender"), dispatch_uid=kwargs.get("dispatch_uid")
        )


@pytest.fixture
def temporary_tables(transactional_db):
    """create(*models): make tables for test-only models; dropped after the test."""
    from django.db import connection

    made = []

    def create(*models):
        with connection.schema_editor() as editor:
            for model in models:
                editor.create_model(model)
                made.append(model)

    yield create
    with connection.schema_editor() as editor:
        for model in reversed(made):
            editor.delete_model(model)
