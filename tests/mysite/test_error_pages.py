"""The 403 pages say why, in the site's own layout."""

import pytest
from django.test import Client
from django.urls import reverse

from blog.models import Post

pytestmark = pytest.mark.django_db


def test_editing_someone_elses_post_says_whose_it_is_and_why(django_user_model, client):
    alice = django_user_model.objects.create_user("alice", password="alice-signals")
    bob = django_user_model.objects.create_user("bob", password="bob-signals")
    post = Post.objects.create(author=alice, title="Alice's notes", body="Mine.")
    client.force_login(bob)
    page = client.get(reverse("blog:edit", args=[post.slug]))
    assert page.status_code == 403
    html = page.content.decode()
    assert "You are not allowed to do that" in html
    assert "Only the post&#x27;s author can change it." in html  # the view's own reason
    assert "You are logged in as <strong>bob</strong>" in html
    assert 'class="site-header"' in html, "the site's layout, not a bare error"


def test_a_form_without_its_csrf_token_explains_what_to_do():
    client = Client(enforce_csrf_checks=True)
    page = client.post(reverse("login"), {"username": "alice", "password": "x"})
    assert page.status_code == 403
    html = page.content.decode()
    assert "This form could not be accepted" in html
    assert "reload the page" in html
    assert "cookies are blocked" in html
