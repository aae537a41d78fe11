import logging

from celery import shared_task
from celery.contrib.django.task import DjangoTask
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


# --8<-- [start:best_effort]
class BestEffortTask(DjangoTask):
    """`delay_on_commit()` that logs, rather than raises, when the broker is down.

    Best-effort, said plainly: nothing records that the work is owed, so a
    message the broker did not take is lost. The sign-up that asked for it
    still succeeds. (Order emails have an outbox row and a relay instead.)
    """

    def delay_on_commit(self, *args, **kwargs):
        transaction.on_commit(lambda: self._delay_or_drop(args, kwargs))

    def _delay_or_drop(self, args, kwargs):
        try:
            self.delay(*args, **kwargs)
        except OperationalError as error:
            logger.warning(
                "broker unreachable (%s): %s%r dropped",
                error,
                self.name,
                args,
            )


# --8<-- [end:best_effort]


# --8<-- [start:send_greeting]
@shared_task(
    base=BestEffortTask,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_greeting(user_id):
    from .models import Greeting

    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        logger.warning("user %s is gone; no greeting", user_id)
        return
    # The marker row, committed at once, is the claim: delivered twice, the
    # task emails once. No transaction stays open during the SMTP conversation.
    greeting, created = Greeting.objects.get_or_create(user=user)
    if not created:
        logger.info("user %s was already greeted", user_id)
        return
    try:
        send_mail(
            subject="Welcome to the Signals Cookbook",
            message=(
                f"Hello {user.get_username()},\n\n"
                "A post_save receiver noticed your new account and queued this email "
                "once the account was committed.\n"
            ),
            from_email=None,
            recipient_list=[user.email],
        )
    except OSError:
        greeting.delete()  # not greeted: the retry may claim it again
        raise
    # At most once: a worker killed mid-send leaves the marker, and that
    # greeting is never sent. Best-effort, unlike the order emails.
    logger.info("greeted user %s", user_id)


# --8<-- [end:send_greeting]
