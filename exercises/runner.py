"""Run one exercise's checks inside this process, in about a second.

Django is already set up, so the runner imports the learner's file afresh,
copies a prepared SQLite test database instead of migrating one, and calls
pytest.main() on the exercise's checks with -x: the first root failure is what
the learner sees. Checks are named ``check_*.py`` so `make test` never collects
them: the shipped code is *meant* to fail them.
"""

import contextlib
import gc
import io
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection

from . import messages
from .loading import load_exercise
from .manifest import ROOT
from .state import database_dir


@dataclass
class CheckResult:
    tests: int = 0
    problems: list[str] = field(default_factory=list)  # lines about the first failure
    skipped: list[str] = field(default_factory=list)
    load_error: str = ""  # the learner's file could not be imported
    output: str = ""  # pytest's own output, for when nothing could be parsed

    @property
    def passed(self):
        return self.tests > 0 and not self.problems and not self.skipped and not self.load_error

    @property
    def summary(self):
        if self.passed:
            return f"passes ({self.tests} checks)"
        return self.load_error or (self.problems or self.skipped or ["did not run"])[0]

    def as_dict(self):
        return {k: getattr(self, k) for k in ("tests", "problems", "skipped", "load_error")}


class _Collector:
    """A pytest plugin that keeps what happened to each check."""

    def __init__(self):
        self.seen, self.failures, self.skipped = set(), [], []

    def pytest_runtest_logreport(self, report):
        self.seen.add(report.nodeid)
        if report.failed:
            self.failures.append(report)
        elif report.skipped and report.when == "setup":
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else "skipped"
            self.skipped.append(f"{messages.readable_name(report.nodeid)}: {reason}")

    def pytest_collectreport(self, report):
        if report.failed:
            self.failures.append(report)


def run_checks(exercise, root=ROOT):
    """Import the exercise's file afresh and run its checks; a CheckResult."""
    problem = load_exercise(exercise, fresh=True)
    if problem:
        return CheckResult(load_error=f"exercise {exercise.number}: {problem}")
    for name in [m for m in sys.modules if m.startswith("tests.exercises.check_")]:
        del sys.modules[name]  # read the checks afresh too
    collector = _Collector()
    args = [
        str(Path(root) / exercise.checks), "-x", "-q", "--no-header", "-p", "no:cacheprovider",
        "-c", str(Path(root) / "pyproject.toml"), "--rootdir", str(root),
        "-o", "python_files=check_*.py", "-o", "addopts=", "--tb=native",
    ]  # fmt: skip
    output = io.StringIO()
    # pytest collects garbage twice on its way out, and a full collection walks every
    # object Django, pytest and earlier runs left for good (95,000 and more): 50 ms
    # a time, and half of verify's CPU over its 55 runs. Frozen, those are skipped;
    # what this run leaves behind is still collected.
    gc.freeze()
    with _template_database(), contextlib.redirect_stdout(output):
        pytest_main(args, plugins=[collector])
    result = CheckResult(tests=len(collector.seen), skipped=collector.skipped)
    result.output = output.getvalue()
    if collector.failures:
        report = collector.failures[0]
        crash = getattr(getattr(report.longrepr, "reprcrash", None), "message", None)
        text = report.longreprtext
        crash = crash or (text.strip().splitlines() or ["failed"])[-1]
        title = messages.readable_name(report.nodeid) if "::" in report.nodeid else "the checks"
        lines = messages.summarize(crash, text)
        result.problems = [f"{title}: {lines[0]}", *lines[1:]]
        result.tests = max(result.tests, 1)
    return result


def pytest_main(args, plugins):
    import pytest

    # Only pytest-django: other installed plugins (anyio's, say) cost seconds
    # to load and the checks do not use them.
    saved = os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD")
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    try:
        return pytest.main([*args, "-p", "pytest_django.plugin"], plugins=plugins)
    finally:
        if saved is None:
            del os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"]
        else:
            os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = saved


# --- a prepared test database -------------------------------------------------


TEST_DB_VARIABLE = "EXERCISES_TEST_DB"


@contextlib.contextmanager
def _template_database():
    """Give the checks a copy of a migrated template database (SQLite only).

    tests/exercises/conftest.py then uses the copy as the test database instead
    of letting pytest-django create one and run migrate (a second or more).
    """
    database = settings.DATABASES["default"]
    if not database["ENGINE"].endswith("sqlite3"):
        # A test database of this process's own, so a suite running at the
        # same time on the same server keeps its own.
        test = database.setdefault("TEST", {})
        test["NAME"] = f"test_{database['NAME']}_exercises_{os.getpid()}"
        connection.settings_dict["TEST"] = test
        yield
        return
    template = _template_path()
    if not template.exists():
        _build_template(template)
    # In the run's own folder, in memory where there is room (mysite/settings_test.py):
    # on a disk, each of the checks' commits waits for fsync.
    with tempfile.TemporaryDirectory(prefix="exercise-db-", dir=settings.VAR_DIR) as tmp:
        copy = Path(tmp) / "test.sqlite3"
        shutil.copyfile(template, copy)
        os.environ[TEST_DB_VARIABLE] = str(copy)  # set once, it stays for the process
        try:
            yield
        finally:
            connection.close()


def _template_path():
    # The template is valid as long as no migration changed.
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("*/migrations/*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    import django

    digest.update(django.__version__.encode())
    return database_dir() / f"test-db-{digest.hexdigest()[:16]}.sqlite3"


def _build_template(template):
    template.parent.mkdir(parents=True, exist_ok=True)
    for old in template.parent.glob("test-db-*.sqlite3"):
        old.unlink(missing_ok=True)
    building = template.with_name(f"{template.stem}.{os.getpid()}.building")
    database = settings.DATABASES["default"]
    saved_name, saved_test = database["NAME"], dict(database.get("TEST", {}))
    for settings_dict in (database, connection.settings_dict):
        settings_dict["TEST"] = {**saved_test, "NAME": str(building)}
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        connection.creation.destroy_test_db(saved_name, verbosity=0, keepdb=True)
        building.replace(template)
    finally:
        connection.close()
        for settings_dict in (database, connection.settings_dict):
            settings_dict["TEST"] = saved_test
            settings_dict["NAME"] = saved_name
