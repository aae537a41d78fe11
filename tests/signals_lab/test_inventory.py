"""The receiver inventory: `manage.py signals` and the staff page."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.dispatch import Signal

from signals_lab.chapters import page_exists
from signals_lab.inventory import receiver_rows
from signals_lab.models import Note

inventory_test_signal = Signal()  # a module-level name, so the inventory finds it


def row_for(receiver_path):
    return next(row for row in receiver_rows() if row.receiver == receiver_path)


def test_rows_describe_each_receiver():
    row = row_for("polls.signals.tally_vote")
    assert row.signal == "polls.signals.vote_cast"
    assert row.dispatch_uid == "polls.tally_vote"
    assert row.sender == "any sender"
    assert row.weak and not row.is_async
    assert row.module == "polls.signals"

    shared = row_for("signals_lab.signals.count_shares")
    assert shared.is_async
    forget = [r for r in receiver_rows() if r.receiver.endswith("forget_note_count")]
    assert {r.sender for r in forget} == {"signals_lab.models.Note"}


def test_strong_receivers_and_missing_dispatch_uids_show(connected):
    def kept_alive(sender, **kwargs):
        pass

    connected(inventory_test_signal, kept_alive, weak=False, sender=Note)
    (row,) = receiver_rows(signal_filter="inventory_test_signal")
    assert not row.weak and row.dispatch_uid is None
    assert row.sender == "signals_lab.models.Note"


def test_every_row_links_to_a_docs_page_that_exists():
    missing = [(row.receiver, row.chapter) for row in receiver_rows() if not row.chapter]
    assert not missing, f"rows without a chapter: {missing}"
    broken = [(r.receiver, r.chapter) for r in receiver_rows() if not page_exists(r.chapter)]
    assert not broken


def test_the_command_lists_signals_and_receivers(capsys):
    call_command("signals", "--signal", "vote_cast")
    out = capsys.readouterr().out
    assert "polls.signals.vote_cast  (1 receiver)" in out
    assert "polls.signals.tally_vote" in out and "dispatch_uid='polls.tally_vote'" in out
    assert "post_save" not in out


def test_the_command_speaks_json(capsys):
    call_command("signals", "--module", "signals_lab", "--json")
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {row["receiver"] for row in rows} >= {
        "signals_lab.signals.forget_note_count",
        "signals_lab.signals.log_share",
        "signals_lab.signals.count_shares",
    }
    assert all(row["docs"].startswith("http") for row in rows)


def test_an_unknown_signal_is_a_clear_error():
    with pytest.raises(CommandError, match="No signal called 'post_sav'"):
        call_command("signals", "--signal", "post_sav")


@pytest.mark.django_db
def test_the_page_is_for_staff_only(client):
    response = client.get("/signals/receivers/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    user = get_user_model().objects.create_user("visitor", password="pw")
    client.force_login(user)
    assert client.get("/signals/receivers/").status_code == 302


@pytest.mark.django_db
def test_staff_see_every_receiver_with_a_chapter_link(client, settings):
    staff = get_user_model().objects.create_user("staff", password="pw", is_staff=True)
    client.force_login(staff)
    response = client.get("/signals/receivers/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "polls.signals.tally_vote" in html
    assert f'href="{settings.DOCS_URL.rstrip("/")}/polls/"' in html
