"""Cached pages: dropped exactly when a change makes them wrong, never served stale.

These tests use real transactions (`transactional_db`): the receivers drop keys
on commit, and a test wrapped in one big transaction would never commit.
"""

import pytest
from django.core.cache import cache
from django.urls import reverse

from blog import pagecache
from blog.models import Comment, Post, Tag
from blog.services import set_published, tags_named

pytestmark = pytest.mark.django_db(transaction=True)


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    return html, 'data-cache="hit"' in html


@pytest.fixture
def site(make_post, bob):
    """Two authors, three posts, three tags; every cached page primed."""
    first = make_post("First post", body="alpha", tags=["django", "signals"])
    second = make_post("Second post", body="beta", tags=["signals"])
    third = make_post("Bob's post", body="gamma", author=bob, tags=["caching"])
    return {"first": first, "second": second, "third": third}


def page_urls():
    urls = {"list": reverse("blog:list")}
    for post in Post.objects.all():
        urls[f"post:{post.slug}"] = post.get_absolute_url()
    for tag in Tag.objects.all():
        urls[f"tag:{tag.slug}"] = tag.get_absolute_url()
    for username in ("alice", "bob"):
        urls[f"author:{username}"] = reverse("blog:author", args=[username])
    return urls


def prime(client):
    urls = page_urls()
    for url in urls.values():
        get(client, url)
    return urls


def cached_pages():
    """Which of the blog's pages are in the cache right now."""
    keys = {"list": pagecache.list_key()}
    keys.update(
        {f"post:{s}": pagecache.post_key(s) for s in Post.objects.values_list("slug", flat=True)}
    )  # noqa: E501
    keys.update(
        {f"tag:{s}": pagecache.tag_key(s) for s in Tag.objects.values_list("slug", flat=True)}
    )  # noqa: E501
    keys.update({f"author:{u}": pagecache.author_key(u) for u in ("alice", "bob")})
    return {name for name, key in keys.items() if cache.get(key) is not None}


def test_the_second_visit_is_served_from_the_cache(client, site):
    url = site["first"].get_absolute_url()
    assert get(client, url)[1] is False
    assert get(client, url)[1] is True


def test_editing_a_post_drops_exactly_its_pages(client, site):
    prime(client)
    before = cached_pages()
    post = Post.objects.get(pk=site["first"].pk)
    post.title = "First post, revised"
    post.save()
    dropped = before - cached_pages()
    assert dropped == {
        "list", "post:first-post", "author:alice", "tag:django", "tag:signals",
    }  # fmt: skip
    # ...and every one of them now shows the new title.
    for name in sorted(dropped):
        html, hit = get(client, page_urls()[name])
        assert not hit and "First post, revised" in html, name


def test_changing_the_tags_drops_the_old_and_new_tag_pages(client, site):
    prime(client)
    before = cached_pages()
    post = Post.objects.get(pk=site["second"].pk)
    post.tags.set(tags_named(["caching"]))  # loses "signals", gains "caching"
    assert before - cached_pages() == {
        "list", "post:second-post", "author:alice", "tag:signals", "tag:caching",
    }  # fmt: skip
    assert "Second post" in get(client, reverse("blog:tag", args=["caching"]))[0]
    assert "Second post" not in get(client, reverse("blog:tag", args=["signals"]))[0]


def test_tags_added_from_the_tag_side_count_too(client, site):
    prime(client)
    tag = Tag.objects.get(slug="caching")
    tag.posts.add(site["first"])  # reverse=True: instance is the tag
    assert "First post" in get(client, tag.get_absolute_url())[0]
    html, hit = get(client, site["first"].get_absolute_url())
    assert not hit and "caching" in html
    tag.posts.clear()  # pre_clear remembers which posts lose it
    assert "First post" not in get(client, tag.get_absolute_url())[0]
    assert "Bob&#x27;s post" not in get(client, tag.get_absolute_url())[0]


def test_a_comment_drops_only_its_posts_page(client, site, bob):
    prime(client)
    before = cached_pages()
    Comment.objects.create(post=site["first"], author=bob, body="Nice one")
    assert before - cached_pages() == {"post:first-post"}
    assert "Nice one" in get(client, site["first"].get_absolute_url())[0]
    Comment.objects.filter(post=site["first"]).get().delete()
    assert "Nice one" not in get(client, site["first"].get_absolute_url())[0]


def test_deleting_a_post_drops_its_pages_tags_included(client, site):
    prime(client)
    before = cached_pages()
    Post.objects.get(pk=site["first"].pk).delete()
    assert {"list", "author:alice", "tag:django", "tag:signals"} <= before - cached_pages()
    assert "tag:caching" in cached_pages() and "author:bob" in cached_pages()
    assert "First post" not in get(client, reverse("blog:list"))[0]
    assert "First post" not in get(client, reverse("blog:tag", args=["django"]))[0]
    assert client.get(reverse("blog:detail", args=["first-post"])).status_code == 404


def test_a_draft_touches_no_cached_page_until_it_is_published(client, site, make_post):
    prime(client)
    before = cached_pages()
    draft = make_post("Secret draft", published=False, tags=["signals"])
    assert cached_pages() == before
    draft.published = True
    draft.save()
    assert {"list", "author:alice", "tag:signals"} <= before - cached_pages()
    assert "Secret draft" in get(client, reverse("blog:list"))[0]


def test_unpublishing_drops_the_pages_that_showed_it(client, site):
    prime(client)
    post = Post.objects.get(pk=site["third"].pk)
    post.published = False
    post.save()
    assert "Bob&#x27;s post" not in get(client, reverse("blog:list"))[0]
    assert client.get(post.get_absolute_url()).status_code == 404


def test_a_renamed_tag_and_a_renamed_author_leave_nothing_stale(client, site, bob):
    prime(client)
    tag = Tag.objects.get(slug="caching")
    tag.name, tag.slug = "Caches", "caches"
    tag.save()
    assert "Caches" in get(client, site["third"].get_absolute_url())[0]
    assert client.get(reverse("blog:tag", args=["caching"])).status_code == 404
    bob.username = "robert"
    bob.save()
    assert "robert" in get(client, reverse("blog:list"))[0]
    assert client.get(reverse("blog:author", args=["bob"])).status_code == 404


def test_logging_in_drops_nothing(client, site, alice):
    prime(client)
    before = cached_pages()
    assert client.login(username="alice", password="alice-signals")
    assert cached_pages() == before


# --- what sends no post_save -------------------------------------------------


# --8<-- [start:update_is_silent]
def test_update_and_bulk_create_send_no_post_save_so_pages_go_stale(
    client,
    site,
    alice,
):
    prime(client)
    Post.objects.filter(pk=site["first"].pk).update(title="Renamed by update()")
    Post.objects.bulk_create([Post(author=alice, title="Bulk", slug="bulk", body="x")])
    html, hit = get(client, reverse("blog:list"))
    assert hit and "Renamed by update()" not in html and "Bulk" not in html  # stale!


def test_queryset_delete_does_send_post_delete(client, site):
    prime(client)
    Post.objects.filter(pk=site["first"].pk).delete()  # signals sent, once per row
    assert "First post" not in get(client, reverse("blog:list"))[0]


# --8<-- [end:update_is_silent]


def test_set_published_uses_update_and_drops_the_pages_itself(client, site):
    prime(client)
    assert set_published(Post.objects.filter(pk=site["first"].pk), False) == 1
    assert "First post" not in get(client, reverse("blog:list"))[0]
    assert set_published(Post.objects.all(), True) == 1
    html, hit = get(client, reverse("blog:tag", args=["django"]))
    assert not hit and "First post" in html


# --- query budgets -----------------------------------------------------------


def test_a_cached_page_costs_no_query(client, site, django_assert_num_queries):
    urls = prime(client)
    for url in urls.values():
        with django_assert_num_queries(0):
            assert get(client, url)[1] is True


@pytest.mark.parametrize("how_many", [1, 12])
def test_an_uncached_list_costs_the_same_however_many_posts(
    client, alice, how_many, django_assert_num_queries
):
    for number in range(how_many):
        post = Post.objects.create(author=alice, title=f"Post {number}", body="x")
        post.tags.set(tags_named([f"tag {number}", "shared"]))
    cache.clear()
    with django_assert_num_queries(2):  # the posts with their authors; all their tags
        html, hit = get(client, reverse("blog:list"))
    assert not hit and html.count('class="post-summary"') == how_many
