"""The exercise runner: list, check, hint, watch, solution, reset, verify."""

import subprocess
import sys

from django.core.management.base import BaseCommand, CommandError

from exercises import state
from exercises.loading import load_all
from exercises.manifest import ROOT, get_exercise, load_manifest

PASS, FAIL, UNKNOWN = "✓", "✗", "·"


class Command(BaseCommand):
    help = "Work through the exercises: list progress, check one, get a hint, watch files."
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action")
        sub.add_parser("list", help="every exercise with ✓/✗ and your progress (the default)")
        for name, text in [
            ("check", "run an exercise's checks (the current one by default)"),
            ("hint", "show the next hint (the current exercise by default)"),
            ("solution", "show the reference solution (spoiler!)"),
        ]:
            action = sub.add_parser(name, help=text)
            action.add_argument("number", type=int, nargs="?")
            if name == "hint":
                action.add_argument("--all", action="store_true", help="every hint at once")
        reset = sub.add_parser("reset", help="put back the exercise file as shipped")
        reset.add_argument("number", type=int)
        reset.add_argument("--yes", action="store_true", help="do not ask first")
        watch = sub.add_parser("watch", help="re-check the current exercise on every save")
        watch.add_argument("number", type=int, nargs="?")
        verify = sub.add_parser(
            "verify", help="prove each check fails as shipped and for each wrong variant, "
            "and passes solved"
        )  # fmt: skip
        verify.add_argument("numbers", type=int, nargs="*")

    def handle(self, *args, action=None, **options):
        action = action or "list"
        if action in {"check", "hint", "solution"}:
            exercise = self.exercise(options["number"])
            return getattr(self, f"{action}_one")(exercise, **options)
        if action == "reset":
            return self.reset(self.exercise(options["number"]), options["yes"])
        if action == "watch":
            from exercises.watch import watch

            return watch(self, options.get("number"))
        if action == "verify":
            return self.verify(options["numbers"])
        return self.list_all()

    def exercise(self, number):
        if number is None:
            return self.current()
        try:
            return get_exercise(number)
        except KeyError:
            count = len(load_manifest())
            message = f"There is no exercise {number}. Exercises: 1 to {count}."
            raise CommandError(message) from None

    def current(self):
        """The first exercise not recorded as passing."""
        for exercise in load_manifest():
            recorded = state.recorded_result(exercise)
            if not (recorded and recorded["passed"]):
                return exercise
        return load_manifest()[-1]

    def list_all(self, **options):
        exercises = load_manifest()
        errors = load_all(exercises)
        done = 0
        for exercise in exercises:
            recorded = state.recorded_result(exercise)
            if exercise.number in errors:
                mark, note = self.style.ERROR(FAIL), errors[exercise.number]
            elif recorded is None:
                mark, note = UNKNOWN, "not checked since the last change"
            else:
                passed = recorded["passed"]
                done += passed
                mark = self.style.SUCCESS(PASS) if passed else self.style.ERROR(FAIL)
                note = "" if passed else recorded["summary"]
            self.stdout.write(f"  {mark} {exercise.number:>2}. {exercise.title:<50} {note}"[:140])
        self.stdout.write(f"\nProgress: {done}/{len(exercises)} exercises done.")
        upcoming = self.current()
        if done < len(exercises):
            self.stdout.write(
                f"Next: exercise {upcoming.number} ({upcoming.file}). "
                "`python manage.py exercises check`, or `exercises watch` to re-check on save."
            )
        else:
            self.stdout.write(self.style.SUCCESS("All done. Well played!"))

    def check_one(self, exercise, **options):
        if not self.report(exercise):
            raise SystemExit(1)

    def report(self, exercise):
        """Check `exercise`, record and print the result; True if it passes."""
        from exercises.runner import run_checks

        digest = state.files_hash(exercise)  # before: the learner may save meanwhile
        result = run_checks(exercise)
        state.record_result(exercise, result, digest)
        if result.passed:
            message = f"{PASS} Exercise {exercise.label}: passes ({result.tests} checks)."
            self.stdout.write(self.style.SUCCESS(message))
            return True
        self.stdout.write(self.style.ERROR(f"{FAIL} Exercise {exercise.label}: not yet."))
        self.stdout.write(f"  Edit: {exercise.file}")
        if result.load_error:
            self.stdout.write(f"  {result.load_error}")
        for line in result.problems + result.skipped:
            self.stdout.write(f"  - {line}")
        if result.tests == 0 and not result.load_error:
            self.stdout.write(_tail(result.output))
        self.stdout.write(f"  Stuck? python manage.py exercises hint {exercise.number}")
        return False

    def hint_one(self, exercise, all=False, **options):
        count = len(exercise.hints) if all else state.next_hint(exercise)
        self.stdout.write(f"Exercise {exercise.label} (edit {exercise.file})")
        for index, text in enumerate(exercise.hints[:count], start=1):
            self.stdout.write(f"  Hint {index}: {text}")
        if count < len(exercise.hints):
            left = len(exercise.hints) - count
            self.stdout.write(f"  ({left} more: run `exercises hint {exercise.number}` again)")
        self.stdout.write(f"  The chapter: {chapter_url(exercise)}")

    def solution_one(self, exercise, **options):
        self.stderr.write(
            self.style.WARNING(
                f"Spoiler: the reference solution to exercise {exercise.number}. "
                "Try the hints first!"
            )
        )
        self.stdout.write(f"# {exercise.solution} (copy it over {exercise.file})\n")
        self.stdout.write((ROOT / exercise.solution).read_text(encoding="utf-8"))

    def reset(self, exercise, yes=False):
        shipped = subprocess.run(
            ["git", "show", f"HEAD:{exercise.file}"], cwd=ROOT, capture_output=True
        )
        if shipped.returncode != 0:
            raise CommandError(f"git has no shipped {exercise.file}: {shipped.stderr.decode()}")
        if not yes:
            question = f"Put back {exercise.file} as shipped? Your changes are lost. [y/N] "
            self.stdout.write(question, ending="")
            self.stdout.flush()
            answer = sys.stdin.readline().strip().lower()
            if answer not in {"y", "yes"}:
                self.stdout.write("Left as it is.")
                return
        (ROOT / exercise.file).write_bytes(shipped.stdout)
        self.stdout.write(f"{exercise.file} is back as shipped.")

    def verify(self, numbers):
        from exercises.verify import verify

        exercises = [self.exercise(n) for n in numbers] if numbers else list(load_manifest())
        runs = sum(2 + len(e.wrong) for e in exercises)
        self.stdout.write(
            f"Verifying {len(exercises)} exercises ({runs} runs) on the shipped files…"
        )
        verdicts = verify(exercises)
        for verdict in verdicts:
            mark = PASS if verdict.ok else FAIL
            self.stdout.write(f"  {mark} {verdict.exercise.label:<51} {verdict.describe()}")
            for line in verdict.details():
                self.stdout.write(f"      {line}")
        bad = [v for v in verdicts if not v.ok]
        if bad:
            raise CommandError(f"{len(bad)} exercise(s) are not verified.")
        self.stdout.write(self.style.SUCCESS(f"{len(verdicts)} passed, 0 failed"))


def chapter_url(exercise):
    from django.conf import settings

    return settings.DOCS_URL.rstrip("/") + "/" + exercise.chapter.lstrip("/")


def _tail(text, lines=25):
    return "\n".join(text.strip().splitlines()[-lines:])
