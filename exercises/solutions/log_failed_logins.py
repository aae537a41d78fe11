"""The reference solution to the exercise “Log failed sign-ins, safely”."""

import logging

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from profiles.services import client_ip

logger = logging.getLogger(__name__)


# --8<-- [start:solution]
@receiver(user_login_failed, dispatch_uid="exercises.log_failed_login")
def log_failed_login(sender, credentials, request=None, **kwargs):
    username = credentials.get("username", "")
    ip = client_ip(request) or "unknown"
    logger.warning("failed sign-in for %r from %s", username, ip)


# --8<-- [end:solution]
