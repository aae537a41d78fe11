"""Import the learner's exercise files one by one, forgiving their mistakes.

A half-written file must fail only its own exercise: every error is caught and
kept as one line in plain words, and the site and the other exercises go on.
"""

import gc
import importlib
import importlib.util
import logging
import sys
import traceback
import weakref
from pathlib import Path

from django.dispatch import Signal

logger = logging.getLogger("exercises")

# exercise number -> "SyntaxError on line 4: expected ':'"; filled by load_all().
LOAD_ERRORS = {}

KWARGS_ERROR = "Signal receivers must accept keyword arguments"


def describe(error, file_name):
    """One line about `error`, raised while importing `file_name`."""
    if isinstance(error, SyntaxError):  # IndentationError and TabError too
        return f"{type(error).__name__} on line {error.lineno}: {error.msg}"
    where = _line_in(error, file_name)
    at = f" on line {where}" if where else ""
    if isinstance(error, ValueError) and KWARGS_ERROR in str(error):
        return f"a receiver without **kwargs{at}: add **kwargs to its arguments"
    if isinstance(error, ImportError):
        return f"{type(error).__name__}{at}: {error}"
    return f"{type(error).__name__}{at}: {error}".rstrip(": ")


def _line_in(error, file_name):
    line = None
    for frame in traceback.extract_tb(error.__traceback__):
        if Path(frame.filename).name == file_name:
            line = frame.lineno
    return line


def load_exercise(exercise, fresh=False):
    """Import the exercise's file; return None, or the one-line error.

    `fresh` forgets a previous import first (its receivers included), so an
    edited file is read again.
    """
    if fresh:
        forget(exercise.module)
    try:
        importlib.import_module(exercise.module)
    except KeyboardInterrupt:
        raise
    except BaseException as error:  # a learner's file may raise anything, exit() too
        forget(exercise.module)
        return describe(error, Path(exercise.file).name)
    return None


def load_all(exercises):
    """Import every exercise file; log and remember the ones that fail."""
    LOAD_ERRORS.clear()
    for exercise in exercises:
        problem = load_exercise(exercise)
        if problem:
            LOAD_ERRORS[exercise.number] = problem
            logger.warning("exercise %s: %s", exercise.number, problem)
    return LOAD_ERRORS


def forget(module_name):
    """Disconnect the receivers `module_name` defined, and drop it from sys.modules."""
    for signal in _signals():
        with signal.lock:
            kept = [r for r in signal.receivers if _module_of(r[1]) != module_name]
            if len(kept) != len(signal.receivers):
                signal.receivers = kept
                signal.sender_receivers_cache.clear()
    sys.modules.pop(module_name, None)
    importlib.invalidate_caches()
    # A cached .pyc is trusted on mtime (whole seconds) and size: a quick edit
    # of the same length would be missed.
    spec = importlib.util.find_spec(module_name)
    if spec and spec.origin:
        Path(importlib.util.cache_from_source(spec.origin)).unlink(missing_ok=True)


_known_signals = weakref.WeakSet()


def _signals():
    # Scanning the heap is slow; do it once, then only when asked to again.
    if not _known_signals:
        for obj in gc.get_objects():
            if issubclass(type(obj), Signal):
                _known_signals.add(obj)
    return list(_known_signals)


def _module_of(ref):
    receiver = ref() if isinstance(ref, weakref.ReferenceType) else ref
    return getattr(receiver, "__module__", None)


def watch_learner_files(sender, **kwargs):
    """runserver reloads when an exercise file changes, even one that failed to
    import (the autoreloader only sees the files of imported modules)."""
    from .manifest import ROOT

    sender.watch_dir(ROOT / "exercises", "*.py")
