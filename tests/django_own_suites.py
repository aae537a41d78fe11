"""Run Django's own tests of dispatch and transactions, plain and instrumented.

The "Signals sent" instrumentation patches ``Signal`` and the on_commit
machinery. Its promise is that dispatch behaves exactly as Django's own, so
Django's own tests must give the same results with the patch installed (and
recording every send) as without it.

Caveats first: it needs the Django source distribution of the installed version
(its ``tests/`` folder is not in the wheel). It downloads it from PyPI once into
``var/django-sdist/``; with no network and no copy there, it says so and fails.

Run:  .venv/bin/python tests/django_own_suites.py     (CI runs it)
"""

import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
LABELS = ("signals", "dispatch", "transaction_hooks", "transactions")
SUMMARY = re.compile(r"^(?:(Ran \d+ tests?) in .*|(OK.*|FAILED.*))$", re.MULTILINE)

# Installs the patch in record-everything mode, then hands over to runtests.py.
INSTRUMENTED = f"""
import runpy, sys
sys.path.insert(0, {str(ROOT)!r})
from signals_lab import instrument
instrument.install(record_everything=True)
sys.argv = ["runtests.py", *sys.argv[1:]]
runpy.run_path("runtests.py", run_name="__main__")
recorder = instrument.everything()
sys.stderr.write(f"instrumented: {{len(recorder.sends)}} sends kept in the rolling record\\n")
"""


def say(line):
    sys.stdout.write(line + "\n")


def django_tests_folder():
    version = django.get_version()
    folder = ROOT / "var" / "django-sdist"
    source = folder / f"django-{version}"
    if (source / "tests" / "runtests.py").exists():
        return source / "tests"
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
         "--no-binary", ":all:", f"Django=={version}", "-d", str(folder)],
        check=True,
    )  # fmt: skip
    archive = next(folder.glob(f"[dD]jango-{version}.tar.gz"))
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    return source / "tests"


def run(tests, instrumented):
    code = ["-c", INSTRUMENTED] if instrumented else ["runtests.py"]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    completed = subprocess.run(
        [sys.executable, *code, *LABELS, "--parallel=1"],
        cwd=tests, env=env, capture_output=True, text=True,
    )  # fmt: skip
    output = completed.stdout + completed.stderr
    summary = [ran or verdict for ran, verdict in SUMMARY.findall(output)]
    return completed.returncode, summary, output


def main():
    tests = django_tests_folder()
    plain_code, plain, plain_output = run(tests, instrumented=False)
    traced_code, traced, traced_output = run(tests, instrumented=True)
    say(f"Django {django.get_version()}: {', '.join(LABELS)}")
    say(f"  plain:        exit {plain_code}, {' / '.join(plain)}")
    say(f"  instrumented: exit {traced_code}, {' / '.join(traced)}")
    recorded = re.search(r"^instrumented: (\d+) sends", traced_output, re.MULTILINE)
    say(f"  sends kept in the instrumented run's rolling record: {recorded and recorded[1]}")
    if plain_code or traced_code or plain != traced or len(plain) < 2 or not recorded:
        say(plain_output[-3000:] + "\n" + traced_output[-3000:])
        say("FAILED: the instrumented run differs from the plain one")
        return 1
    say("same results with and without the instrumentation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
