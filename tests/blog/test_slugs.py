"""The slug and the derived fields, filled by pre_save receivers."""

import pytest
from django.db import IntegrityError, transaction

from blog.models import SLUG_ATTEMPTS, Post

pytestmark = pytest.mark.django_db


def test_the_slug_comes_from_the_title(make_post):
    assert make_post("Hello, Signals World!").slug == "hello-signals-world"


def test_a_unicode_title_keeps_its_letters(make_post):
    assert make_post("Café crème à Zürich").slug == "café-crème-à-zürich"
    assert make_post("日本語のタイトル").slug == "日本語のタイトル"


def test_a_title_with_nothing_to_slug_falls_back_to_post(make_post):
    assert make_post("!!! ???").slug == "post"
    assert make_post("…").slug == "post-2"


def test_a_clash_gets_the_next_number(make_post):
    slugs = [make_post("Same title").slug for _ in range(3)]
    assert slugs == ["same-title", "same-title-2", "same-title-3"]


def test_numbers_continue_after_the_highest_not_the_count(make_post):
    make_post("Same title")
    make_post("Other", slug="same-title-7")
    make_post("Same title but longer")  # starts with the base, is not a clash
    assert make_post("Same title").slug == "same-title-8"


def test_a_huge_title_makes_a_slug_that_fits_with_room_for_a_suffix(make_post):
    slug_length = Post._meta.get_field("slug").max_length
    first, second = make_post("word " * 40), make_post("word " * 40)
    assert len(first.slug) <= slug_length - 8
    assert second.slug == first.slug + "-2"
    assert not first.slug.endswith("-")


def test_editing_the_title_keeps_the_address(make_post):
    post = make_post("First title")
    post.title = "Second title"
    post.save()
    assert post.slug == "first-title"


def test_a_typed_slug_that_is_taken_is_refused_not_renamed(make_post):
    make_post("One", slug="chosen")
    with pytest.raises(IntegrityError):
        make_post("Two", slug="chosen")


def test_a_lost_race_is_retried_in_a_savepoint(make_post, monkeypatch):
    # Simulate the race on SQLite: the first pick is a slug another save just took.
    make_post("Taken")
    import blog.signals

    real = blog.signals.free_slug
    picks = iter(["taken"])
    monkeypatch.setattr(blog.signals, "free_slug", lambda *a: next(picks, None) or real(*a))
    with transaction.atomic():  # the caller's transaction survives the lost race
        post = make_post("Taken")
        assert Post.objects.filter(slug="taken").count() == 1
    assert post.slug == "taken-2"


def test_the_retries_are_bounded(make_post, monkeypatch):
    make_post("Taken")
    import blog.signals

    calls = []
    monkeypatch.setattr(blog.signals, "free_slug", lambda *a: calls.append(a) or "taken")
    with pytest.raises(IntegrityError):
        make_post("Taken")
    assert len(calls) == SLUG_ATTEMPTS


def test_after_two_lost_races_the_suffix_is_random(make_post):
    from blog.slugs import free_slug

    make_post("Busy")
    slug = free_slug(Post, "Busy", clashes=2)
    assert slug.startswith("busy-") and len(slug) == len("busy-") + 6


# --- word count and reading time ---------------------------------------------


def test_word_count_and_reading_time(make_post):
    post = make_post(body="one two  three\nfour")
    assert (post.word_count, post.reading_minutes) == (4, 1)
    post.body = "word " * 401
    post.save()
    assert (post.word_count, post.reading_minutes) == (401, 3)


def test_the_derived_fields_follow_any_save_not_only_the_form(make_post):
    post = make_post(body="short")
    post.body = "a b c d e"
    post.save(update_fields=["body", "word_count"])  # a partial save still runs pre_save
    post.refresh_from_db()
    assert post.word_count == 5


def test_update_skips_pre_save_so_derived_fields_go_stale(make_post):
    post = make_post(body="one two three")
    Post.objects.filter(pk=post.pk).update(body="one")  # no pre_save: nothing recounts
    post.refresh_from_db()
    assert (post.body, post.word_count) == ("one", 3)
