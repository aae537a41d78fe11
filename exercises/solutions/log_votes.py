"""The reference solution to the exercise “Log every vote”."""

import logging

from django.dispatch import receiver

from polls.signals import vote_cast

logger = logging.getLogger("polls.activity")


# --8<-- [start:solution]
@receiver(vote_cast, dispatch_uid="exercises.log_vote")
def log_vote(sender, question, choice, **kwargs):
    logger.info("vote for %r on %r", choice.choice_text, question.question_text)


# --8<-- [end:solution]
