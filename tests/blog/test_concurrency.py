"""Twenty saves racing for one slug, on PostgreSQL (SQLite serialises writers)."""

import pytest

from blog.models import Post
from tests.concurrency import at_once, errors_in
from tests.services import require_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 20


# --8<-- [start:race]
def test_twenty_saves_of_one_title_get_twenty_slugs(alice):
    require_postgres()

    def save_one():
        return Post.objects.create(author=alice, title="Race day", body="go").slug

    slugs = at_once(THREADS, save_one)
    assert errors_in(slugs) == []
    assert len(slugs) == THREADS
    assert len(set(slugs)) == THREADS
    assert Post.objects.filter(slug__startswith="race-day").count() == THREADS
    assert "race-day" in slugs


# --8<-- [end:race]
