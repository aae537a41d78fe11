"""A broken exercise file fails only its own exercise, in one plain line."""

import sys
import textwrap

import pytest

from exercises.loading import LOAD_ERRORS, load_exercise
from exercises.manifest import Exercise, get_exercise

from .sandbox import manage

BROKEN = {
    "syntax": ("def log(sender, **kwargs)\n    pass\n", "SyntaxError on line 1: expected ':'"),
    "import": (
        "from polls.signals import no_such_signal\n",
        "ImportError on line 1: cannot import name 'no_such_signal'",
    ),
    "no kwargs": (
        textwrap.dedent("""\
            from django.dispatch import receiver
            from polls.signals import vote_cast


            @receiver(vote_cast)
            def log_vote(sender):
                pass
        """),
        "a receiver without **kwargs on line 5: add **kwargs to its arguments",
    ),
    "runtime": ("x = 1\nundefined_name\n", "NameError on line 2: name 'undefined_name'"),
}


@pytest.mark.parametrize("kind", BROKEN)
def test_load_exercise_turns_any_error_into_one_line(kind, tmp_path, monkeypatch, settings):
    settings.DEBUG = True  # Django checks receivers for **kwargs only when DEBUG is on
    source, expected = BROKEN[kind]
    name = "learner_" + kind.replace(" ", "_")  # a package of its own per case
    package = tmp_path / name
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "broken.py").write_text(source)
    monkeypatch.syspath_prepend(str(tmp_path))
    exercise = Exercise(1, "broken", "t", "polls/", f"{name}/broken.py", "c", "s", ())
    problem = load_exercise(exercise, fresh=True)
    assert problem.startswith(expected), problem
    assert "\n" not in problem
    assert f"{name}.broken" not in sys.modules


def test_a_fixed_file_is_read_again(tmp_path, monkeypatch):
    package = tmp_path / "learner_pkg2"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "done.py").write_text("VALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    exercise = Exercise(1, "done", "t", "polls/", "learner_pkg2/done.py", "c", "s", ())
    assert load_exercise(exercise, fresh=True) is None
    (package / "done.py").write_text("VALUE = 2\n")  # same size, same second
    assert load_exercise(exercise, fresh=True) is None
    assert sys.modules["learner_pkg2.done"].VALUE == 2
    sys.modules.pop("learner_pkg2.done")


def test_the_suite_never_imports_the_learners_files():
    assert LOAD_ERRORS == {}
    assert get_exercise(1).module not in sys.modules or not _has_receivers(get_exercise(1))


def _has_receivers(exercise):
    from polls.signals import vote_cast

    return any(
        getattr(ref() if callable(ref) else ref, "__module__", "") == exercise.module
        for _, ref, *_ in vote_cast.receivers
    )


@pytest.mark.slow
def test_broken_files_leave_the_site_and_other_exercises_working(sandbox):
    for number, (source, _) in enumerate(BROKEN.values(), start=1):
        (sandbox / get_exercise(number).file).write_text(source)

    checked = manage(sandbox, "check", DJANGO_SETTINGS_MODULE="mysite.settings")
    assert checked.returncode == 0, checked.stderr
    assert "exercise 1: SyntaxError on line 1: expected ':'" in checked.stderr

    listed = manage(sandbox, "exercises")
    assert listed.returncode == 0, listed.stderr
    for _, expected in BROKEN.values():
        assert expected in listed.stdout, listed.stdout

    one = manage(sandbox, "exercises", "check", "1")
    assert "exercise 1: SyntaxError on line 1: expected ':'" in one.stdout
    assert "Traceback" not in one.stdout + one.stderr

    home = manage(
        sandbox, "shell", "-c", HOME_PAGE,
        DJANGO_SETTINGS_MODULE="mysite.settings_test", EXERCISES_LOAD_LEARNER_FILES="1",
    )  # fmt: skip
    assert home.stdout.strip().endswith("200 Signals"), home.stdout + home.stderr


HOME_PAGE = """
from django.test.utils import setup_databases
from django.test import Client
setup_databases(0, False)
response = Client(HTTP_HOST="127.0.0.1").get("/")
print(response.status_code, "Signals" if b"Signals" in response.content else "")
"""
