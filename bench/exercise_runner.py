"""The exercise runner's speed, beside a bare `manage.py check` in the same run.

- `exercises check 1`: Django start + the checks in-process on a copied,
  already-migrated SQLite test database;
- `exercises` (the list): answers from recorded results, runs nothing;
- `exercises watch`: from a save of the exercise file to its new result on the
  screen (in a copy of the repository, so the learner's file is left alone);
- a fresh `pytest` process on one exercise's checks: what each check cost before;
- `exercises verify`: every exercise shipped, solved and each wrong variant, on
  two long-lived workers (BENCH_VERIFY=0 skips it).

Figures are medians of BENCH_REPEAT runs (default 3) and ratios to `check`.

Run:  make bench   (or .venv/bin/python bench/exercise_runner.py)
"""

import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))


def seconds(*command, env):
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False)
    return time.perf_counter() - start


def median(*command, env):
    return statistics.median(seconds(*command, env=env) for _ in range(REPEAT))


def watch_latency(exercise, env):
    """Median seconds from saving the exercise file to watch printing its new result."""
    from exercises.verify import _prepare_tree

    with tempfile.TemporaryDirectory(prefix="bench-watch-") as folder:
        tree = _prepare_tree([exercise], Path(folder) / "tree")
        learner_file = tree / exercise.file
        versions = [(tree / exercise.solution).read_text(), learner_file.read_text()]
        watcher = subprocess.Popen(
            [sys.executable, "manage.py", "exercises", "watch", str(exercise.number)],
            cwd=tree, env={**env, "PYTHONUNBUFFERED": "1"}, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        lines = queue.Queue()
        threading.Thread(
            target=lambda: [lines.put(x) for x in watcher.stdout], daemon=True
        ).start()

        def wait_for(text):
            while text not in lines.get(timeout=120):
                pass

        try:
            wait_for("Watching")
            times = []
            for round_ in range(REPEAT * 2):  # solved, then shipped again, and so on
                time.sleep(0.5)  # apart from the last save, as a person's are
                start = time.perf_counter()
                learner_file.write_text(versions[round_ % 2])
                wait_for("passes" if round_ % 2 == 0 else "not yet")
                times.append(time.perf_counter() - start)
                wait_for("Watching")
            return statistics.median(times)
        finally:
            watcher.terminate()
            watcher.wait(timeout=10)


def main():
    from exercises.manifest import load_manifest

    first = load_manifest()[0]
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="bench-exercises-") as state:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_VAR")}
        env["EXERCISES_STATE_DIR"] = state  # leave the learner's own progress alone
        env["EXERCISES_DB_DIR"] = str(ROOT / "var" / "exercises")
        seconds(python, "manage.py", "exercises", "check", "1", env=env)  # warm the template
        rows = [
            ("manage.py check", median(python, "manage.py", "check", env=env)),
            ("exercises check 1", median(python, "manage.py", "exercises", "check", "1", env=env)),
            ("exercises (list)", median(python, "manage.py", "exercises", env=env)),
            (
                "fresh pytest on one exercise's checks",
                median(
                    python,
                    "-m",
                    "pytest",
                    "-q",
                    "-p",
                    "no:cacheprovider",
                    "-o",
                    "python_files=check_*.py",
                    first.checks,
                    env=env,
                ),
            ),  # fmt: skip
        ]
        rows.append(("watch: a save to its result", watch_latency(first, env)))
        if os.environ.get("BENCH_VERIFY", "1") != "0":
            rows.append(("exercises verify (all)", seconds(python, "manage.py", "exercises",
                                                           "verify", env=env)))  # fmt: skip
    base = rows[0][1]
    out = sys.stdout.write
    out(f"Exercise runner (median of {REPEAT}; verify once), {os.cpu_count()} CPUs\n")
    for name, value in rows:
        out(f"  {name:<40} {value:7.2f} s  {value / base:5.2f}x check\n")


if __name__ == "__main__":
    main()
