"""WRONG (a known mistake, kept to prove the checks catch it): the address comes
straight from X-Forwarded-For, which any client can set, so the log names
whatever address the attacker typed."""

import logging

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

logger = logging.getLogger(__name__)


@receiver(user_login_failed, dispatch_uid="exercises.log_failed_login")
def log_failed_login(sender, credentials, request=None, **kwargs):
    username = credentials.get("username", "")
    address = "unknown"
    if request is not None:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        address = forwarded.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "unknown")
    logger.warning("failed sign-in for %r from %s", username, address)
