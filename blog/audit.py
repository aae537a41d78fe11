"""Who is acting right now, for receivers that record changes (exercises/audit_log.py).

Caveat first: signals carry no request, so a receiver cannot know the user by
itself. The blog's services say who acts with `acting_as(user)`; code that does
not (the shell, a migration, a worker) is recorded with no actor. A context
variable, unlike a thread-local, stays correct under ASGI and in threads.
"""

from contextlib import contextmanager
from contextvars import ContextVar

_actor = ContextVar("blog_actor", default=None)


def current_actor():
    """The user `acting_as` named for this block of code, or None."""
    return _actor.get()


@contextmanager
def acting_as(user):
    token = _actor.set(user if user is not None and user.is_authenticated else None)
    try:
        yield
    finally:
        _actor.reset(token)
