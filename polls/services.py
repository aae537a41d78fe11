"""Business rules for polls: plain functions the views call."""

from django.db import transaction

from .models import Choice, Question, Vote
from .signals import vote_cast


class InvalidVote(ValueError):
    """The vote names no choice, or a choice of another question."""


# --8<-- [start:cast_vote]
def cast_vote(question, choice_id, voter=None):
    """Record one vote for a choice of `question` and announce it with `vote_cast`."""
    try:
        choice = question.choices.get(pk=int(choice_id))
    except (TypeError, ValueError, Choice.DoesNotExist):
        raise InvalidVote("Please choose one of the answers.") from None
    with transaction.atomic():
        vote = Vote.objects.create(choice=choice, voter=voter)
        # Receivers run now, inside this transaction: if one fails, the vote is undone.
        vote_cast.send(
            sender=Question,
            question=question,
            choice=choice,
            vote=vote,
            voter=voter,
        )
    return vote


# --8<-- [end:cast_vote]
