"""The exercise runner's speed, beside a bare `manage.py check` in the same run.

- `exercises check 1`: Django start + the checks in-process on a copied,
  already-migrated SQLite test database;
- `exercises` (the list): answers from recorded results, runs nothing;
- a fresh `pytest` process on one exercise's checks: what each check cost before;
- `exercises verify`: every exercise shipped, solved and each wrong variant, on
  two long-lived workers (BENCH_VERIFY=0 skips it).

Figures are medians of BENCH_REPEAT runs (default 3) and ratios to `check`.

Run:  make bench   (or .venv/bin/python bench/exercise_runner.py)
"""

import os
import statistics
import subprocess
import sys
import tempfile
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
