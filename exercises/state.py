"""What the runner remembers between commands: var/exercises/state.json.

A check's result is kept under the hash of the exercise file and its checks,
so it stands until either changes; the list then answers without running
anything. Hints shown so far are kept per exercise.
"""

import hashlib
import json
import os
from pathlib import Path

from .manifest import ROOT


def state_dir():
    return Path(os.environ.get("EXERCISES_STATE_DIR") or ROOT / "var" / "exercises")


def database_dir():
    """Where the prepared test database lives; processes may share it."""
    return Path(os.environ.get("EXERCISES_DB_DIR") or state_dir())


def _path():
    return state_dir() / "state.json"


def load():
    try:
        return json.loads(_path().read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def save(state):
    path = _path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(state, indent=1, sort_keys=True), encoding="utf-8")
    temporary.replace(path)


def files_hash(exercise, root=ROOT):
    digest = hashlib.sha256()
    for name in (exercise.file, exercise.checks):
        try:
            digest.update((Path(root) / name).read_bytes())
        except FileNotFoundError:
            digest.update(b"missing")
    return digest.hexdigest()


def record_result(exercise, result, digest):
    """Keep `result` under `digest`, the files_hash() taken before the run."""
    state = load()
    state.setdefault("results", {})[exercise.slug] = {
        "hash": digest,
        "passed": result.passed,
        "summary": result.summary,
    }
    save(state)


def recorded_result(exercise):
    """{'passed': bool, 'summary': str}, or None if never checked or changed since."""
    entry = load().get("results", {}).get(exercise.slug)
    if entry and entry.get("hash") == files_hash(exercise):
        return entry
    return None


def next_hint(exercise):
    """How many hints to show now (one more than last time), and remember it."""
    state = load()
    shown = state.setdefault("hints", {})
    count = min(shown.get(exercise.slug, 0) + 1, len(exercise.hints))
    shown[exercise.slug] = count
    save(state)
    return count
