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


def test_the_page_shows_the_notes_post_save_where_its_message_says(page):
    page.goto("/signals/")
    page.get_by_label("Note").fill("watch me")
    page.get_by_role("button", name="Save the note").click()
    # The message after the redirect says where to look; look there.
    expect(page.locator(".messages")).to_contain_text("Open “What just fired” below")
    block = page.locator("#signals-trace")
    block.locator("summary").first.click()
    post_save = block.locator('tr.trace-send[data-signal="post_save"]').first
    expect(post_save).to_be_visible()
    expect(post_save).to_contain_text("signals_lab.models.Note")
    forget = "signals_lab.signals.forget_note_count"
    receiver = block.locator(f'tr.trace-call[data-receiver="{forget}"]')
    expect(receiver).to_be_visible()
    expect(receiver).to_contain_text("ran after the commit")
    expect(receiver.get_by_role("link")).to_have_attribute("href", re.compile("signals-sent"))


def test_the_toolbar_panel_of_the_landing_page_shows_the_notes_request(page, settings):
    if not settings.DEBUG_TOOLBAR:
        pytest.skip("the debug toolbar is off (DJANGO_DEBUG_TOOLBAR=0)")
    settings.DEBUG = True  # as under `make run`; the toolbar shows to 127.0.0.1 only
    page.goto("/signals/")
    page.get_by_label("Note").fill("watch me")
    page.get_by_role("button", name="Save the note").click()
    page.locator("#djShowToolBarButton").click()
    page.get_by_role("link", name=re.compile("Signals sent")).click()
    panel = page.locator("#SignalsSentPanel")
    expect(panel).to_contain_text("The request that redirected here: POST /signals/notes/")
    redirected = panel.locator(".djdt-redirected-from")
    expect(redirected.locator("tr.djdt-signal-sent", has_text="post_save").first).to_be_visible()
    expect(redirected).to_contain_text("signals_lab.signals.forget_note_count")


def test_staff_see_every_connected_receiver_with_its_chapter(page, log_in, django_user_model):
    django_user_model.objects.create_user("staffer", password="pw-for-tests", is_staff=True)
    log_in("staffer", "pw-for-tests")
    page.goto("/signals/receivers/")
    row = page.locator("tr", has_text="polls.signals.tally_vote")
    expect(row).to_contain_text("polls.tally_vote")  # its dispatch_uid
    expect(row.get_by_role("link")).to_have_attribute("href", re.compile(r"/polls/"))
