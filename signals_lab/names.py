"""Find every Signal that some module holds, and the dotted name to show for it.

Caveat first: a Signal that no module-level name holds (one made inside a
function, as tests do) has no name here; callers show its repr instead.
"""

import re
import sys
from functools import cache

from django.dispatch import Signal

_cache = {"modules": -1, "names": {}, "signals": {}}


@cache
def _defines(path, attribute):
    """Whether the source file at `path` assigns `attribute = ...Signal(`."""
    try:
        with open(path, encoding="utf-8") as source:
            text = source.read()
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(rf"^{re.escape(attribute)}\s*=\s*[\w.]*Signal\(", text, re.M) is not None


def _score(module, module_name, attribute):
    # Prefer the module whose source defines the signal; then a "signals" module;
    # then the shortest path. A module that only imports it comes last.
    path = getattr(module, "__file__", None)
    defines = bool(path) and _defines(path, attribute)
    return (not defines, not module_name.endswith("signals"), module_name.count("."))


def _scan():
    best = {}
    for module_name, module in list(sys.modules.items()):
        namespace = getattr(module, "__dict__", None)
        if not isinstance(namespace, dict):
            continue
        for attribute, value in list(namespace.items()):
            # type(), not isinstance(): isinstance() would wake lazy objects such as GEOS.
            if issubclass(type(value), Signal) and not attribute.startswith("_"):
                candidate = (
                    _score(module, module_name, attribute),
                    f"{module_name}.{attribute}",
                    value,
                )
                current = best.get(id(value))
                if current is None or candidate[:2] < current[:2]:
                    best[id(value)] = candidate
    _cache["names"] = {key: entry[1] for key, entry in best.items()}
    _cache["signals"] = {entry[1]: entry[2] for entry in best.values()}
    _cache["modules"] = len(sys.modules)


def signal_names():
    """id(signal) -> dotted name, for every signal a module holds."""
    if _cache["modules"] != len(sys.modules):
        _scan()
    return _cache["names"]


def all_signals():
    """dotted name -> Signal, sorted by name."""
    signal_names()
    return dict(sorted(_cache["signals"].items()))
