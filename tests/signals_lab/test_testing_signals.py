"""The recipes of the chapter "Testing code that uses signals"."""

import subprocess
import sys
import textwrap
from contextlib import contextmanager
from pathlib import Path

import pytest
from asgiref.sync import async_to_sync
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models.signals import post_save

from signals_lab.models import Note
from signals_lab.services import create_note, note_count, share_note
from signals_lab.signals import NOTE_COUNT_KEY, forget_note_count, note_shared
from tests.conftest import separate_run_env

ROOT = Path(__file__).resolve().parents[2]


# --8<-- [start:muted]
@contextmanager
def muted(signal, receiver, sender=None, dispatch_uid=None):
    """Disconnect one receiver for the block; it is connected again whatever happens."""
    signal.disconnect(receiver, sender=sender, dispatch_uid=dispatch_uid)
    try:
        yield
    finally:
        signal.connect(receiver, sender=sender, dispatch_uid=dispatch_uid)


@pytest.mark.django_db(transaction=True)
def test_with_the_receiver_muted_the_cached_count_goes_stale():
    assert note_count() == 0  # cached
    with muted(
        post_save,
        forget_note_count,
        sender=Note,
        dispatch_uid="signals_lab.forget_note_count.save",
    ):
        create_note("unseen")
    assert note_count() == 0, "nobody forgot the cached count"
    cache.delete(NOTE_COUNT_KEY)
    assert note_count() == 1


# --8<-- [end:muted]


# --8<-- [start:outbox_and_on_commit]
@pytest.mark.django_db
def test_the_greeting_waits_for_the_commit(
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    # A plain django_db test runs inside a transaction that never commits, so
    # on_commit callbacks never run unless captured and run on purpose.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        get_user_model().objects.create_user("newcomer", email="new@example.com")
    assert len(callbacks) == 1, "one greeting queued for after the commit"
    assert mailoutbox == [], "nothing sent before the commit"

    for callback in callbacks:
        callback()  # what the commit would do (the task runs eagerly in tests)
    assert [email.to for email in mailoutbox] == [["new@example.com"]]


# --8<-- [end:outbox_and_on_commit]


# --8<-- [start:assert_sent]
@contextmanager
def catch_signal(signal):
    """Collect every send of `signal` in the block: a list of its keyword arguments."""
    sent = []

    def catch(sender, **kwargs):
        sent.append({"sender": sender, **kwargs})

    signal.connect(catch, weak=False, dispatch_uid="tests.catch_signal")
    try:
        yield sent
    finally:
        signal.disconnect(dispatch_uid="tests.catch_signal")


@pytest.mark.django_db(transaction=True)
def test_share_note_sends_note_shared_with_the_right_arguments():
    note = create_note("Tell everyone")
    with catch_signal(note_shared) as sent:
        async_to_sync(share_note)(note, by=None)
    assert len(sent) == 1
    assert sent[0]["sender"] is Note
    assert sent[0]["note"] == note and sent[0]["by"] is None


# --8<-- [end:assert_sent]


# --8<-- [start:leak_check]
LEAKY_TEST = """
from django.db.models.signals import post_save

def remember(sender, **kwargs):
    pass

def test_forgets_to_disconnect():
    post_save.connect(remember, weak=False)  # and never disconnects
"""


def test_the_suite_fails_a_test_that_leaks_a_receiver(tmp_path):
    (tmp_path / "test_leaky.py").write_text(textwrap.dedent(LEAKY_TEST))
    # Run it under this project's conftest, which holds the leak check.
    command = [
        sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
        "-p", "tests.conftest", "-c", str(ROOT / "pyproject.toml"),
        "--rootdir", str(ROOT), str(tmp_path / "test_leaky.py"),
    ]  # fmt: skip
    result = subprocess.run(
        command,
        cwd=ROOT,
        env=separate_run_env(),  # a test database of its own, not this run's
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "left receivers connected" in result.stdout


# --8<-- [end:leak_check]
