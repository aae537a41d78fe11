"""Receivers: a profile for each new user, and the login history.

Each writes rows in the sender's transaction and does no other I/O.
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from . import services
from .backends import FAILURE_RECORDED_ATTR, LOCKED_UNTIL_ATTR
from .models import LoginEvent, Profile


# --8<-- [start:create_profile]
@receiver(
    post_save,
    sender=settings.AUTH_USER_MODEL,
    dispatch_uid="profiles.create_profile",
)
def create_profile(sender, instance, created, raw=False, **kwargs):
    if not created or raw:  # an update, or a fixture that brings its own profile rows
        return
    # get_or_create, not create: a second call for the same user is harmless.
    Profile.objects.get_or_create(user=instance)


# --8<-- [end:create_profile]


# --8<-- [start:history]
@receiver(user_logged_in, dispatch_uid="profiles.record_login")
def record_login(sender, request, user, **kwargs):
    services.record_event(LoginEvent.Kind.LOGIN, request, user=user)


@receiver(user_logged_out, dispatch_uid="profiles.record_logout")
def record_logout(sender, request, user, **kwargs):
    if user is None:  # logging out a visitor who was not logged in
        return
    services.record_event(LoginEvent.Kind.LOGOUT, request, user=user)


@receiver(user_login_failed, dispatch_uid="profiles.record_failed_login")
def record_failed_login(sender, credentials, request=None, **kwargs):
    # Django has masked the password in `credentials`, but only keys that look
    # secret: keep the username and nothing else.
    if getattr(request, FAILURE_RECORDED_ATTR, False):
        return  # the lock-out backend recorded it while it held the lock
    username = credentials.get("username") or ""
    refused = getattr(request, LOCKED_UNTIL_ATTR, None) is not None
    kind = LoginEvent.Kind.BLOCKED if refused else LoginEvent.Kind.FAILED
    services.record_event(kind, request, username=username)


# --8<-- [end:history]
