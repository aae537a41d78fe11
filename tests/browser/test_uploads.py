"""A script inside an uploaded file never runs in the browser, whatever the file claims."""

import threading

import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from playwright.sync_api import Error as PlaywrightError

pytestmark = pytest.mark.django_db(transaction=True)

# Each one, if a browser ran it as a page of this site, would write to the page that
# framed it (same origin) and to localStorage, which the test then reads.
PAYLOAD = (
    "<script>localStorage.setItem('ran', location.pathname);"
    "parent.document.title = 'pwned';</script>"
)
FILES = {
    "page.html": f"<!doctype html><html><body>{PAYLOAD}</body></html>",
    "logo.svg": f'<svg xmlns="http://www.w3.org/2000/svg">{PAYLOAD}</svg>',
    "photo.png": f"<!doctype html>{PAYLOAD}",
}


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def page(browser, transactional_db):
    """A page on the site as the project serves it.

    Not pytest-django's live_server: Django's LiveServerThread answers /media/
    itself (its _MediaFilesHandler, a test convenience) before the URLconf, so
    it would test Django's test server rather than mysite/media.py.
    """
    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    server.set_app(WSGIHandler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    context = browser.new_context(base_url=f"http://127.0.0.1:{server.server_port}")
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()
    server.shutdown()
    server.server_close()


@pytest.fixture
def files_on_disk(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    for name, text in FILES.items():
        (tmp_path / name).write_text(text)
    return sorted(FILES)


def media_url(name):
    return "/" + settings.MEDIA_URL.lstrip("/") + name


def scripts_that_ran(page):
    return page.evaluate("localStorage.getItem('ran')"), page.title()


@pytest.mark.parametrize("name", sorted(FILES))
def test_a_served_file_in_a_frame_runs_no_script(page, files_on_disk, name):
    page.goto("/")
    title = page.title()
    with page.expect_response(lambda response: response.url.endswith(name)) as served:
        page.evaluate(
            """url => new Promise(done => {
            const frame = document.createElement('iframe');
            frame.onload = () => done();
            setTimeout(done, 1000);  // a download or a sandboxed file may not fire load
            frame.src = url;
            document.body.append(frame);
        })""",
            media_url(name),
        )
    assert served.value.status == 200, "the file was served"
    page.wait_for_timeout(300)
    assert scripts_that_ran(page) == (None, title)


@pytest.mark.parametrize("name", sorted(FILES))
def test_opening_a_served_file_shows_no_page_and_runs_no_script(page, files_on_disk, name):
    page.goto("/")
    url = media_url(name)
    try:
        page.goto(url)
        opened = page.url
    except PlaywrightError as error:  # Chromium turned the navigation into a download
        assert "Download is starting" in str(error)
        opened = None
    page.goto("/")
    assert page.evaluate("localStorage.getItem('ran')") is None, f"{opened} ran its script"
