"""Twenty saves racing for one slug, on PostgreSQL (SQLite serialises writers)."""

import threading

import pytest
from django.db import connection

from blog.models import Post
from tests.services import require_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 20


# --8<-- [start:race]
def test_twenty_saves_of_one_title_get_twenty_slugs(alice):
    require_postgres()
    barrier = threading.Barrier(THREADS)
    errors, slugs = [], []

    def save_one():
        try:
            barrier.wait(timeout=10)  # start together, so they really race
            post = Post.objects.create(author=alice, title="Race day", body="go")
            slugs.append(post.slug)
        except Exception as error:  # noqa: BLE001 - any error fails the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=save_one) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert len(slugs) == THREADS
    assert len(set(slugs)) == THREADS
    assert Post.objects.filter(slug__startswith="race-day").count() == THREADS
    assert "race-day" in slugs


# --8<-- [end:race]
