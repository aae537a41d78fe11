"""Two people vote at once: F() keeps every vote, `votes += 1` loses some.

Runs on PostgreSQL only: SQLite lets one writer in at a time, so it cannot
show the race (or the fix).
"""

import threading

import pytest

from polls.models import Choice
from polls.services import cast_vote
from tests.concurrency import at_once, errors_in
from tests.services import require_postgres

pytestmark = pytest.mark.django_db(transaction=True)


def test_ten_simultaneous_votes_all_count(question):
    require_postgres()
    choice = question.choices.first()
    assert errors_in(at_once(10, lambda: cast_vote(question, choice.pk))) == []
    choice.refresh_from_db()
    assert choice.votes == 10
    assert choice.vote_set.count() == 10


# --8<-- [start:lost_update]
def test_read_modify_write_loses_votes(question):
    """The tutorial-style `choice.votes += 1; choice.save()` under two voters."""
    require_postgres()
    choice_id = question.choices.first().pk
    both_have_read = threading.Barrier(2)

    def naive_vote():
        choice = Choice.objects.get(pk=choice_id)  # both read votes == 0 ...
        both_have_read.wait()
        choice.votes += 1  # ... both compute 1 ...
        choice.save()  # ... and both write 1.

    assert errors_in(at_once(2, naive_vote)) == []
    assert Choice.objects.get(pk=choice_id).votes == 1  # two votes, one counted


# --8<-- [end:lost_update]
