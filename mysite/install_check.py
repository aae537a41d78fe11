"""Is every pinned requirement installed? Standard library only: it runs before Django.

`manage.py run` calls it first, so a learner who skipped `pip install` reads one
line that says what to type instead of a traceback from deep inside settings.py.
"""

import re
import sys
from importlib import metadata
from pathlib import Path

REQUIREMENTS = Path(__file__).resolve().parent.parent / "requirements.txt"
PIN = re.compile(r"^\s*([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?\s*==\s*([^\s;#]+)")


def pinned(path=REQUIREMENTS):
    """[(name, version)] for every `name==version` line of requirements.txt."""
    pins = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            pins.append((match.group(1), match.group(2)))
    return pins


def problems(path=REQUIREMENTS):
    """(missing, different): names not installed, and (name, wanted, installed) mismatches."""
    missing, different = [], []
    for name, wanted in pinned(path):
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            missing.append(name)
            continue
        if installed != wanted:
            different.append((name, wanted, installed))
    return missing, different


def install_command():
    return f'"{sys.executable}" -m pip install -r requirements.txt'


def require_installed(out=sys.stderr):
    """Exit with a plain message when a requirement is missing; warn when one differs."""
    missing, different = problems()
    for name, wanted, installed in different:
        out.write(f"Note: {name} {installed} is installed; requirements.txt pins {wanted}.\n")
    if missing:
        out.write(
            "Not installed yet: " + ", ".join(missing) + ".\n"
            "Install the requirements into this Python first:\n    " + install_command() + "\n"
        )
        raise SystemExit(1)
    if different:
        out.write("To match requirements.txt:\n    " + install_command() + "\n")
