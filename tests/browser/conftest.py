"""Playwright driving the system Chromium against pytest-django's live server.

Playwright's own browser download does not work offline, so the tests launch
the Chromium that Debian packages (CHROMIUM_PATH, default /usr/bin/chromium).
"""

import contextlib

import pytest

from tests.services import require_chromium

from .built_docs import serving

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="package")
def browser():
    """One Chromium for a run of browser tests, closed before any other test.

    Playwright's sync API keeps an event loop running in this thread while it is
    started, and Django refuses ORM calls from a thread with a running loop. The
    tests' own ORM calls are plain synchronous ones, so Django is told to allow
    them, but only for as long as Playwright runs. Package scope gives exactly
    that: pytest closes it as soon as the next test is outside tests/browser/,
    so a test elsewhere (tests/signals_lab/test_async_receivers.py, which wants
    Django's refusal) never runs beside it. Starting Playwright and Chromium
    costs about 1.6 s of CPU, once per run of browser tests rather than per file.
    """
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            yield browser
            browser.close()


def shared_context(browser, base_url):
    context = browser.new_context(base_url=base_url)
    context.set_default_timeout(15_000)
    return context


@contextlib.contextmanager
def fresh_page(context):
    """A page of its own in a shared context, with no cookie left from an earlier test.

    A context per test would isolate more, but each costs about 0.4 s of CPU (a new
    renderer process, cold caches), a tenth of the browser tests' time. Cookies are
    all the site keeps in the browser (it uses no web storage), and sessionStorage
    belongs to the page: clearing the one and opening the other starts afresh. (The
    docs keep a reader's palette and tab choices in localStorage; no test sets them.)
    """
    context.clear_cookies()
    page = context.new_page()
    try:
        yield page
    finally:
        for opened in context.pages:  # the test's page and any it opened
            opened.close()


@pytest.fixture(scope="package")
def site_context(browser, live_server):
    context = shared_context(browser, live_server.url)
    yield context
    context.close()


@pytest.fixture(scope="package")
def docs_url(built_docs_site):
    with serving(built_docs_site) as url:
        yield url


@pytest.fixture(scope="package")
def docs_context(browser, docs_url):
    context = shared_context(browser, docs_url)
    yield context
    context.close()


@pytest.fixture
def page(site_context):
    with fresh_page(site_context) as page:
        yield page


@pytest.fixture
def log_in(page):
    def log_in(username, password):
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()

    return log_in
