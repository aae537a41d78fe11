import logging

from celery import shared_task
from celery.contrib.django.task import DjangoTask
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


# --8<-- [start:outbox_task]
class OutboxBackedTask(DjangoTask):
    """`delay_on_commit()` that logs, not raises, when the broker is unreachable.

    Caveat: only for tasks whose work is also recorded in an outbox row that a
    relay sends again (orders.outbox); for any other task a failed publish
    would be lost. The publish itself is bounded by the broker timeouts in
    settings, so a request never hangs on a broker that is down.
    """

    def delay_on_commit(self, *args, **kwargs):
        transaction.on_commit(lambda: self._delay_or_leave_to_relay(args, kwargs))

    def _delay_or_leave_to_relay(self, args, kwargs):
        try:
            self.delay(*args, **kwargs)
        except OperationalError as error:
            logger.warning(
                "broker unreachable (%s): %s%r left to the relay",
                error,
                self.name,
                args,
            )


# --8<-- [end:outbox_task]


# --8<-- [start:send_order_email]
@shared_task(
    base=OutboxBackedTask,
    autoretry_for=(OSError,),  # smtplib.SMTPException and socket errors are OSErrors
    retry_backoff=1,
    retry_backoff_max=60,
    max_retries=8,
)
def send_order_email(email_id):
    from .emails import build_message
    from .models import OrderEmail

    with transaction.atomic():
        # The row lock makes a second delivery of this task wait here, then
        # see sent_at and stop: delivered twice, the email goes once.
        email = OrderEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None:
            logger.warning("order email %s is gone; nothing to send", email_id)
            return
        if email.sent_at is not None:
            logger.info("%s was already sent", email)
            return
        # Sent inside the transaction: if SMTP fails, nothing is marked sent
        # and the retry sends again.
        build_message(email).send()
        email.sent_at = timezone.now()
        email.save(update_fields=["sent_at"])
    logger.info("sent %s", email)


# --8<-- [end:send_order_email]


@shared_task
def relay_order_emails():
    """Celery beat runs this every ORDERS_OUTBOX_RELAY_EVERY seconds (see the Procfile)."""
    from .outbox import relay_unsent_emails

    return relay_unsent_emails()
