"""`exercises watch` re-checks as the learner saves: driven in a sandbox copy."""

import subprocess
import sys
import threading
import time

import pytest

from exercises.manifest import get_exercise

from .sandbox import manage_env


@pytest.mark.slow
def test_watch_rechecks_when_the_exercise_file_is_saved(sandbox):
    exercise = get_exercise(1)
    process = subprocess.Popen(
        [sys.executable, "manage.py", "exercises", "watch", "1"],
        cwd=sandbox,
        env=manage_env(sandbox, PYTHONUNBUFFERED="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = []
    reader = threading.Thread(target=lambda: output.extend(iter(process.stdout.readline, "")))
    reader.daemon = True
    reader.start()

    def wait_for(text, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in "".join(output):
                return
            time.sleep(0.1)
        raise AssertionError(f"watch never printed {text!r}:\n{''.join(output)}")

    try:
        wait_for("Watching")
        assert "not yet" in "".join(output)
        seen = len(output)
        time.sleep(1)
        assert len(output) == seen, "watch must stay quiet until a file is saved"
        solution = (sandbox / exercise.solution).read_text()
        (sandbox / exercise.file).write_text(solution)  # the learner saves
        wait_for("passes")
        after = "".join(output).rpartition("\033[2J")[2]
        assert "not yet" not in after, "the screen is cleared before each check"
    finally:
        process.terminate()
        process.wait(timeout=10)
