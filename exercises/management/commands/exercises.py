"""The exercise runner: list, check, hint, watch, solution, verify."""

from django.core.management.base import BaseCommand, CommandError

from exercises.manifest import ROOT, get_exercise, load_manifest
from exercises.runner import run_checks, verify

PASS, FAIL = "✓", "✗"


class Command(BaseCommand):
    help = "Work through the exercises: list progress, check one, get a hint, watch files."
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action")
        sub.add_parser("list", help="every exercise with ✓/✗ and your progress (the default)")
        for name, text in [
            ("check", "run one exercise's checks"),
            ("hint", "show the hints for one exercise"),
            ("solution", "show the reference solution (spoiler!)"),
        ]:
            sub.add_parser(name, help=text).add_argument("number", type=int)
        watch = sub.add_parser("watch", help="re-check the current exercise on every save")
        watch.add_argument("number", type=int, nargs="?")
        verify = sub.add_parser("verify", help="prove each check fails as shipped, passes solved")
        verify.add_argument("numbers", type=int, nargs="*")

    def handle(self, *args, action=None, **options):
        action = action or "list"
        if action in {"check", "hint", "solution"}:
            exercise = self.exercise(options["number"])
            return getattr(self, f"{action}_one")(exercise)
        if action == "watch":
            return self.watch(options.get("number"))
        if action == "verify":
            return self.verify(options["numbers"])
        return self.list_all()

    def exercise(self, number):
        try:
            return get_exercise(number)
        except KeyError:
            numbers = ", ".join(str(e.number) for e in load_manifest())
            raise CommandError(f"There is no exercise {number}. Exercises: {numbers}.") from None

    def list_all(self):
        exercises = load_manifest()
        self.stdout.write("Checking every exercise (this takes a few seconds)…")
        results = run_checks(exercises)
        done = 0
        for exercise in exercises:
            passed = results[exercise.number].passed
            done += passed
            mark = self.style.SUCCESS(PASS) if passed else self.style.ERROR(FAIL)
            self.stdout.write(
                f"  {mark} {exercise.number:>2}. {exercise.title:<48} {exercise.file}"
            )
        self.stdout.write(f"\nProgress: {done}/{len(exercises)} exercises done.")
        upcoming = [e for e in exercises if not results[e.number].passed]
        if upcoming:
            number = upcoming[0].number
            self.stdout.write(
                f"Next: exercise {number}. `python manage.py exercises check {number}`, "
                f"or `exercises watch` to re-check as you save."
            )
        else:
            self.stdout.write(self.style.SUCCESS("All done. Well played!"))

    def check_one(self, exercise):
        result = run_checks([exercise])[exercise.number]
        if result.passed:
            message = f"{PASS} Exercise {exercise.label}: passes ({result.tests} checks)."
            self.stdout.write(self.style.SUCCESS(message))
            return
        self.stdout.write(self.style.ERROR(f"{FAIL} Exercise {exercise.label}: not yet."))
        self.stdout.write(f"  Edit: {exercise.file}")
        for line in result.problems + result.skipped:
            self.stdout.write(f"  - {line}")
        if result.tests == 0:
            self.stdout.write(_tail(result.output))
        self.stdout.write(f"  Stuck? python manage.py exercises hint {exercise.number}")
        raise SystemExit(1)

    def hint_one(self, exercise):
        self.stdout.write(f"Exercise {exercise.label} (edit {exercise.file})")
        for index, text in enumerate(exercise.hints, start=1):
            self.stdout.write(f"  Hint {index}: {text}")
        self.stdout.write(f"  The chapter: docs/{exercise.chapter}")

    def solution_one(self, exercise):
        self.stderr.write(
            self.style.WARNING(
                f"Spoiler: the reference solution to exercise {exercise.number}. "
                "Try the hints first!"
            )
        )
        self.stdout.write(f"# {exercise.solution} (copy it over {exercise.file})\n")
        self.stdout.write((ROOT / exercise.solution).read_text(encoding="utf-8"))

    def watch(self, number=None):
        from watchfiles import PythonFilter, watch

        exercises = load_manifest()
        current = self.exercise(number) if number else None
        while True:
            if current is None:
                results = run_checks(exercises)
                remaining = [e for e in exercises if not results[e.number].passed]
                if not remaining:
                    self.stdout.write(self.style.SUCCESS("All exercises pass. Well played!"))
                    return
                current = remaining[0]
            try:
                self.check_one(current)
                if number is None:
                    current = None  # move on to the next one that fails
                    continue
            except SystemExit:
                pass
            self.stdout.write(f"\nWatching for changes (exercise {current.number}). Ctrl-C stops.")
            try:
                next(iter(watch(ROOT, watch_filter=PythonFilter(ignore_paths=_IGNORED))))
            except KeyboardInterrupt:
                return

    def verify(self, numbers):
        exercises = [self.exercise(n) for n in numbers] if numbers else list(load_manifest())
        self.stdout.write(f"Verifying {len(exercises)} exercises in copies of the repository…")
        verdicts = verify(exercises)
        for verdict in verdicts:
            shipped = "fails" if not verdict.shipped.passed else "PASSES (it should fail)"
            solved = "passes" if verdict.solved.passed else "FAILS (it should pass)"
            mark = PASS if verdict.ok else FAIL
            label = verdict.exercise.label
            self.stdout.write(f"  {mark} {label:<51} shipped: {shipped}; solved: {solved}")
            if not verdict.ok:
                for line in verdict.solved.problems + verdict.solved.skipped:
                    self.stdout.write(f"      solved: {line}")
                if verdict.shipped.tests == 0 or verdict.solved.tests == 0:
                    self.stdout.write(_tail(verdict.solved.output or verdict.shipped.output))
        bad = [v for v in verdicts if not v.ok]
        if bad:
            raise CommandError(f"{len(bad)} exercise(s) are not verified.")
        self.stdout.write(self.style.SUCCESS(f"{len(verdicts)} passed, 0 failed"))


_IGNORED = [str(ROOT / name) for name in (".venv", ".git", "var", "site", ".pytest_cache")]


def _tail(text, lines=25):
    return "\n".join(text.strip().splitlines()[-lines:])
