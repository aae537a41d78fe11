"""The blog's pages: forms, permissions and what users type."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from blog.models import Comment, Post

pytestmark = pytest.mark.django_db(transaction=True)

SCRIPT = "<script>alert('x')</script>"


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def post_form(**fields):
    return {"title": "Hello", "body": "Some words", "tags": "", "published": "on", **fields}


def test_creating_a_post_puts_its_slug_in_the_address(alice_client):
    data = post_form(title="Café signals", tags="django, Signals, django")
    response = alice_client.post(reverse("blog:create"), data)
    post = Post.objects.get()
    assert response.status_code == 302
    assert response["Location"] == post.get_absolute_url() == "/blog/post/caf%C3%A9-signals/"
    assert sorted(post.tags.values_list("slug", flat=True)) == ["django", "signals"]
    assert alice_client.get(response["Location"]).status_code == 200


def test_editing_keeps_the_slug_and_shows_the_new_text(alice_client, make_post):
    post = make_post("Original", body="old words")
    alice_client.get(post.get_absolute_url())  # now cached
    url = reverse("blog:edit", args=[post.slug])
    response = alice_client.post(url, post_form(title="Renamed", body="new words"))
    assert response["Location"] == "/blog/post/original/"
    html = alice_client.get(response["Location"]).content.decode()
    assert "Renamed" in html and "new words" in html and 'data-cache="miss"' in html


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": "x" * 201}, "at most 200 characters"),
        ({"title": "   "}, "This field is required"),
        ({"body": ""}, "This field is required"),
        ({"body": "  \n "}, "This field is required"),
        ({"tags": "ok, " + "t" * 51}, "at most 50 characters"),
        ({"tags": "!!!"}, "no letters or digits"),
        ({"tags": ",".join(f"t{n}" for n in range(9))}, "At most 8 tags"),
    ],
)
def test_bad_input_re_renders_the_form_with_a_400(alice_client, fields, message):
    response = alice_client.post(reverse("blog:create"), post_form(**fields))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Post.objects.exists()


def test_a_huge_attachment_is_refused(alice_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    big = SimpleUploadedFile("big.bin", b"0" * (5 * 1024 * 1024 + 1))
    response = alice_client.post(reverse("blog:create"), {**post_form(), "attachment": big})
    assert response.status_code == 400
    assert "at most 5 MB" in response.content.decode()


def test_what_users_write_is_escaped_everywhere(alice_client, bob, make_post):
    post = make_post(SCRIPT, body=SCRIPT, tags=[SCRIPT + "tag"])
    Comment.objects.create(post=post, author=bob, body=SCRIPT)
    pages = [
        post.get_absolute_url(),
        reverse("blog:list"),
        reverse("blog:author", args=["alice"]),
        post.tags.get().get_absolute_url(),
        reverse("blog:tag_index"),
    ]
    for url in pages:
        for visit in range(2):  # fresh, then from the cache
            html = alice_client.get(url).content.decode()
            assert SCRIPT not in html, (url, visit)
    assert "&lt;script&gt;" in alice_client.get(post.get_absolute_url()).content.decode()


def test_only_the_author_may_edit_or_delete(client, bob, make_post):
    post = make_post("Alice's")
    client.force_login(bob)
    assert client.get(reverse("blog:edit", args=[post.slug])).status_code == 403
    response = client.post(reverse("blog:edit", args=[post.slug]), post_form(title="Mine now"))
    assert response.status_code == 403
    assert client.post(reverse("blog:delete", args=[post.slug])).status_code == 403
    assert Post.objects.get().title == "Alice's"


def test_anonymous_visitors_are_sent_to_log_in(client, make_post):
    post = make_post()
    assert client.get(reverse("blog:create"))["Location"].startswith("/accounts/login/")
    response = client.post(reverse("blog:comment", args=[post.slug]), {"body": "hi"})
    assert response["Location"].startswith("/accounts/login/")
    assert not Comment.objects.exists()


def test_a_draft_is_shown_to_its_author_only_and_never_cached(alice_client, client, make_post):
    post = make_post("Draft", published=False)
    html = alice_client.get(post.get_absolute_url()).content.decode()
    assert 'data-cache="none"' in html
    alice_client.logout()
    assert client.get(post.get_absolute_url()).status_code == 404


def test_a_comment_is_posted_and_shown(alice_client, make_post):
    post = make_post()
    response = alice_client.post(reverse("blog:comment", args=[post.slug]), {"body": "Hi!"})
    assert response.status_code == 302
    assert "Hi!" in alice_client.get(post.get_absolute_url()).content.decode()


@pytest.mark.parametrize("body", ["", "   ", "x" * 2001])
def test_a_bad_comment_gets_a_400_and_saves_nothing(alice_client, make_post, body):
    post = make_post()
    response = alice_client.post(reverse("blog:comment", args=[post.slug]), {"body": body})
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert not Comment.objects.exists()


def test_deleting_a_post_through_the_page(alice_client, make_post):
    post = make_post()
    assert alice_client.get(reverse("blog:delete", args=[post.slug])).status_code == 200
    response = alice_client.post(reverse("blog:delete", args=[post.slug]))
    assert response["Location"] == reverse("blog:list")
    assert not Post.objects.exists()


@pytest.mark.parametrize(
    "url", ["/blog/post/nope/", "/blog/tag/nope/", "/blog/author/nope/", "/blog/post/nope/edit/"]
)
def test_unknown_addresses_are_404(alice_client, url):
    assert alice_client.get(url).status_code == 404


def test_a_comment_on_a_draft_is_404(alice_client, make_post):
    post = make_post(published=False)
    response = alice_client.post(reverse("blog:comment", args=[post.slug]), {"body": "x"})
    assert response.status_code == 404
