"""A warm `manage.py run`: seconds from the command to the site's first page, beside a
bare `manage.py check` (the cost of starting Django at all), and beside the old
`make run` sequence (migrate, seed_demo, demo_logins, then runserver).

Target: the warm start within 2.5x a bare check. Measured side by side, alternating,
on a database migrated and seeded by a first (cold) run; the medians are printed.

Run:  make bench   (or .venv/bin/python bench/run_start.py); BENCH_RUNS=5 for more runs.
"""

import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def first_page(url, process, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"no page at {url} after {timeout}s")


def stop(process):
    process.send_signal(signal.SIGINT)  # Ctrl-C
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def time_server(argv, env, port, before=()):
    started = time.perf_counter()
    for command in before:
        subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    process = subprocess.Popen(
        argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        first_page(f"http://127.0.0.1:{port}/", process)
        return time.perf_counter() - started
    finally:
        stop(process)


def time_check(env):
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    return time.perf_counter() - started


def main():
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="bench-run-") as var_dir:
        env = {**os.environ, "DJANGO_VAR_DIR": var_dir, "PYTHONUNBUFFERED": "1"}
        env.pop("DJANGO_SETTINGS_MODULE", None)  # the real settings, as a learner runs them

        def run_command():
            port = free_port()
            argv = [python, "manage.py", "run", "--port", str(port)]
            return time_server([*argv, "--docs-port", str(free_port())], env, port)

        def old_sequence():
            port = free_port()
            before = [
                [python, "manage.py", "migrate", "--noinput", "-v0"],
                [python, "manage.py", "seed_demo", "-v0"],
                [python, "manage.py", "demo_logins"],
            ]
            argv = [python, "manage.py", "runserver", f"127.0.0.1:{port}"]
            return time_server(argv, env, port, before)

        cold = run_command()  # migrates and seeds
        checks, warm, old = [], [], []
        for _ in range(RUNS):
            checks.append(time_check(env))
            warm.append(run_command())
            old.append(old_sequence())
    check, run, sequence = (statistics.median(values) for values in (checks, warm, old))
    lines = [
        f"manage.py run, from start to first page (median of {RUNS})",
        f"  cold (migrate + seed):        {cold:6.2f} s",
        f"  warm:                         {run:6.2f} s",
        f"  bare manage.py check:         {check:6.2f} s",
        f"  old make run sequence, warm:  {sequence:6.2f} s",
        f"  warm run / check:             {run / check:6.2f}x   (target <= 2.5x)",
        f"  old sequence / check:         {sequence / check:6.2f}x",
    ]
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
