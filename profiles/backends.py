"""The lock-out gate, as an authentication backend listed before ModelBackend.

A backend runs for every ``authenticate()`` and ``aauthenticate()`` call that
has a request: the site's login page, the admin's, any other. So the whole
guarantee lives here, not in a view: take the (username, IP) row lock, count
the failures, check the password, record a failure, and only then let the next
attempt for that username and IP in. Raising ``PermissionDenied`` stops Django
trying the backends after it, so a refused attempt never reaches another
password check, even with the right password.
"""

from asgiref.sync import sync_to_async
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.db import transaction

from . import services
from .models import LoginEvent

# Set on the request when the gate refused it; the login view answers 429.
LOCKED_UNTIL_ATTR = "profiles_locked_until"
# Set on the request when the gate already recorded the failure under its lock.
FAILURE_RECORDED_ATTR = "profiles_failure_recorded"
FAILED = LoginEvent.Kind.FAILED


# --8<-- [start:backend]
class LockoutBackend(ModelBackend):
    """Checks passwords one attempt at a time per username and IP, and refuses
    attempts for a pair that failed too often.

    Caveat: with ``request=None`` (a shell, a script) there is no IP, so no gate:
    it answers None and ModelBackend, next in the list, checks the password.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or username is None or password is None:
            return None
        ip = services.client_ip(request)
        with transaction.atomic():
            # Attempts for this username and IP wait here for each other, so
            # "count, check, record" is one step whatever view called us.
            services.hold_attempts(username, ip)
            until = services.locked_until(username, ip)
            if until is None:
                user = super().authenticate(request, username, password, **kwargs)
                if user is None:
                    # Recorded before the lock is released: the next attempt counts it.
                    services.record_event(FAILED, request, username=username)
        # Raised out here, not inside atomic(), which would roll the record back.
        if until is not None:
            setattr(request, LOCKED_UNTIL_ATTR, until)
            raise PermissionDenied
        if user is None:
            setattr(request, FAILURE_RECORDED_ATTR, True)
            raise PermissionDenied  # checked once; ModelBackend must not check again
        return user

    async def aauthenticate(self, request, username=None, password=None, **kwargs):
        # Not ModelBackend's native aauthenticate: it would check the password
        # with no gate at all. The same locked steps, in a thread.
        authenticate = sync_to_async(self.authenticate)
        return await authenticate(request, username, password, **kwargs)


# --8<-- [end:backend]
