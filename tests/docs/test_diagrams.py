"""The docs' sequence diagrams are what the code does now.

Each diagram is recorded again here from a run of the real code and compared,
byte for byte, with the SVG committed in docs/diagrams/. The claims the
chapters make about each one are checked on the fresh recording too, so a
diagram that changed for the worse fails even once it is regenerated.
"""

import os
import re
import subprocess
import sys

import django
import pytest

from signals_lab.diagrams import DIAGRAMS, draw
from signals_lab.sequence import Group, Message, Note
from tests.conftest import ROOT

FOLDER = ROOT / "docs" / "diagrams"
ENV = {**os.environ, "DJANGO_SETTINGS_MODULE": "mysite.settings_test"}

pytestmark = pytest.mark.django_db(transaction=True)


def labels(steps):
    """Every arrow's and note's text in a list of steps, in order."""
    found = []
    for step in steps:
        if isinstance(step, Group):
            found.extend(labels(step.steps))
        elif isinstance(step, Message):
            found.append(step.label)
        elif isinstance(step, Note):
            found.append(step.text)
    return found


def first(texts, start):
    return next(index for index, text in enumerate(texts) if text.startswith(start))


@pytest.mark.parametrize("name", sorted(DIAGRAMS))
def test_the_committed_diagram_is_what_the_code_does_now(name):
    drawn = draw(name)
    committed = FOLDER / f"{name}.svg"
    assert committed.exists(), f"{committed.name} is missing: python manage.py draw_diagrams"
    text = committed.read_text(encoding="utf-8")
    drawn_with = re.search(r"\(Django (\d+\.\d+)\)</title>", text)[1]
    running = f"{django.VERSION[0]}.{django.VERSION[1]}"
    if drawn_with != running:
        # The diagram says which Django it shows; the other tests here check its claims.
        pytest.skip(f"{name}.svg shows Django {drawn_with}; this run has Django {running}")
    assert text == drawn, (
        f"docs/diagrams/{name}.svg no longer matches what the code does. If the change is "
        f"meant, redraw it with `python manage.py draw_diagrams {name}`, look at it, and "
        "commit it."
    )


def test_in_autocommit_the_insert_commits_before_post_save_and_on_commit_runs_at_once():
    autocommit, _ = DIAGRAMS["save-autocommit-vs-atomic"]().steps
    texts = labels(autocommit.steps)
    assert first(texts, "pre_save") < first(texts, "INSERT") < first(texts, "post_save.send")
    assert "(autocommit: commits at once)" in texts[first(texts, "INSERT")]
    assert "no transaction: runs now" in texts[first(texts, "on_commit(partial(cache.delete))")]
    assert not any(text.startswith(("COMMIT", "after COMMIT")) for text in texts)
    assert "no transaction open" in texts[-1]


def test_inside_atomic_post_save_comes_before_the_commit_and_on_commit_after_it():
    _, atomic = DIAGRAMS["save-autocommit-vs-atomic"]().steps
    texts = labels(atomic.steps)
    assert "autocommit" not in texts[first(texts, "INSERT")]
    assert (
        first(texts, "INSERT")
        < first(texts, "post_save.send")
        < first(texts, "on_commit(partial(cache.delete))\nheld until COMMIT")
        < first(texts, "COMMIT")
        < first(texts, "after COMMIT: partial(cache.delete)")
    )
    assert "inside the transaction" in texts[-1]


def test_send_runs_async_receivers_in_another_thread_and_asend_runs_sync_ones_there():
    under_send, under_asend = DIAGRAMS["sync-async-receivers"]().steps
    sent, asent = labels(under_send.steps), labels(under_asend.steps)
    assert "sync_receiver: caller's thread, no event loop" in sent
    assert "async_receiver: another thread, in an event loop" in sent
    assert "sync_receiver: another thread, no event loop" in asent
    assert "async_receiver: caller's thread, in an event loop" in asent
    # send() calls the sync receivers to the end, then the async ones.
    assert first(sent, "record_sync_async.sync") < first(sent, "record_sync_async.async")
    assert "the sync receiver had finished before the async one started" in sent
    if django.VERSION >= (6, 1):  # 6.1 awaits the sync group, then starts the async receivers
        assert "the sync receiver had finished before the async one started" in asent
    else:  # 5.2 gathers the sync group and the async receivers together
        assert "the async receiver started while the sync one was still running" in asent


def test_the_order_email_goes_out_after_the_commit_and_the_relay_sends_a_lost_one():
    placed, relayed = DIAGRAMS["order-emails"]().steps
    texts = labels(placed.steps)
    commit = first(texts, "COMMIT")
    assert first(texts, "INSERT orders_orderemail") < first(texts, "on_commit(") < commit
    # Claimed by one UPDATE that commits at once, sent holding no lock, then recorded.
    claim, smtp = first(texts, "UPDATE orders_orderemail"), first(texts, "SMTP DATA")
    assert commit < first(texts, "send_order_email") < claim < smtp
    assert any(text.startswith("UPDATE orders_orderemail") for text in texts[smtp:])
    assert texts.count("SMTP DATA") == 2, "a confirmation and a staff notice"
    later = labels(relayed.steps)
    assert later[0] == "relay_order_emails"
    assert later.count("SMTP DATA") == 1


def test_a_locked_out_attempt_still_sends_user_login_failed_but_never_checks_the_password():
    summary, counted, refused = DIAGRAMS["failed-sign-in-lockout"]().steps
    assert "4 x user_login_failed" in summary.text and "HTTP 200" in summary.text
    counted_texts, refused_texts = labels(counted.steps), labels(refused.steps)
    assert "SELECT auth_user" in counted_texts and "HTTP 200" in counted_texts
    assert "SELECT auth_user" not in refused_texts
    assert first(refused_texts, "user_login_failed") < first(refused_texts, "HTTP 429")
    assert any(text.startswith("INSERT profiles_loginevent") for text in refused_texts)
    # The counted failure is recorded under the backend's row lock, before its COMMIT.
    assert first(counted_texts, "SELECT profiles_loginthrottle") < first(
        counted_texts, "INSERT profiles_loginevent"
    )
    assert first(counted_texts, "INSERT profiles_loginevent") < first(counted_texts, "COMMIT")


def test_the_command_redraws_them_in_a_database_of_its_own(tmp_path):
    names = ["sync-async-receivers", "save-autocommit-vs-atomic"]
    result = subprocess.run(
        [sys.executable, "manage.py", "draw_diagrams", *names, "--output", str(tmp_path)],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    for name in names:
        assert (tmp_path / f"{name}.svg").read_text(encoding="utf-8") == draw(name)


def test_the_command_names_what_it_does_not_know(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "draw_diagrams", "flowchart", "--output", str(tmp_path)],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "unknown diagram(s): flowchart" in result.stderr
    assert not list(tmp_path.iterdir())
