"""`exercises verify` proves the checks on the shipped files, whatever the
learner's working copy holds, and fails when a known wrong variant passes."""

import subprocess
import sys

import pytest

from exercises.manifest import get_exercise, load_manifest

from .sandbox import manage, manage_env

pytestmark = pytest.mark.slow  # `make test` runs `exercises verify` itself


def test_verify_uses_the_shipped_files_when_the_learner_solved_or_broke_them(sandbox):
    for exercise in load_manifest():  # the learner solved everything...
        (sandbox / exercise.file).write_text((sandbox / exercise.solution).read_text())
    (sandbox / get_exercise(2).file).write_text("def broken(:\n")  # ...and broke one
    verified = manage(sandbox, "exercises", "verify", "1", "2")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "shipped: fails" in verified.stdout
    assert "2 passed, 0 failed" in verified.stdout
    assert (sandbox / get_exercise(2).file).read_text() == "def broken(:\n"


def test_verify_fails_when_a_wrong_variant_passes_the_checks(sandbox):
    last = load_manifest()[-1]
    manifest = sandbox / "exercises" / "manifest.toml"
    # A "wrong" variant that is in fact the solution: the checks cannot catch it.
    with manifest.open("a") as toml:
        toml.write(f'\n[[exercise.wrong]]\nfile = "{last.solution}"\nwhy = "the solution"\n')
    verified = manage(sandbox, "exercises", "verify", str(last.number))
    assert verified.returncode == 1, verified.stdout + verified.stderr
    known = len(last.wrong)  # the manifest's own wrong variants still fail
    assert f"wrong: {known}/{known + 1} fail" in verified.stdout
    assert f"wrong {last.solution} (the solution) passes" in verified.stdout


def test_the_suite_passes_whatever_the_learners_files_hold(sandbox):
    for exercise in load_manifest():  # solved everything...
        (sandbox / exercise.file).write_text((sandbox / exercise.solution).read_text())
    (sandbox / get_exercise(1).file).write_text("def broken(:\n")  # ...and broke one
    suite = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not slow",
         "tests/exercises", "tests/signals_lab/test_inventory.py"],
        cwd=sandbox, env=manage_env(sandbox), capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert suite.returncode == 0, suite.stdout[-3000:] + suite.stderr[-2000:]
