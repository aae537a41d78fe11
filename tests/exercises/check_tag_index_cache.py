"""Checks for the exercise “Keep the cached tag index fresh”."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from blog import pagecache
from blog.models import Comment, Post, Tag
from blog.services import tags_named

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def alice(db):
    return get_user_model().objects.create_user("alice", "alice@example.com", "pw-alice-1")


@pytest.fixture
def post(alice):
    post = Post.objects.create(author=alice, title="Tagged", body="x")
    post.tags.set(tags_named(["django"]))
    return post


def tag_index(client):
    """({tag slug: count}, came from the cache?) as the page shows them."""
    html = client.get(reverse("blog:tag_index")).content.decode()
    counts = dict(re.findall(r'data-tag="([^"]+)">(\d+)<', html))
    return {slug: int(count) for slug, count in counts.items()}, 'data-cache="hit"' in html


def primed(client):
    tag_index(client)
    counts, hit = tag_index(client)
    assert hit, "The tag index should come from the cache on a second visit."
    return counts


def test_adding_a_tag_shows_up(client, post):
    assert primed(client) == {"django": 1}
    post.tags.add(*tags_named(["signals"]))
    counts, _ = tag_index(client)
    assert counts == {"django": 1, "signals": 1}, (
        f"After post.tags.add(), the tag index still shows {counts}: drop its key on m2m_changed."
    )


def test_removing_and_clearing_tags_show_up(client, post):
    primed(client)
    post.tags.remove(Tag.objects.get(slug="django"))
    assert tag_index(client)[0] == {}, "After post.tags.remove(), the tag should disappear."
    post.tags.add(Tag.objects.get(slug="django"))
    primed(client)
    post.tags.clear()
    assert tag_index(client)[0] == {}, "After post.tags.clear(), the tag should disappear."


def test_a_new_published_post_counts(client, post, alice):
    primed(client)
    second = Post.objects.create(author=alice, title="Another", body="x")
    second.tags.set(tags_named(["django"]))
    counts = tag_index(client)[0]
    assert counts == {"django": 2}, (
        f"A second published post tagged 'django' should make the count 2; the page shows "
        f"{counts}. Setting its tags sends m2m_changed: drop the key there too."
    )


def test_unpublishing_and_deleting_a_post_show_up(client, post, alice):
    primed(client)
    post.published = False
    post.save()
    assert tag_index(client)[0] == {}, (
        "An unpublished post no longer counts: drop the key when a post that *was* published "
        "is saved (post._loaded['published'] tells what it was)."
    )
    post.published = True
    post.save()
    assert tag_index(client)[0] == {"django": 1}, "Publishing it again should count it again."
    post.delete()
    assert tag_index(client)[0] == {}, "A deleted post no longer counts: use post_delete."


def test_renaming_and_deleting_a_tag_show_up(client, post):
    primed(client)
    tag = Tag.objects.get(slug="django")
    tag.name, tag.slug = "Django 5", "django-5"
    tag.save()
    assert tag_index(client)[0] == {"django-5": 1}, "A renamed tag should show its new name."
    tag.delete()
    assert tag_index(client)[0] == {}, "A deleted tag should disappear from the index."


def test_the_key_is_dropped_after_the_commit_not_before(client, post):
    primed(client)
    key = pagecache.tag_index_key()
    with transaction.atomic():
        post.tags.add(*tags_named(["signals"]))
        still_cached = cache.get(key) is not None
    assert still_cached, (
        f"The key {key!r} was gone while the transaction that added the tag was still "
        "open. A request in that gap reads the old, committed tags and caches the old page "
        "again, and nothing drops it after the commit. Drop it once the change commits: "
        "blog.pagecache.drop_after_commit([...])."
    )
    counts, _ = tag_index(client)
    assert counts == {"django": 1, "signals": 1}, (
        f"After the commit the tag index still shows {counts}: the key was not dropped."
    )


def test_a_comment_leaves_the_tag_index_cached(client, post, alice):
    primed(client)
    Comment.objects.create(post=post, author=alice, body="Nice")
    assert tag_index(client)[1], (
        "A comment changes no tag count, but the tag index was dropped: drop it only when "
        "tags, or which posts are published, change."
    )
