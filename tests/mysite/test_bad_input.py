"""Every URL pattern with bad parameters, and every form with bad text: a 4xx, never
a 500, and nothing saved. Run on SQLite and on PostgreSQL (DATABASE_URL), where a NUL
byte reaching a query used to raise."""

import io
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# Values for a URL parameter; the first two are refused by the middleware (400).
CONTROL_SEGMENTS = ["a%00b", "a%01b"]
ODD_SEGMENTS = ["%FF%FE", "x" * 300, "%3Cscript%3E", "%E2%80%AE", "-1", "9" * 25, "%20"]
PLACEHOLDER = re.compile(r"<(?:\w+:)?\w+>|\(\?P<\w+>[^)]*\)")
SKIPPED_PREFIXES = ("__debug__/",)
NOT_SAVED = {"sessions.session", "profiles.loginthrottle"}  # a lock row, not data


def routes(resolver=None, prefix=""):
    """Every URL pattern as one string: 'blog/tag/<uslug:slug>/', 'admin/...'."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        text = prefix + str(entry.pattern).lstrip("^").rstrip("$")
        if isinstance(entry, URLResolver):
            yield from routes(entry, text)
        elif isinstance(entry, URLPattern) and not text.startswith(SKIPPED_PREFIXES):
            yield text


def row_counts():
    return {
        model._meta.label_lower: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.label_lower not in NOT_SAVED
    }


@pytest.fixture
def site(settings, django_user_model):
    settings.DEBUG = True  # seed_demo refuses production mode
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.force_login(django_user_model.objects.get(username="admin"))
    return client


def test_every_url_pattern_is_walked():
    found = list(routes())
    assert "blog/tag/<uslug:slug>/" in found and "polls/<int:question_id>/vote/" in found
    assert any(route.startswith("admin/") for route in found)
    assert len(found) > 40


@pytest.mark.parametrize("method", ["get", "post"])
def test_every_url_pattern_refuses_bad_parameters(site, method):
    before, problems = row_counts(), []
    for route in routes():
        project_url = not route.startswith("admin/")
        has_parameter = PLACEHOLDER.search(route) is not None
        # A route without parameters ignores an odd query; a control character is refused.
        for segment in CONTROL_SEGMENTS + (ODD_SEGMENTS if has_parameter else []):
            url = "/" + PLACEHOLDER.sub(segment, route)
            if not has_parameter:
                url += f"?q={segment}"
            status = getattr(site, method)(url).status_code
            if segment in CONTROL_SEGMENTS:
                ok = status == 400
            else:  # the admin may redirect an unknown id to its index; never 5xx
                ok = 400 <= status < 500 if project_url else status < 500
            if not ok:
                problems.append(f"{method.upper()} {url[:80]} -> {status}")
    assert problems == []
    assert row_counts() == before


class Forms(HTMLParser):
    """The POST forms of a page and their fields, with the values the page fills in."""

    def __init__(self):
        super().__init__()
        self.forms, self.links, self.select = [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            post = attrs.get("method", "get").lower() == "post"
            self.forms.append({"action": attrs.get("action") or "", "fields": {}, "post": post})
        elif self.forms and tag in ("input", "textarea", "select") and attrs.get("name"):
            kind = attrs.get("type", "text" if tag != "select" else "select")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                self.forms[-1]["fields"].setdefault(attrs["name"], ("choice", ""))
                if kind == "radio":
                    self.forms[-1]["fields"][attrs["name"]] = ("choice", attrs.get("value", ""))
                return
            self.forms[-1]["fields"][attrs["name"]] = (kind, attrs.get("value", "ok"))
            self.select = attrs["name"] if tag == "select" else None
        elif tag == "option" and self.select and self.forms:
            fields = self.forms[-1]["fields"]
            if fields[self.select][1] in ("", "ok"):
                fields[self.select] = ("select", attrs.get("value", ""))


TEXT_KINDS = {"text", "password", "email", "search", "url", "textarea", "number", "date"}


def crawl(client, start="/", limit=120):
    """Follow the site's own links from the home page; return each POST form found."""
    seen, queue, forms = set(), [start], {}
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = Forms()
        parser.feed(response.content.decode())
        for form in parser.forms:
            action = urljoin(url, form["action"])
            if form["post"] and not action.startswith(("/admin/", "/__debug__/")):
                forms.setdefault(action, form["fields"])
        for link in parser.links:
            parts = urlsplit(urljoin(url, link))
            if parts.netloc or parts.path.startswith(("/admin/", "/__debug__/", "/media/")):
                continue
            if "logout" not in parts.path:
                queue.append(parts.path)
    return forms


BAD_TEXT = {
    "NUL": ("a\x00b", {400}),
    "a control character": ("a\x1bb", {400}),
    "bytes that are not UTF-8": ("\ufffd", {400}),  # what Django decodes %FF into
    "3 MB": ("x" * 3_000_000, {400}),  # above DATA_UPLOAD_MAX_MEMORY_SIZE
}


@pytest.mark.parametrize("bad", sorted(BAD_TEXT))
def test_every_form_refuses_bad_text(site, bad):
    value, statuses = BAD_TEXT[bad]
    forms = {**crawl(site), **crawl(Client())}
    assert {"/accounts/login/", "/blog/new/", "/signals/notes/"} <= set(forms)
    before, problems, tried = row_counts(), [], 0
    for action, fields in forms.items():
        data = {name: filled for name, (_, filled) in fields.items()}
        for name, (kind, _) in fields.items():
            if kind not in TEXT_KINDS:
                continue
            tried += 1
            status = site.post(action, {**data, name: value}).status_code
            if status not in statuses:
                problems.append(f"{action} {name}={bad} -> {status}")
    assert tried > 10
    assert problems == []
    assert row_counts() == before


def test_text_over_a_fields_length_is_refused(site):
    forms = {**crawl(site), **crawl(Client())}
    before, problems = row_counts(), []
    for action, limit, name in [
        ("/signals/notes/", 200, "text"),
        ("/accounts/login/", 150, "username"),
    ]:
        data = {key: filled for key, (_, filled) in forms[action].items()}
        response = Client().post(action, {**data, name: "é" * (limit + 1)})
        if response.status_code != 400:
            problems.append(f"{action} {name} -> {response.status_code}")
    assert problems == []
    assert row_counts() == before
