"""The exercise runner and the manifest it reads."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from exercises.manifest import ROOT, get_exercise, load_manifest
from exercises.runner import CheckResult, Verdict, run_checks

EXERCISES = load_manifest()


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("exercises", *args, stdout=out, stderr=err)
    except SystemExit as exit:
        return exit.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_numbers_run_from_one_without_gaps():
    assert [e.number for e in EXERCISES] == list(range(1, len(EXERCISES) + 1))


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: f"ex{e.number}")
def test_each_exercise_is_complete(exercise):
    learner, solution = ROOT / exercise.file, ROOT / exercise.solution
    checks = ROOT / exercise.checks
    assert learner.exists() and solution.exists() and checks.exists()
    assert Path(exercise.checks).name.startswith("check_"), "checks must not run in make test"
    assert learner.read_text() != solution.read_text()
    assert "[start:solution]" in solution.read_text(), "mark the solution section for the docs"
    assert len(exercise.hints) >= 2, "give at least two hints, from a nudge to nearly the answer"


def test_hint_prints_every_hint_and_the_file():
    code, out, _ = run("hint", "1")
    exercise = get_exercise(1)
    assert code == 0
    assert exercise.file in out
    for hint in exercise.hints:
        assert hint in out


def test_solution_warns_of_spoilers_and_prints_the_file():
    code, out, err = run("solution", "2")
    assert "Spoiler" in err
    assert (ROOT / get_exercise(2).solution).read_text() in out


def test_an_unknown_number_is_a_clear_error():
    with pytest.raises(CommandError, match="There is no exercise 999"):
        run("check", "999")


def test_check_explains_what_is_still_wrong():
    number = next(e.number for e in EXERCISES if e.slug == "log_votes")
    code, out, _ = run("check", str(number))
    assert code == 1
    assert "not yet" in out
    assert "No log record on the 'polls.activity' logger" in out
    assert f"exercises hint {number}" in out


def test_run_checks_reads_each_exercise_result_apart():
    results = run_checks(EXERCISES[:2])
    assert set(results) == {1, 2}
    for result in results.values():
        assert result.tests > 0 and not result.passed and result.problems


def test_a_verdict_needs_failure_before_and_success_after():
    failing = CheckResult(tests=2, problems=["x: not yet"])
    passing = CheckResult(tests=2)
    exercise = EXERCISES[0]
    assert Verdict(exercise, shipped=failing, solved=passing).ok
    assert not Verdict(exercise, shipped=passing, solved=passing).ok  # cannot fail
    assert not Verdict(exercise, shipped=failing, solved=failing).ok  # solution broken
    skipped = CheckResult(tests=2, skipped=["needs PostgreSQL"])
    assert not Verdict(exercise, shipped=failing, solved=skipped).ok  # proves nothing
