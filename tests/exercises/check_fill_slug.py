"""Checks for the exercise “Fill an article's slug, uniquely”."""

import weakref

import pytest
from django.db import IntegrityError, transaction
from django.db.models.signals import pre_save
from django.utils.text import slugify

from exercises.models import Article

pytestmark = pytest.mark.django_db

MODULE = "exercises.fill_slug"
MAX_LENGTH = Article._meta.get_field("slug").max_length


TAKEN = "Look for a free one (title-2, title-3...) before you set it."


def create(title, advice=TAKEN, **fields):
    """Article.objects.create(), with the IntegrityError explained."""
    try:
        with transaction.atomic():
            return Article.objects.create(title=title, **fields)
    except IntegrityError as error:
        taken = list(Article.objects.values_list("slug", flat=True))
        pytest.fail(
            f"Saving an article titled {title!r} failed with IntegrityError ({error}): its "
            f"slug was already taken. Slugs in the table: {taken}. {advice}"
        )


def test_a_new_article_gets_its_title_as_slug():
    article = create("Signals in practice")
    assert article.slug == "signals-in-practice", (
        f"An article titled 'Signals in practice' should get the slug "
        f"'signals-in-practice', got {article.slug!r}. Is a pre_save receiver for Article "
        "connected in exercises/fill_slug.py?"
    )


def test_the_same_title_gets_a_number():
    slugs = [create("Hello").slug for _ in range(3)]
    assert slugs == ["hello", "hello-2", "hello-3"], (
        f"Three articles titled 'Hello' should get ['hello', 'hello-2', 'hello-3'], got {slugs}."
    )


def test_a_deleted_article_leaves_a_gap():
    create("Hello")
    second = create("Hello")
    Article.objects.filter(slug="hello").delete()
    gap = (
        "After 'hello' was deleted, 'hello-2' was still there. Counting the rows whose "
        "slug starts with 'hello' gives a number that may be taken: check that the slug "
        "you pick really is free."
    )
    third = create("Hello", advice=gap)
    assert third.slug != second.slug, gap


def test_unicode_titles_keep_their_letters():
    for title in ["Café crème", "日本の夏"]:
        expected = slugify(title, allow_unicode=True)
        slug = create(title).slug
        assert slug == expected, (
            f"{title!r} should give {expected!r}, got {slug!r}: use "
            "slugify(title, allow_unicode=True)."
        )


def test_a_title_with_nothing_left_falls_back_to_article():
    slugs = [create("!!!").slug, create("???").slug]
    assert slugs == ["article", "article-2"], (
        f"Titles that slugify to nothing ('!!!', '???') should get 'article', then "
        f"'article-2'; got {slugs}."
    )


def test_a_long_title_still_fits_with_its_number():
    title = "signals " * 30  # 240 characters, the slug column holds 80
    slugs = [create(title[:200]).slug for _ in range(2)]
    too_long = [slug for slug in slugs if len(slug) > MAX_LENGTH]
    assert not too_long, (
        f"The slug column holds {MAX_LENGTH} characters, but you made slugs of "
        f"{[len(s) for s in too_long]} (PostgreSQL refuses them; SQLite stores them "
        "anyway). Cut the base short enough to leave room for '-2'."
    )
    assert slugs[0] != slugs[1], f"Two long titles got the same slug {slugs[0]!r}."


def test_an_edit_keeps_the_address():
    article = create("First title")
    article.title = "A better title"
    article.save()
    article.refresh_from_db()
    assert article.slug == "first-title", (
        f"Editing the title changed the slug to {article.slug!r}: links people shared "
        "now break. Fill the slug only when it is empty."
    )


def test_a_typed_slug_is_kept():
    article = create("Anything", slug="my-own-address")
    assert article.slug == "my-own-address", (
        f"A slug someone typed should be kept; it became {article.slug!r}."
    )


def test_it_is_connected_for_article_only_with_a_dispatch_uid():
    found = []
    for key, ref, *_ in pre_save.receivers:
        function = ref() if isinstance(ref, weakref.ReferenceType) else ref
        if getattr(function, "__module__", "") == MODULE:
            found.append(key)
    assert found, f"No pre_save receiver is connected from {MODULE}."
    for uid, sender in found:
        assert isinstance(uid, str), "Give the receiver a dispatch_uid."
        assert sender == id(Article), (
            "Connect it with sender=Article: without a sender it runs for every model "
            "that is saved."
        )
