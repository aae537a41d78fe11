"""The lock-out gate, as an authentication backend listed before ModelBackend.

A backend runs for every ``authenticate()`` call that has a request: the
site's login page, the admin's, any other. Raising ``PermissionDenied`` stops
Django trying the backends after it, so a locked-out attempt never reaches
the password check, even with the right password.
"""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from .services import client_ip, locked_until

# Set on the request when the gate refused it; the login view answers 429.
LOCKED_UNTIL_ATTR = "profiles_locked_until"


# --8<-- [start:backend]
class LockoutBackend(ModelBackend):
    """Refuses a username and IP that failed too often; authenticates no one.

    Caveat: with ``request=None`` (a shell, a script) there is no IP, so no gate.
    It subclasses ModelBackend only for ``get_user``, so that a session started
    by ``force_login`` (which picks the first backend) still finds its user.
    """

    def authenticate(self, request, username=None, **credentials):
        if request is None or username is None:
            return None
        until = locked_until(username, client_ip(request))
        if until is not None:
            setattr(request, LOCKED_UNTIL_ATTR, until)
            raise PermissionDenied
        return None


# --8<-- [end:backend]
