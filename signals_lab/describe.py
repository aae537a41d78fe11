"""Short, side-effect-free descriptions of senders, results and receivers.

Caveat first: never calls ``repr()`` on objects it does not know, because a
``QuerySet``'s repr runs a query (and raises in async code). Unknown objects
are named by their type only.
"""

import reprlib

from django.apps import AppConfig
from django.db import models

_short = reprlib.Repr()
_short.maxstring = 80
_short.maxother = 80


def describe(value):
    if value is None or isinstance(value, (bool, int, float)):
        return repr(value)
    if isinstance(value, str):
        return _short.repr(value)
    if isinstance(value, type):
        return f"{value.__module__}.{value.__qualname__}"
    if isinstance(value, AppConfig):
        return f"<AppConfig {value.label}>"
    if isinstance(value, models.Model):
        return f"<{value._meta.label} pk={value.pk!r}>"
    if isinstance(value, BaseException):
        return f"{type(value).__name__}: {value}"
    simple = (bool, int, float, str, type(None))
    if (
        isinstance(value, (list, tuple, set, frozenset))
        and len(value) <= 5
        and all(isinstance(item, simple) for item in value)
    ):
        return _short.repr(value)
    return f"<{type(value).__module__}.{type(value).__qualname__} object>"


def dotted_path(func):
    """``module.qualname`` of a function, bound method or callable object."""
    target = getattr(func, "__func__", func)
    module = getattr(target, "__module__", None)
    name = getattr(target, "__qualname__", None)
    if name is None:  # a callable instance, a partial…
        inner = getattr(target, "func", None)
        if inner is not None and inner is not target:
            return f"partial({dotted_path(inner)})"
        kind = type(target)
        module, name = kind.__module__, kind.__qualname__ + " instance"
    return f"{module}.{name}" if module else name
