"""The relay of the transactional outbox: queue again the order emails still unsent.

An `OrderEmail` row is written in the same transaction as its order, and its
task is queued after the commit. If the broker was down at that moment, or
the message was lost, the row stays unsent; the relay finds it and queues it
again. Queueing twice never sends twice: a task must claim the row first
(orders.delivery), and a sent, failed or dead row cannot be claimed.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from kombu.exceptions import OperationalError

from .models import OrderEmail
from .tasks import send_order_email

logger = logging.getLogger(__name__)


# --8<-- [start:relay]
def relay_unsent_emails(grace=None, limit=500):
    """Queue every unsent email older than `grace` seconds; return how many were queued.

    Caveat: an email whose task is merely slow (a long queue, SMTP retries) is
    queued again after `grace` seconds too; that costs a message, not an email.
    """
    grace = settings.ORDERS_OUTBOX_GRACE_SECONDS if grace is None else grace
    cutoff = timezone.now() - timedelta(seconds=grace)
    Status = OrderEmail.Status
    now = timezone.now()
    # Pending, or claimed by a worker whose lease ran out (killed mid-send).
    unsent = Q(status=Status.PENDING) | Q(status=Status.SENDING, claimed_until__lt=now)
    due = OrderEmail.objects.filter(
        unsent,
        Q(relayed_at__isnull=True) | Q(relayed_at__lte=cutoff),
        created_at__lte=cutoff,
    ).order_by("id")[:limit]
    relayed = 0
    for email_id in due.values_list("id", flat=True):
        try:
            send_order_email.delay(email_id)
        except OperationalError as error:
            logger.warning("broker still unreachable (%s); will try again", error)
            break
        OrderEmail.objects.filter(pk=email_id).update(relayed_at=timezone.now())
        relayed += 1
    if relayed:
        logger.info("relayed %d unsent order emails", relayed)
    return relayed


# --8<-- [end:relay]
