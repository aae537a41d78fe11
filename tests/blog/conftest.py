import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def alice(db):
    return get_user_model().objects.create_user("alice", "alice@example.com", "alice-signals")


@pytest.fixture
def bob(db):
    return get_user_model().objects.create_user("bob", "bob@example.com", "bob-signals")


@pytest.fixture
def make_post(alice):
    from blog.models import Post
    from blog.services import tags_named

    def make_post(title="A post", body="Some words here.", author=None, tags=(), **fields):
        post = Post.objects.create(title=title, body=body, author=author or alice, **fields)
        if tags:
            post.tags.set(tags_named(tags))
        return post

    return make_post
