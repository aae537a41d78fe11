"""A verification worker: Django started once, then one check run per line.

Reads {"number": N, "source": "path"} lines on stdin; for each, puts `source`
in place of exercise N's file (in the copy it runs in), runs the checks and
writes the result as one JSON line on stdout. See exercises/verify.py.
"""

import contextlib
import json
import shutil
import sys
from pathlib import Path


def main():
    import django

    django.setup()
    from exercises.manifest import ROOT, get_exercise
    from exercises.runner import run_checks

    answers = sys.stdout
    for line in sys.stdin:
        job = json.loads(line)
        exercise = get_exercise(job["number"])
        shutil.copyfile(Path(ROOT) / job["source"], Path(ROOT) / exercise.file)
        with contextlib.redirect_stdout(sys.stderr):  # keep stdout for answers
            result = run_checks(exercise)
        answer = {**result.as_dict(), "passed": result.passed, "summary": result.summary}
        answers.write(json.dumps(answer) + "\n")
        answers.flush()


if __name__ == "__main__":
    main()
