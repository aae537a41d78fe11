"""WRONG (a known mistake, kept to prove the checks catch it): print() instead of
logging. Nothing reaches the log files, levels or handlers; the line goes to
whatever stdout the server has, if any."""

from django.dispatch import receiver

from polls.signals import vote_cast


@receiver(vote_cast, dispatch_uid="exercises.log_vote")
def log_vote(sender, question, choice, **kwargs):
    print(f"vote for {choice.choice_text!r} on {question.question_text!r}")  # noqa: T201
