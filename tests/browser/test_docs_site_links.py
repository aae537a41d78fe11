"""The docs' "Try it" links lead to the running site wherever it runs (SITE_URL), and
say the site must be running when nothing answers there."""

import pytest

from .conftest import fresh_page

WRITTEN = "http://127.0.0.1:8000"


@pytest.fixture
def chapter(docs_context):
    """A chapter of the docs as `manage.py run` builds them (tests/conftest.py)."""
    with fresh_page(docs_context) as page:
        page.goto("orders/emails/")
        yield page


def test_try_it_links_point_at_the_site_and_lead_there(chapter, live_server, db):
    links = chapter.locator("article a[data-site-link]")
    assert links.count() >= 3
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert all(href.startswith(live_server.url + "/") for href in hrefs), hrefs
    assert not chapter.locator(f'article a[href^="{WRITTEN}/"]').count() or (
        live_server.url == WRITTEN
    )
    chapter.get_by_role("link", name="place an order").click()
    # The site answers: the reader lands on it (its login page first, for a visitor).
    chapter.wait_for_url(f"{live_server.url}/accounts/login/?next=/orders/new/")
    assert chapter.get_by_label("Username").is_visible()


def test_when_the_site_does_not_answer_a_click_says_to_start_it(chapter, live_server):
    # As if the docs were read with no site running: every request to it fails.
    chapter.route(f"{live_server.url}/**", lambda route: route.abort("connectionrefused"))
    chapter.get_by_role("link", name="place an order").click()
    note = chapter.locator(".site-down-note")
    note.wait_for()
    text = note.inner_text()
    assert "The site must be running" in text
    assert "python manage.py run" in text
    assert chapter.url.endswith("/orders/emails/"), "the reader stays on the chapter"
