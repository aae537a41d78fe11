"""Every signal a module holds, and every receiver connected to it right now.

Caveats first: it reads ``Signal.receivers``, a private list whose tuples
have 3 items on Django 5.2 and 4 on 6.1 (a weak reference to the sender was
added); both are handled. A sender is named from that reference when there is
one, else by matching its id against the installed models; others show as
an id.
"""

import weakref
from dataclasses import dataclass

from django.apps import apps
from django.dispatch.dispatcher import NONE_ID

from mysite.cookbook import docs_url

from .chapters import chapter_for
from .describe import describe, dotted_path
from .names import all_signals


@dataclass(frozen=True)
class ReceiverRow:
    signal: str  # dotted name, e.g. "django.db.models.signals.post_save"
    receiver: str  # dotted path of the function
    module: str
    sender: str  # "any sender", or what the receiver is restricted to
    dispatch_uid: str | None
    weak: bool
    is_async: bool
    chapter: str  # docs path, e.g. "polls/"

    @property
    def signal_name(self):
        return self.signal.rpartition(".")[2]

    @property
    def docs_url(self):
        return docs_url(self.chapter) if self.chapter else ""


def _is_receiver_id(key):
    # Without a dispatch_uid, Django keys a receiver by id() (a pair for a bound method).
    return isinstance(key, int) or (
        isinstance(key, tuple) and len(key) == 2 and all(isinstance(k, int) for k in key)
    )


def _senders_by_id():
    known = {id(model): model for model in apps.get_models(include_auto_created=True)}
    known.update({id(config): config for config in apps.get_app_configs()})
    return known


def _sender(sender_key, sender_ref, known):
    if sender_key == NONE_ID:
        return "any sender"
    sender = sender_ref() if isinstance(sender_ref, weakref.ReferenceType) else None
    if sender is None:
        sender = known.get(sender_key)
    return describe(sender) if sender is not None else f"the object with id {sender_key:#x}"


def receiver_rows(signal_filter=None):
    """One row per live receiver, signals in name order, receivers in connect order."""
    known = _senders_by_id()
    rows = []
    for name, signal in all_signals().items():
        short = name.rpartition(".")[2]
        if signal_filter and signal_filter not in (name, short):
            continue
        with signal.lock:
            entries = list(signal.receivers)
        for entry in entries:
            (key, sender_key), ref, *middle, is_async = entry
            function = ref() if isinstance(ref, weakref.ReferenceType) else ref
            if function is None:
                continue  # collected, waiting to be cleared
            path = dotted_path(function)
            rows.append(
                ReceiverRow(
                    signal=name,
                    receiver=path,
                    module=getattr(getattr(function, "__func__", function), "__module__", "?"),
                    sender=_sender(sender_key, middle[0] if middle else None, known),
                    dispatch_uid=None if _is_receiver_id(key) else str(key),
                    weak=isinstance(ref, weakref.ReferenceType),
                    is_async=bool(is_async),
                    chapter=chapter_for(path, short),
                )
            )
    return rows
