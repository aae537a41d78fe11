import logging

from celery import shared_task
from celery.contrib.django.task import DjangoTask
from django.db import transaction
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
@shared_task(base=OutboxBackedTask, bind=True, max_retries=None)
def send_order_email(self, email_id):
    # The attempt cap lives on the row (orders.delivery), not in Celery's
    # retry count, so the relay and the retries share one budget.
    from .delivery import deliver

    outcome = deliver(email_id)
    if outcome.retry_in is not None and not self.request.called_directly:
        raise self.retry(countdown=outcome.retry_in)
    return outcome.status


# --8<-- [end:send_order_email]


@shared_task
def relay_order_emails():
    """Celery beat runs this every ORDERS_OUTBOX_RELAY_EVERY seconds (see the Procfile)."""
    from .outbox import relay_unsent_emails

    return relay_unsent_emails()
