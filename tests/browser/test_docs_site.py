"""The docs site, built with mkdocs and read in Chromium: every page renders,
navigation and search work, and no internal link is broken."""

import functools
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from playwright.sync_api import expect

from .conftest import fresh_page


@pytest.fixture
def docs_page(docs_context):
    with fresh_page(docs_context) as page:
        yield page


def chapter_paths(site):
    """URL paths of every page mkdocs built, "" for the home page."""
    pages = sorted(path.parent.relative_to(site) for path in site.rglob("index.html"))
    return ["" if str(page) == "." else f"{page.as_posix()}/" for page in pages]


def test_every_page_renders(docs_page, built_docs_site, docs_url):
    paths = chapter_paths(built_docs_site)
    assert "going-further/reference/" in paths and "polls/" in paths
    elsewhere = []  # the docs are read offline too: nothing may come from the internet
    # Each page load builds the search index anew, a third of the CPU this test took;
    # rendering never waits for it, and test_search_finds_a_chapter covers search.
    docs_page.route("**/search/search_index.json", lambda route: route.abort())
    docs_page.on(
        "request",
        lambda request: request.url.startswith(docs_url) or elsewhere.append(request.url),
    )
    for path in paths:
        response = docs_page.goto(path)
        assert response.ok, f"/{path} answered {response.status}"
        heading = docs_page.locator("article h1").first
        assert heading.is_visible(), f"/{path} has no visible title"
        assert docs_page.title().endswith("Django Signals Cookbook")
    assert elsewhere == []


def test_navigation_reaches_a_chapter(docs_page):
    docs_page.goto("")
    docs_page.get_by_role("link", name="Going further").first.click()
    docs_page.get_by_role("link", name="Async receivers").first.click()
    docs_page.wait_for_url("**/going-further/async/")
    title = docs_page.locator("article h1").first.inner_text()
    assert title.removesuffix("¶").strip() == "Async receivers"


def test_search_finds_a_chapter(docs_page):
    docs_page.goto("")
    search = docs_page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("dispatch_uid", delay=30)  # the search reacts to key presses
    results = docs_page.locator(".md-search-result__item")
    # Results come as the keys arrive: wait for those of the whole word.
    expect(results.first).to_contain_text("dispatch_uid")
    first = results.locator("a").first
    chapter = first.get_attribute("href").split("?")[0].split("#")[0].rstrip("/")
    first.click()
    expect(docs_page).to_have_url(re.compile(re.escape(chapter)))
    expect(docs_page.locator("article")).to_contain_text("dispatch_uid")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])


@functools.cache
def parsed(path):
    links = Links()
    links.feed(Path(path).read_text(encoding="utf-8"))
    return links


def test_no_internal_link_is_broken(built_docs_site):
    base = "http://docs.invalid/"
    broken = []
    for html in built_docs_site.rglob("*.html"):
        page_url = base + html.relative_to(built_docs_site).as_posix()
        for href in parsed(html).hrefs:
            target = urlsplit(urljoin(page_url, href))
            if f"{target.scheme}://{target.netloc}/" != base:
                continue  # another site: the running Django site, GitHub…
            file = built_docs_site / unquote(target.path).lstrip("/")
            if target.path.endswith("/") or file.is_dir():
                file = file / "index.html"
            if not file.exists():
                broken.append(f"{html.relative_to(built_docs_site)} -> {href}")
            elif (
                target.fragment
                and file.suffix == ".html"
                and unquote(target.fragment) not in parsed(file).ids
            ):
                broken.append(f"{html.relative_to(built_docs_site)} -> {href} (no such anchor)")
    assert not broken, "broken links:\n" + "\n".join(broken)
