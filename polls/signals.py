"""The polls app's own signal, and its receivers.

`vote_cast` is sent by `polls.services.cast_vote` once a vote is recorded,
inside the vote's transaction. Arguments (all keyword):

- ``sender``: the ``Question`` class;
- ``question``, ``choice``: the instances voted on;
- ``vote``: the new ``Vote`` row;
- ``voter``: the user, or ``None`` for an anonymous vote.

Receivers must accept ``**kwargs``: arguments may be added later.
"""

import logging

from django.conf import settings
from django.db.models import F
from django.db.models.signals import post_save
from django.dispatch import Signal, receiver

from .models import Choice
from .tasks import send_greeting

logger = logging.getLogger(__name__)

# --8<-- [start:vote_cast]
vote_cast = Signal()
# --8<-- [end:vote_cast]


# --8<-- [start:tally_vote]
@receiver(vote_cast, dispatch_uid="polls.tally_vote")
def tally_vote(sender, choice, **kwargs):
    # F() makes the database do the addition: two votes at once both count.
    Choice.objects.filter(pk=choice.pk).update(votes=F("votes") + 1)


# --8<-- [end:tally_vote]


# --8<-- [start:greet_new_user]
@receiver(
    post_save,
    sender=settings.AUTH_USER_MODEL,
    dispatch_uid="polls.greet_new_user",
)
def greet_new_user(sender, instance, created, raw=False, **kwargs):
    if not created or raw:  # an update, or a fixture being loaded
        return
    if not instance.email:
        logger.info("user %s has no email address; no greeting", instance.pk)
        return
    # Queue the email only once the user's row is committed: a rolled-back
    # sign-up sends nothing, and the worker never looks for a missing user.
    send_greeting.delay_on_commit(instance.pk)
    logger.info("greeting for user %s queued for after commit", instance.pk)


# --8<-- [end:greet_new_user]
