"""What `make test` costs on this machine, and where the time goes.

Runs one after the other, in this checkout:

- `make lint` (ruff), which `make test` runs first;
- `exercises verify` alone;
- the pytest suite alone, as `make test` runs it (pytest-xdist, one process more
  than cores, tests/scheduling.py), with its ten slowest tests;
- `make test` whole (the suite with `exercises verify` beside it);
- `make test` with one process per core, the setting before this one, for the ratio.

Each gets its wall time and the CPU time the whole machine spent meanwhile (from
/proc/stat, so Chromium's, the Celery workers' and gunicorn's processes count;
time stolen by a busy host is left out and printed apart). Elsewhere than Linux
the CPU column is empty. Run it on an idle machine: the aim is `make test` in at
most 120 s on 2 cores.

Run:  make bench   (BENCH_MAKE_TEST=0 skips it: it takes about five minutes)
"""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").is_dir() else sys.executable
CORES = os.cpu_count() or 1


def machine_times():
    """(busy, stolen) CPU seconds of the whole machine so far, or None."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    except (OSError, ValueError):
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    idle, stolen = fields[3] + fields[4], fields[7] if len(fields) > 7 else 0
    return (sum(fields) - idle - stolen) / ticks, stolen / ticks


def measure(name, command, **env):
    before, start = machine_times(), time.perf_counter()
    result = subprocess.run(
        command, cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True
    )
    wall, after = time.perf_counter() - start, machine_times()
    cpu = stolen = None
    if before and after:
        cpu, stolen = after[0] - before[0], after[1] - before[1]
    if result.returncode:
        sys.stdout.write(f"  {name}: FAILED (exit {result.returncode})\n{result.stdout[-2000:]}")
    return {"name": name, "wall": wall, "cpu": cpu, "stolen": stolen, "output": result.stdout}


def slowest(output, count=10):
    lines = re.findall(r"^(\d+\.\d+)s (call|setup|teardown)\s+(\S+)", output, re.M)
    return sorted(((float(s), when, test) for s, when, test in lines), reverse=True)[:count]


def main():
    if os.environ.get("BENCH_MAKE_TEST", "1") == "0":
        sys.stdout.write("make test: skipped (BENCH_MAKE_TEST=0)\n")
        return
    suite = [PY, "-m", "pytest", "-q", "-n", str(CORES + 1), "--dist", "loadgroup"]
    rows = [
        measure("make lint (ruff)", ["make", "--no-print-directory", "lint"]),
        measure("exercises verify, alone", [PY, "manage.py", "exercises", "verify"]),
        measure(f"pytest -n {CORES + 1}, alone", [*suite, "--durations=10"]),
        measure(f"make test (-n {CORES + 1})", ["make", "test"]),
        measure(
            f"make test (-n {CORES}, one per core)", ["make", "test"], TEST_PROCESSES=str(CORES)
        ),
    ]
    out = sys.stdout.write
    out(f"make test and its parts, {CORES} CPUs (aim: make test at most 120 s on 2)\n")
    for row in rows:
        cpu = f"{row['cpu']:6.1f} CPU-s" if row["cpu"] is not None else "     n/a"
        stolen = f"  ({row['stolen']:.1f} s stolen by the host)" if row["stolen"] else ""
        out(f"  {row['name']:<34} {row['wall']:6.1f} s  {cpu}{stolen}\n")
    ours, per_core = rows[3]["wall"], rows[4]["wall"]
    out(f"  one process more than cores: {ours / per_core:.2f}x the time of one per core\n")
    out("  slowest tests of the suite alone:\n")
    for seconds, when, test in slowest(rows[2]["output"]):
        out(f"    {seconds:5.1f} s  {when:<8} {test}\n")


if __name__ == "__main__":
    main()
