"""`exercises verify` proves the checks on the shipped files, whatever the
learner's working copy holds, and fails when a known wrong variant passes."""

import subprocess

import pytest

from exercises.manifest import get_exercise, load_manifest
from tests.conftest import ROOT

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


# What a learner's files may hold midway: each of these, and every other file solved.
HALF_DONE = {
    1: b"def broken(:\n",  # a SyntaxError
    2: b"import not_installed_anywhere\n",  # an ImportError when loaded
    3: b"x  =  1  # " + b"a long line, and not formatted as ruff would " * 3 + b"\n",
    4: "# caf\u00e9, saved by an editor set to Latin-1\n".encode("latin-1"),
    5: b"from django.db.models.signals import post_save\n\n\n"
    b"def no_kwargs(sender, instance):\n    pass\n\n\npost_save.connect(no_kwargs)\n",
}


@pytest.mark.skipif(not (ROOT / ".venv").is_dir(), reason="runs make test with the .venv")
def test_make_test_passes_whatever_the_learners_files_hold(sandbox):
    for exercise in load_manifest():
        (sandbox / exercise.file).write_text((sandbox / exercise.solution).read_text())
    for number, content in HALF_DONE.items():
        (sandbox / get_exercise(number).file).write_bytes(content)
    (sandbox / ".venv").symlink_to(ROOT / ".venv")  # requirements.txt kept its mtime
    suite = subprocess.run(
        ["make", "--no-print-directory", "test"], cwd=sandbox, env=manage_env(sandbox),
        capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert suite.returncode == 0, suite.stdout[-4000:] + suite.stderr[-2000:]
    verified = f"{len(load_manifest())} passed, 0 failed"  # the shipped files, from git
    assert verified in suite.stdout, suite.stdout[-3000:]
