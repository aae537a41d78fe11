"""Run exercise checks in a pytest subprocess and read the results back.

Checks are pytest modules named ``check_*.py`` so the main test run never
collects them: the shipped code is *meant* to fail them.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import uuid
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .manifest import ROOT

COPY_IGNORE = shutil.ignore_patterns(
    ".venv*", ".git", "var", "site", "media", "__pycache__", ".pytest_cache", ".ruff_cache"
)


@dataclass
class CheckResult:
    tests: int = 0
    problems: list[str] = field(default_factory=list)  # one line per failed or errored test
    skipped: list[str] = field(default_factory=list)
    output: str = ""  # pytest's own output, for when nothing could be parsed

    @property
    def passed(self):
        return self.tests > 0 and not self.problems and not self.skipped


def _pytest_env():
    env = dict(os.environ)
    # Each run gets its own database and broker folder (see mysite/settings_test.py).
    env.pop("DJANGO_VAR_DIR", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["COOKBOOK_TEST_DB_SUFFIX"] = uuid.uuid4().hex[:8]
    return env


def run_checks(exercises, root=ROOT):
    """Run the checks of `exercises` in one pytest process; map number -> CheckResult."""
    with tempfile.TemporaryDirectory(prefix="exercise-checks-") as tmp:
        junit = Path(tmp) / "junit.xml"
        command = [
            sys.executable, "-m", "pytest", "-q", "--no-header", "-p", "no:cacheprovider",
            "-o", "python_files=check_*.py", "-o", "junit_family=xunit1",
            f"--junitxml={junit}",
            *[exercise.checks for exercise in exercises],
        ]  # fmt: skip
        completed = subprocess.run(
            command, cwd=root, env=_pytest_env(), capture_output=True, text=True
        )
        results = {exercise.number: CheckResult() for exercise in exercises}
        by_file = {exercise.checks: exercise.number for exercise in exercises}
        if junit.exists():
            for case in ET.parse(junit).iter("testcase"):
                number = by_file.get(_case_file(case))
                if number is not None:
                    _record(results[number], case)
        for result in results.values():
            result.output = completed.stdout + completed.stderr
            if result.tests == 0 and not result.problems:
                result.problems.append("the checks did not run; pytest said:")
        return results


def _case_file(case):
    path = case.get("file")
    if path:
        return Path(path).as_posix()
    # A module that fails to import is reported with its dotted name only.
    dotted = case.get("classname") or case.get("name") or ""
    return dotted.replace(".", "/") + ".py"


def _record(result, case):
    result.tests += 1
    for tag in ("failure", "error"):
        element = case.find(tag)
        if element is not None:
            result.problems.append(f"{case.get('name')}: {_first_line(element)}")
    element = case.find("skipped")
    if element is not None:
        result.skipped.append(f"{case.get('name')}: {element.get('message', 'skipped')}")


def _first_line(element):
    message = (element.get("message") or element.text or "").strip()
    message = message.removeprefix("AssertionError: ")
    return message.splitlines()[0] if message else "failed"


@dataclass
class Verdict:
    exercise: object
    shipped: CheckResult
    solved: CheckResult

    @property
    def ok(self):
        # The checks must fail on the shipped code and pass once solved.
        return self.shipped.tests > 0 and not self.shipped.passed and self.solved.passed


def verify(exercises, jobs=None):
    """For each exercise, in a copy of the repository: run its checks, apply its
    solution, run them again."""
    jobs = jobs or min(len(exercises), os.cpu_count() or 1) or 1
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(_verify_one, exercises))


def _verify_one(exercise):
    with tempfile.TemporaryDirectory(prefix=f"exercise-{exercise.number}-") as tmp:
        copy = Path(tmp) / "repo"
        shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
        shipped = run_checks([exercise], root=copy)[exercise.number]
        shutil.copyfile(copy / exercise.solution, copy / exercise.file)
        solved = run_checks([exercise], root=copy)[exercise.number]
        return Verdict(exercise, shipped, solved)
