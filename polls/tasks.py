import logging

from celery import shared_task
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction

logger = logging.getLogger(__name__)


# --8<-- [start:send_greeting]
@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_greeting(user_id):
    from .models import Greeting

    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        logger.warning("user %s is gone; no greeting", user_id)
        return
    with transaction.atomic():
        # The marker row makes the task idempotent: delivered twice, it emails once.
        greetings = Greeting.objects.select_for_update()
        greeting, created = greetings.get_or_create(user=user)
        if not created:
            logger.info("user %s was already greeted", user_id)
            return
        # Sent inside the transaction: if SMTP fails, the marker rolls back and
        # the retry sends again.
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
    logger.info("greeted user %s", user_id)


# --8<-- [end:send_greeting]
