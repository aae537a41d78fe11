"""The exercise files as shipped are lint-clean: `make lint` leaves the learner's
working copies out (they are theirs, in any state), so the shipped ones, read from
git, are checked here with the same ruff settings."""

import subprocess
import sys
from pathlib import Path

import pytest

from exercises.manifest import load_manifest
from exercises.verify import shipped_file
from tests.conftest import ROOT

RUFF = Path(sys.executable).with_name("ruff")


def ruff(*args, content):
    return subprocess.run(
        [str(RUFF), *args], cwd=ROOT, input=content, capture_output=True, timeout=60
    )


@pytest.mark.parametrize("exercise", load_manifest(), ids=lambda e: e.slug)
def test_the_shipped_exercise_file_is_lint_clean(exercise):
    content = shipped_file(exercise.file)
    checked = ruff("check", "--stdin-filename", exercise.file, "-", content=content)
    assert checked.returncode == 0, checked.stdout.decode() + checked.stderr.decode()
    formatted = ruff("format", "--check", "--stdin-filename", exercise.file, "-", content=content)
    assert formatted.returncode == 0, f"{exercise.file} is not formatted as ruff formats it"


def test_a_badly_formatted_file_fails_the_checks_above():
    # The checks read stdin: were ruff to skip it (an excluded path, say), they'd prove nothing.
    assert ruff(
        "check", "--stdin-filename", "exercises/x.py", "-", content=b"import os\n"
    ).returncode
    assert ruff(
        "format", "--check", "--stdin-filename", "exercises/x.py", "-", content=b"x  =  1\n"
    ).returncode
