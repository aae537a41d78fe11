"""`exercises watch` re-checks as the learner saves: driven in a copy of the repository."""

import os
import shutil
import subprocess
import sys
import threading
import time

from exercises.manifest import ROOT, get_exercise
from exercises.runner import COPY_IGNORE


def test_watch_rechecks_when_the_exercise_file_is_saved(tmp_path):
    copy = tmp_path / "repo"
    shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
    exercise = get_exercise(1)
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_VAR_DIR"}}
    env.update(DJANGO_SETTINGS_MODULE="mysite.settings_test", PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        [sys.executable, "manage.py", "exercises", "watch", "1"],
        cwd=copy,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    reader.start()

    def wait_for(text, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(text in line for line in lines):
                return
            time.sleep(0.2)
        raise AssertionError(f"watch never printed {text!r}:\n{''.join(lines)}")

    try:
        wait_for("Watching for changes")
        assert any("not yet" in line for line in lines)
        shutil.copyfile(copy / exercise.solution, copy / exercise.file)  # the learner saves
        wait_for("passes")
    finally:
        process.terminate()
        process.wait(timeout=10)
