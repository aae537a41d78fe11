"""The exercise runner and the manifest it reads.

Commands that run checks start in a sandbox copy (tests/exercises/sandbox.py):
checks run pytest inside their own process, which cannot nest in this one.
"""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from exercises.manifest import ROOT, get_exercise, load_manifest, parse_manifest
from exercises.verify import Run, Verdict

from .sandbox import manage

EXERCISES = load_manifest()


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("exercises", *args, stdout=out, stderr=err)
    except SystemExit as exit:
        return exit.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def _own_state(tmp_path, monkeypatch):
    monkeypatch.setenv("EXERCISES_STATE_DIR", str(tmp_path / "state"))


OLD = """
[[exercise]]
number = 7
title = "Old style"
chapter = "polls/"
file = "exercises/ex01_log_votes.py"
checks = "tests/exercises/check_ex01_log_votes.py"
solution = "exercises/solutions/ex01_log_votes.py"
hints = ["a", "b"]
"""
NEW = """
[[exercise]]
slug = "log_votes"
title = "New style"
chapter = "polls/"
file = "exercises/log_votes.py"
checks = "tests/exercises/check_log_votes.py"
solution = "exercises/solutions/log_votes.py"
hints = ["a", "b"]

[[exercise.wrong]]
file = "tests/exercises/wrong/log_votes__print.py"
why = "prints instead of logging"
"""


def test_both_manifest_formats_load_and_numbers_are_positions():
    old, new = parse_manifest(OLD + NEW)
    assert (old.number, old.slug, old.wrong) == (1, "log_votes", ())
    assert (new.number, new.slug, new.module) == (2, "log_votes", "exercises.log_votes")
    assert [(w.file, w.why) for w in new.wrong] == [
        ("tests/exercises/wrong/log_votes__print.py", "prints instead of logging")
    ]


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.slug)
def test_each_exercise_is_complete(exercise):
    learner, solution = ROOT / exercise.file, ROOT / exercise.solution
    assert (ROOT / exercise.checks).exists() and solution.exists() and learner.exists()
    assert Path(exercise.checks).name.startswith("check_"), "checks must not run in make test"
    assert "[start:solution]" in solution.read_text(), "mark the solution section for the docs"
    assert len(exercise.hints) >= 2, "give at least two hints, from a nudge to nearly the answer"
    for wrong in exercise.wrong:
        assert (ROOT / wrong.file).exists() and wrong.why, wrong


def test_hints_come_one_at_a_time_then_all():
    exercise = get_exercise(1)
    _, first, _ = run("hint", "1")
    assert exercise.hints[0] in first and exercise.hints[1] not in first
    assert "more: run `exercises hint 1` again" in first
    _, second, _ = run("hint", "1")
    assert exercise.hints[1] in second
    _, every, _ = run("hint", "1", "--all")
    assert all(hint in every for hint in exercise.hints)


def test_hint_gives_the_chapter_as_a_url(settings):
    settings.DOCS_URL = "http://docs.example:9000/"
    _, out, _ = run("hint", "1")
    assert f"The chapter: http://docs.example:9000/{get_exercise(1).chapter}" in out


def test_hint_defaults_to_the_first_exercise_not_passing():
    _, out, _ = run("hint")
    assert f"Exercise {get_exercise(1).label}" in out


def test_solution_warns_of_spoilers_and_prints_the_file():
    code, out, err = run("solution", "2")
    assert "Spoiler" in err
    assert (ROOT / get_exercise(2).solution).read_text() in out


def test_an_unknown_number_is_a_clear_error():
    with pytest.raises(CommandError, match="There is no exercise 999"):
        run("check", "999")


def test_a_verdict_needs_every_run_to_fail_but_the_solution():
    exercise = EXERCISES[0]

    def verdict(shipped, wrong, solved):
        runs = [Run(exercise, "shipped", "s"), Run(exercise, "wrong", "w"),
                Run(exercise, "solved", "x")]  # fmt: skip
        for run_, passed in zip(runs, (shipped, wrong, solved), strict=True):
            run_.result = {"tests": 2, "passed": passed, "summary": "."}
        return Verdict(exercise, runs)

    assert verdict(False, False, True).ok
    assert not verdict(True, False, True).ok  # cannot fail
    assert not verdict(False, True, True).ok  # accepts a wrong solution
    assert not verdict(False, False, False).ok  # solution broken


# --- in a sandbox: the learner's loop ------------------------------------------


@pytest.mark.slow
def test_check_explains_records_and_the_list_answers_from_the_record(sandbox):
    exercise = get_exercise(1)
    checked = manage(sandbox, "exercises", "check")  # the current one: the first
    assert checked.returncode == 1, checked.stderr
    assert f"{exercise.label}: not yet" in checked.stdout
    assert "exercises hint 1" in checked.stdout

    votes = next(e for e in EXERCISES if e.slug == "log_votes")
    checked = manage(sandbox, "exercises", "check", str(votes.number))
    assert "No log record on the 'polls.activity' logger" in checked.stdout

    (sandbox / exercise.file).write_text((sandbox / exercise.solution).read_text())
    solved = manage(sandbox, "exercises", "check", "1")
    assert solved.returncode == 0, solved.stdout + solved.stderr
    assert "passes" in solved.stdout

    listed = manage(sandbox, "exercises")
    lines = listed.stdout.splitlines()
    assert any(line.strip().startswith("✓  1.") for line in lines), listed.stdout
    assert any(line.strip().startswith("·  2.") for line in lines), listed.stdout
    assert "Progress: 1/" in listed.stdout
    assert f"Next: exercise 2 ({get_exercise(2).file})" in listed.stdout

    (sandbox / exercise.file).write_text("# started again\n")
    relisted = manage(sandbox, "exercises")
    assert any(line.strip().startswith("·  1.") for line in relisted.stdout.splitlines())


def test_reset_asks_first_then_restores_the_shipped_file(sandbox):
    exercise = get_exercise(1)
    shipped = (sandbox / exercise.file).read_text()
    (sandbox / exercise.file).write_text("# my work\n")
    declined = manage(sandbox, "exercises", "reset", "1", stdin="n\n")
    assert "[y/N]" in declined.stdout and "Left as it is" in declined.stdout
    assert (sandbox / exercise.file).read_text() == "# my work\n"
    manage(sandbox, "exercises", "reset", "1", stdin="y\n")
    assert (sandbox / exercise.file).read_text() == shipped
    (sandbox / exercise.file).write_text("# my work\n")
    manage(sandbox, "exercises", "reset", "1", "--yes")
    assert (sandbox / exercise.file).read_text() == shipped
