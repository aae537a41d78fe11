"""Deliver one order email: claim the row, send outside any transaction, record the result.

SMTP cannot promise exactly-once: a server may accept a message and answer
after the client gave up, and the retry then delivers it again. What this
module promises instead (docs/orders/delivery.md):

- every attempt carries the row's Message-ID, so a repeat is the same message;
- no SMTP conversation runs inside a transaction or under a row lock;
- a permanent refusal (a 5xx reply) is recorded as FAILED and never retried;
- transient failures are retried with backoff, at most ORDERS_EMAIL_MAX_ATTEMPTS
  times in all, then the row is DEAD (a dead letter, shown on the order).
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from .models import OrderEmail

logger = logging.getLogger(__name__)
Status = OrderEmail.Status


@dataclass
class Outcome:
    status: str
    retry_in: float | None = None  # seconds, when a transient failure should be retried


# --8<-- [start:claim]
def claim(email_id):
    """Take the email for one attempt, or return None if it is not ours to send.

    One conditional UPDATE, committed at once: two workers cannot both claim
    it, and no lock is held while the SMTP conversation runs. The lease lets
    the relay hand the row to another worker if this one is killed mid-send.
    """
    now = timezone.now()
    lease = timedelta(seconds=settings.ORDERS_EMAIL_LEASE_SECONDS)
    abandoned = Q(status=Status.SENDING, claimed_until__lt=now)  # its worker died
    taken = OrderEmail.objects.filter(
        Q(status=Status.PENDING) | abandoned,
        pk=email_id,
        attempts__lt=settings.ORDERS_EMAIL_MAX_ATTEMPTS,
    ).update(
        status=Status.SENDING,
        attempts=F("attempts") + 1,
        claimed_until=now + lease,
    )
    if taken:
        rows = OrderEmail.objects.select_related("order__customer__user")
        return rows.get(pk=email_id)
    _explain_unclaimed(email_id, now)
    return None


# --8<-- [end:claim]


def _explain_unclaimed(email_id, now):
    email = OrderEmail.objects.filter(pk=email_id).first()
    if email is None:
        logger.warning("order email %s is gone; nothing to send", email_id)
    elif email.status == Status.SENT:
        logger.info("%s was already sent", email)
    elif email.status == Status.SENDING and email.claimed_until >= now:
        logger.info("%s is being sent by another worker", email)
    elif email.status in (Status.PENDING, Status.SENDING):
        # Out of attempts (its last worker was killed mid-send): a dead letter.
        OrderEmail.objects.filter(pk=email_id, status=email.status).update(
            status=Status.DEAD, claimed_until=None
        )
        logger.error("%s gave up after %d attempts", email, email.attempts)
    else:
        logger.info("%s is %s; not sending it again", email, email.status)


# --8<-- [start:deliver]
def deliver(email_id):
    """One attempt at sending an order email; returns what became of it."""
    from .emails import build_message

    email = claim(email_id)
    if email is None:
        return Outcome("not claimed")
    try:
        build_message(email).send()  # no transaction is open here
    except (OSError, smtplib.SMTPException) as error:
        return record_failure(email, error)
    OrderEmail.objects.filter(pk=email.pk).update(
        status=Status.SENT, sent_at=timezone.now(), claimed_until=None, last_error=""
    )
    logger.info("sent %s as %s", email, email.message_id)
    return Outcome(Status.SENT)


# --8<-- [end:deliver]


def record_failure(email, error):
    description = f"{type(error).__name__}: {error}"[:500]
    if is_permanent(error):
        status, retry_in = Status.FAILED, None
    elif email.attempts >= settings.ORDERS_EMAIL_MAX_ATTEMPTS:
        status, retry_in = Status.DEAD, None
    else:
        status, retry_in = Status.PENDING, backoff(email.attempts)
    OrderEmail.objects.filter(pk=email.pk).update(
        status=status, claimed_until=None, last_error=description
    )
    log = logger.warning if retry_in is not None else logger.error
    log("%s attempt %d: %s -> %s", email, email.attempts, description, status)
    return Outcome(status, retry_in)


def is_permanent(error):
    """A 5xx reply: the server will say the same next time, so do not ask again."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    code = getattr(error, "smtp_code", None)
    return isinstance(code, int) and 500 <= code < 600


def backoff(attempts):
    """Seconds before the next attempt: doubling from ORDERS_EMAIL_RETRY_SECONDS."""
    return settings.ORDERS_EMAIL_RETRY_SECONDS * 2 ** (attempts - 1)
