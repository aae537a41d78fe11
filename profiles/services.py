"""Business rules for profiles and sign-ins: plain functions that views,
receivers and the lock-out backend call."""

import ipaddress
import math
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import LoginEvent, LoginThrottle, Profile

USER_AGENT_LENGTH = LoginEvent._meta.get_field("user_agent").max_length
USERNAME_LENGTH = LoginEvent._meta.get_field("username").max_length


# --8<-- [start:get_profile]
def get_profile(user):
    """The user's profile, made now if the user has none.

    Caveat: users saved without a post_save signal (``bulk_create``, raw SQL,
    rows older than the profiles app) have no profile; ``user.profile`` raises
    for them, this does not.
    """
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


# --8<-- [end:get_profile]


# --8<-- [start:client_ip]
def client_ip(request):
    """The address the request came from, or None when it is unknown.

    Caveat: X-Forwarded-For is written by whoever sends the request. It is
    read only when ``PROFILES_TRUSTED_PROXY_COUNT`` says how many proxies of
    ours stand in front of the site, and then only the entry the outermost of
    them appended: anything further left could be made up by the client.
    """
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.PROFILES_TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            address = hops[-proxies]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


# --8<-- [end:client_ip]


def username_key(username):
    """The form a username is counted and stored under: "Alice " and "alice" are one."""
    text = unicodedata.normalize("NFKC", str(username or "")).replace("\x00", "")
    text = text.strip().casefold()
    return text[:USERNAME_LENGTH]


def user_agent(request):
    if request is None:
        return ""
    return request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_LENGTH]


# --8<-- [start:record_event]
def record_event(kind, request, *, user=None, username=""):
    """Add one row to the login history.

    Only the username is kept from what the visitor typed: never pass a
    password or any other credential value here.
    """
    return LoginEvent.objects.create(
        kind=kind,
        user=user,
        username=username_key(username or (user.get_username() if user else "")),
        ip=client_ip(request),
        user_agent=user_agent(request),
    )


# --8<-- [end:record_event]


def recent_events(user, limit=10):
    """The user's own sign-ins and sign-outs, and attempts made on their username."""
    key = username_key(user.get_username())
    return LoginEvent.objects.filter(Q(user=user) | Q(username=key))[:limit]


def lockout_limits():
    return settings.PROFILES_LOCKOUT_ATTEMPTS, timedelta(
        seconds=settings.PROFILES_LOCKOUT_WINDOW_SECONDS
    )


# --8<-- [start:locked_until]
def locked_until(username, ip, now=None):
    """When sign-ins for this username from this IP open again; None if they are open.

    Locked when the last ``PROFILES_LOCKOUT_ATTEMPTS`` failures all fall inside
    the window and no successful sign-in came after them. The answer depends
    only on the username as typed, never on whether such a user exists.
    """
    attempts, window = lockout_limits()
    now = now or timezone.now()
    recent = LoginEvent.objects.filter(
        username=username_key(username),
        ip=ip,
        at__gt=now - window,
    )
    failures = recent.filter(kind=LoginEvent.Kind.FAILED)
    logins = recent.filter(kind=LoginEvent.Kind.LOGIN)
    last_success = logins.values_list("at", flat=True).first()
    if last_success:
        failures = failures.filter(at__gt=last_success)
    times = list(failures.values_list("at", flat=True)[:attempts])
    if attempts < 1 or len(times) < attempts:
        return None
    # The oldest of the counted failures leaves the window first.
    return times[-1] + window


# --8<-- [end:locked_until]


def seconds_until(moment, now=None):
    return max(1, math.ceil((moment - (now or timezone.now())).total_seconds()))


# --8<-- [start:hold_attempts]
def hold_attempts(username, ip):
    """Make attempts for this username and IP wait for each other.

    Call inside ``transaction.atomic()``; the row lock is held until it ends.
    Without it, ten attempts at once would all count four failures and all
    get to try a password.
    """
    LoginThrottle.objects.select_for_update().get_or_create(
        username=username_key(username), ip=ip or ""
    )


# --8<-- [end:hold_attempts]
