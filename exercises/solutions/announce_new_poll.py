"""The reference solution to the exercise “Tell the staff about a new poll, after commit”."""

from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from polls.models import Question


# --8<-- [start:solution]
@receiver(post_save, sender=Question, dispatch_uid="exercises.announce_new_poll")
def announce_new_poll(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    transaction.on_commit(partial(_send_announcement, instance.question_text))


def _send_announcement(question_text):
    send_mail(
        subject=f"New poll: {question_text}",
        message=f"A new poll is up: {question_text}",
        from_email=None,
        recipient_list=settings.STAFF_EMAILS,
    )


# --8<-- [end:solution]
