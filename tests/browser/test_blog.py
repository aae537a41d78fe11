"""The blog in a real browser: a post's address, and the cache badge after an edit."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def alice(transactional_db):
    return get_user_model().objects.create_user("alice", "alice@example.com", "alice-signals")


def test_a_new_post_gets_its_slug_in_the_address(page, log_in, alice):
    log_in("alice", "alice-signals")
    page.goto("/blog/new/")
    page.get_by_label("Title").fill("Crème brûlée & signals")
    page.get_by_label("Body").fill("Three words here")
    page.get_by_label("Tags").fill("dessert, django")
    page.get_by_role("button", name="Publish").click()
    expect(page).to_have_url(re.compile(r"/blog/post/cr%C3%A8me-br%C3%BBl%C3%A9e-signals/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Crème brûlée & signals")
    expect(page.locator(".word-count")).to_have_text("3 words")


def test_an_edit_replaces_the_cached_page_with_fresh_content(page, log_in, alice):
    from blog.models import Post

    post = Post.objects.create(author=alice, title="Cached title", body="Old body")
    log_in("alice", "alice-signals")
    page.goto(post.get_absolute_url())
    expect(page.locator(".cache-badge")).to_have_attribute("data-cache", "miss")
    page.reload()
    expect(page.locator(".cache-badge")).to_have_text("⚡ Served from the cache")

    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Body").fill("New body, written in the browser")
    page.get_by_role("button", name="Save changes").click()

    expect(page.locator(".cache-badge")).not_to_have_text("⚡ Served from the cache")
    expect(page.locator(".post-body")).to_have_text("New body, written in the browser")
    page.goto("/blog/")
    expect(page.locator(".posts")).to_contain_text("Cached title")


def test_script_in_a_title_is_shown_not_run(page, log_in, alice):
    log_in("alice", "alice-signals")
    page.goto("/blog/new/")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.get_by_label("Title").fill("<script>alert('x')</script>")
    page.get_by_label("Body").fill("<img src=x onerror=alert('y')>")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("<script>alert('x')</script>")
    page.goto("/blog/")
    expect(page.locator(".posts")).to_contain_text("<script>")
    assert dialogs == []
