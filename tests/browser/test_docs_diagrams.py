"""The docs' diagrams show in Chromium with no internet: every request that
leaves 127.0.0.1 is aborted, and each diagram still loads and says what it should."""

from urllib.parse import urlsplit

import pytest

from .conftest import fresh_page

LOCAL_HOSTS = {"127.0.0.1", "localhost"}

DIAGRAMS = [
    (
        "signals-101/",
        "save-autocommit-vs-atomic",
        ["(autocommit: commits at once)", "held until COMMIT", "after COMMIT: partial"],
    ),
    (
        "going-further/async/",
        "sync-async-receivers",
        ["demo_signal.send()", "demo_signal.asend()", "async_receiver: another thread"],
    ),
    (
        "orders/emails/",
        "order-emails",
        ["INSERT orders_orderemail", "SMTP DATA", "relay_order_emails"],
    ),
    (
        "profiles/lockout/",
        "failed-sign-in-lockout",
        ["user_login_failed.send()", "HTTP 429", "the password was never checked"],
    ),
]


@pytest.fixture
def offline_page(docs_context):
    def only_local(route):
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            route.abort("internetdisconnected")

    with fresh_page(docs_context) as page:
        page.route("**/*", only_local)
        yield page


@pytest.mark.parametrize("chapter, name, labels", DIAGRAMS, ids=[d[1] for d in DIAGRAMS])
def test_each_diagram_loads_offline_and_shows_its_labels(offline_page, chapter, name, labels):
    page = offline_page
    assert page.goto(chapter).ok
    image = page.locator(f'article img[src$="diagrams/{name}.svg"]')
    assert image.count() == 1, f"/{chapter} does not show {name}.svg"
    image.scroll_into_view_if_needed()
    image.evaluate("img => img.decode()")  # rejects if the image cannot be loaded
    width = image.evaluate("img => img.complete && img.naturalWidth")
    assert width > 300, f"{name}.svg did not load (naturalWidth {width})"
    assert image.bounding_box()["height"] > 100, "the diagram is laid out, not collapsed"
    caption = image.locator("xpath=ancestor::p/following-sibling::p[1]").inner_text()
    assert "draw_diagrams" in caption and "recorded run" in caption
    svg = image.evaluate("img => fetch(img.src).then(response => response.text())")
    for label in labels:
        assert label in svg, f"{name}.svg should show {label!r}"
    assert "<script" not in svg and "@import" not in svg
