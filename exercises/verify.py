"""`exercises verify`: every check fails as shipped and for each known wrong
variant, and passes with the reference solution.

The learner's working copy never counts: the runs happen in a copy of the
repository whose exercise files are the shipped ones, read from git. Two
worker processes (exercises/worker.py) each start Django once and take runs
from a queue, instead of a fresh Python and Django start per run.
"""

import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .manifest import ROOT
from .state import database_dir

RUN_TIMEOUT = float(os.environ.get("EXERCISES_RUN_TIMEOUT", "300"))  # seconds per run
COPY_IGNORE = shutil.ignore_patterns(
    ".venv*", ".git", "var", "site", "media", "__pycache__", ".pytest_cache", ".ruff_cache"
)


@dataclass
class Run:
    exercise: object
    kind: str  # "shipped", "solved" or "wrong"
    source: str  # the file put in place of exercise.file, relative to the root
    why: str = ""
    result: dict = field(default_factory=dict)

    @property
    def passed(self):
        return bool(self.result.get("passed"))


@dataclass
class Verdict:
    exercise: object
    runs: list

    @property
    def ok(self):
        # Each run must have run checks, and only the solution may pass them.
        return all(
            run.result.get("tests", 0) > 0 and run.passed == (run.kind == "solved")
            for run in self.runs
        )

    def describe(self):
        shipped = [r for r in self.runs if r.kind == "shipped"]
        wrong = [r for r in self.runs if r.kind == "wrong"]
        solved = [r for r in self.runs if r.kind == "solved"]
        caught = sum(not r.passed for r in wrong)
        return (
            f"shipped: {'fails' if not any(r.passed for r in shipped) else 'PASSES'}; "
            f"wrong: {caught}/{len(wrong)} fail; "
            f"solved: {'passes' if all(r.passed for r in solved) else 'FAILS'}"
        )

    def details(self):
        for run in self.runs:
            if run.result.get("tests", 0) == 0:
                yield f"{run.kind} ({run.source}) ran no checks: {run.result.get('summary')}"
            elif run.passed != (run.kind == "solved"):
                verb = "passes" if run.passed else "fails"
                why = f" ({run.why})" if run.why else ""
                yield f"{run.kind} {run.source}{why} {verb}: {run.result.get('summary')}"


def shipped_file(path, root=ROOT):
    """The content of `path` as shipped: committed to git, whatever the learner has made
    of it since. The working copy's only where git has none (an exercise being
    written, not committed yet)."""
    shown = subprocess.run(["git", "show", f"HEAD:{path}"], cwd=root, capture_output=True)
    return shown.stdout if shown.returncode == 0 else (Path(root) / path).read_bytes()


def verify(exercises, jobs=2):
    runs = []
    for exercise in exercises:
        runs.append(Run(exercise, "shipped", f".shipped/{exercise.file}"))
        runs += [Run(exercise, "wrong", w.file, w.why) for w in exercise.wrong]
        runs.append(Run(exercise, "solved", exercise.solution))
    with tempfile.TemporaryDirectory(prefix="exercise-verify-") as tmp:
        trees = [_prepare_tree(exercises, Path(tmp) / f"tree{i}") for i in range(jobs)]
        todo = queue.Queue()
        for run in runs:
            todo.put(run)
        threads = [threading.Thread(target=_work, args=(tree, todo)) for tree in trees]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return [Verdict(e, [r for r in runs if r.exercise is e]) for e in exercises]


def _prepare_tree(exercises, tree):
    """A copy of the repository with each exercise file as git ships it."""
    shutil.copytree(ROOT, tree, ignore=COPY_IGNORE)
    for exercise in exercises:
        content = shipped_file(exercise.file)
        for place in (tree / exercise.file, tree / ".shipped" / exercise.file):
            place.parent.mkdir(parents=True, exist_ok=True)
            place.write_bytes(content)
    return tree


def _work(tree, todo):
    worker = _start_worker(tree)
    try:
        while True:
            try:
                run = todo.get_nowait()
            except queue.Empty:
                break
            job = {"number": run.exercise.number, "source": run.source}
            # A run that never ends (a receiver that loops) is stopped.
            watchdog = threading.Timer(RUN_TIMEOUT, worker.kill)
            watchdog.start()
            try:
                worker.stdin.write(json.dumps(job) + "\n")
                worker.stdin.flush()
                line = worker.stdout.readline()
            except BrokenPipeError:
                line = ""
            finally:
                watchdog.cancel()
            if line:
                run.result = json.loads(line)
            else:  # the run killed the worker (os._exit, say): a new one goes on
                run.result = {"summary": "the checks' process died or hung"}
                worker.wait()
                worker = _start_worker(tree)
    finally:
        worker.stdin.close()
        worker.wait()


def _start_worker(tree):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_VAR_DIR"}
    env.update(
        DJANGO_SETTINGS_MODULE="mysite.settings_test",
        EXERCISES_DB_DIR=str(database_dir()),
        PYTHONDONTWRITEBYTECODE="1",
    )
    return subprocess.Popen(
        [sys.executable, "-m", "exercises.worker"],
        cwd=tree, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
