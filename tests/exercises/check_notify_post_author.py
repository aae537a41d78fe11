"""Checks for the exercise “Email the post's author about a comment”."""

import pytest
from django.contrib.auth import get_user_model
from django.core import serializers
from django.db import transaction

from blog.models import Comment, Post

pytestmark = pytest.mark.django_db(transaction=True)


class Rollback(Exception):
    pass


@pytest.fixture
def alice(db):
    return get_user_model().objects.create_user("alice", "alice@example.com", "pw-alice-1")


@pytest.fixture
def bob(db):
    return get_user_model().objects.create_user("bob", "bob@example.com", "pw-bob-1")


@pytest.fixture
def sent(mailoutbox):
    """The emails about comments so far (other receivers greet new users, for one)."""
    return lambda: [m for m in mailoutbox if "comment" in m.subject.lower()]


@pytest.fixture
def post(alice):
    return Post.objects.create(author=alice, title="Signals at scale", body="words")


def test_a_sent_the_posts_author(post, bob, sent):
    Comment.objects.create(post=post, author=bob, body="Great read!")
    emails = sent()
    assert len(emails) == 1, f"Expected one email for a new comment, got {len(emails)}."
    email = emails[0]
    assert email.to == ["alice@example.com"], f"Send it to the post's author, not {email.to}."
    assert email.subject == "New comment on “Signals at scale”", f"Subject was {email.subject!r}."
    assert "Great read!" in email.body, "Put the comment's text in the body."


def test_nothing_is_sent_before_the_commit(post, bob, sent):
    with transaction.atomic():
        Comment.objects.create(post=post, author=bob, body="Early")
        assert sent() == [], "The email went out before the transaction committed."
    assert len(sent()) == 1, "After the commit, the email should have gone."


def test_a_rolled_back_comment_sends_nothing(post, bob, sent):
    with pytest.raises(Rollback), transaction.atomic():
        Comment.objects.create(post=post, author=bob, body="Never saved")
        raise Rollback
    assert sent() == [], "A rolled-back comment must not email anyone."


def test_an_edited_comment_sends_nothing_more(post, bob, sent):
    comment = Comment.objects.create(post=post, author=bob, body="Frist")
    before = len(sent())
    comment.body = "First"
    comment.save()
    assert len(sent()) == before, "Only a new comment emails the author, not an edit."


def test_commenting_on_your_own_post_sends_nothing(post, alice, sent):
    Comment.objects.create(post=post, author=alice, body="Thanks all")
    assert sent() == [], "Don't email authors about their own comments."


def test_an_author_without_an_email_gets_nothing_and_nothing_breaks(post, alice, bob, sent):
    alice.email = ""
    alice.save()
    Comment.objects.create(post=post, author=bob, body="Hello?")
    assert sent() == [], "The post's author has no email address: send nothing."


def test_a_fixture_load_sends_nothing(post, bob, sent):
    data = (
        f'[{{"model": "blog.comment", "pk": 99, "fields": {{"post": {post.pk}, '
        f'"author": {bob.pk}, "body": "loaded", "created_at": "2026-01-01T00:00:00Z"}}}}]'
    )
    for obj in serializers.deserialize("json", data):
        obj.save()  # a raw save, as `loaddata` does
    assert sent() == [], "Rows loaded from a fixture (raw=True) must not send email."
