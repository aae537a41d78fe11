"""What each app adds to the site: its home-page cards and its demo data.

An app joins in by having a `cookbook.py` module with either or both of:

- ``CARDS``: a list of :class:`Card`, shown on the home page in app order;
- ``NAV``: a ``(label, url_name)`` pair for the site's navigation bar;
- ``seed_demo(stdout)``: creates the app's sample rows; must be idempotent,
  because `make run` calls it every time.

Apps never import each other for this; the home page and `seed_demo` find the
modules through the app registry.
"""

from dataclasses import dataclass
from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.urls import reverse


@dataclass(frozen=True)
class Card:
    title: str
    summary: str
    url_name: str  # the page of the running site that shows the pattern
    chapter: str  # the docs page, relative to DOCS_URL, e.g. "polls/"
    signals: tuple[str, ...] = ()

    @property
    def url(self):
        return reverse(self.url_name)

    @property
    def docs_url(self):
        return docs_url(self.chapter)


def docs_url(chapter):
    return settings.DOCS_URL.rstrip("/") + "/" + chapter.lstrip("/")


@cache
def cookbook_modules():
    # Every page's navigation asks; the installed apps never change after start-up.
    return tuple(
        import_module(f"{config.name}.cookbook")
        for config in apps.get_app_configs()
        if config.name in settings.PROJECT_APPS
        and config.name != __package__
        and find_spec(f"{config.name}.cookbook") is not None
    )


def all_cards():
    return [card for module in cookbook_modules() for card in getattr(module, "CARDS", [])]


def nav_links():
    links = []
    for module in cookbook_modules():
        if hasattr(module, "NAV"):
            label, url_name = module.NAV
            links.append((label, reverse(url_name)))
    return links


def chapter_context(chapter, title):
    """Template context for the "Read about it" link to a page's docs chapter."""
    return {"chapter_url": docs_url(chapter), "chapter_title": title}
