import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_note_saved_in_the_lab_shows_with_its_count(page):
    page.goto("/signals/")
    page.get_by_label("Note").fill("Receivers run in the sender's transaction")
    page.get_by_role("button", name="Save the note").click()
    expect(page.locator(".notes")).to_contain_text("Receivers run in the sender's transaction")
    expect(page.locator("#note-count")).to_have_text("1")


def test_an_empty_note_is_refused_with_a_message(page):
    page.goto("/signals/")
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_text("No notes yet")).to_be_visible()


def test_the_signals_sent_panel_lists_the_receivers_a_request_ran(page, settings):
    if not settings.DEBUG_TOOLBAR:
        pytest.skip("the debug toolbar is off (DJANGO_DEBUG_TOOLBAR=0)")
    settings.DEBUG = True  # as under `make run`; the toolbar shows to 127.0.0.1 only
    page.goto("/signals/")
    page.get_by_label("Note").fill("watch me")
    page.get_by_role("button", name="Save the note").click()
    page.locator("#djShowToolBarButton").click()
    page.get_by_role("link", name=re.compile("Signals sent")).click()
    panel = page.locator("#SignalsSentPanel")
    expect(panel.get_by_role("heading", name="Signals, in the order sent")).to_be_visible()
    expect(panel.locator("tr.djdt-signal-sent").first).to_be_visible()


def test_staff_see_every_connected_receiver_with_its_chapter(page, log_in, django_user_model):
    django_user_model.objects.create_user("staffer", password="pw-for-tests", is_staff=True)
    log_in("staffer", "pw-for-tests")
    page.goto("/signals/receivers/")
    row = page.locator("tr", has_text="polls.signals.tally_vote")
    expect(row).to_contain_text("polls.tally_vote")  # its dispatch_uid
    expect(row.get_by_role("link")).to_have_attribute("href", re.compile(r"/polls/"))
