"""A throwaway copy of the repository, with its own git, for runner tests.

Its exercise files are the shipped ones (from this repository's git), so the
tests pass whatever the learner's own files hold.
"""

import os
import subprocess
import sys

from exercises.manifest import load_manifest
from exercises.verify import _prepare_tree

GIT = ["git", "-c", "user.name=test", "-c", "user.email=test@example.com"]


def make_sandbox(path):
    _prepare_tree(load_manifest(), path)
    subprocess.run(["rm", "-rf", str(path / ".shipped")], check=True)
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "shipped"]):
        subprocess.run([*GIT, *command], cwd=path, check=True, capture_output=True)
    return path


def manage_env(sandbox, **extra):
    # Always SQLite: a nested run on the suite's PostgreSQL test database would drop it.
    skip = ("DJANGO_", "EXERCISES_", "DATABASE_URL", "REDIS_URL", "COOKBOOK_", "PYTEST_XDIST_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(skip)}
    env["EXERCISES_DB_DIR"] = str(sandbox.parent.parent / "shared-db")
    env.update(extra)
    return env


def manage(sandbox, *args, stdin=None, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=sandbox,
        env=manage_env(sandbox, **env),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )
