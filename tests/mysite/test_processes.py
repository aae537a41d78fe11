"""The supervisor behind `manage.py run` starts every child and stops them all."""

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from mysite.processes import Supervisor
from tests.conftest import wait_until

# A child that starts a grandchild, as runserver's autoreloader does, and records both.
# "ready" goes out before the pid file: once the test sees the file, the whole line is
# in the pipe. (The other way round, a stop could land mid-print: with PYTHONUNBUFFERED
# each part of a print is a write of its own, and the log got "docs" without "ready".)
PARENT = textwrap.dedent(
    """
    import subprocess, sys, time
    from pathlib import Path
    folder = Path(sys.argv[1])
    grandchild = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    print(sys.argv[2], "ready", flush=True)
    (folder / (sys.argv[2] + ".pids")).write_text(f"{grandchild.pid}")
    time.sleep(600)
    """
)

pytestmark = pytest.mark.skipif(os.name == "nt", reason="checks pids the POSIX way")


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has exited; only its parent has not collected it yet.
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return os.path.exists(f"/proc/{pid}") or sys.platform != "linux"


def commands(folder, names):
    return {name: [sys.executable, "-c", PARENT, str(folder), name] for name in names}


def grandchildren(folder, names):
    def written(name):  # created and written: write_text does one, then the other
        path = folder / f"{name}.pids"
        return path.exists() and path.read_text().strip()

    wait_until(lambda: all(written(n) for n in names), message="children")
    return [int((folder / f"{n}.pids").read_text()) for n in names]


def test_stop_ends_every_child_and_what_it_started(tmp_path):
    names = ["web", "worker", "beat", "docs"]
    output = tmp_path / "out.log"
    with open(output, "w") as out:
        supervisor = Supervisor(commands(tmp_path, names), out=out)
        supervisor.start()
        pids = grandchildren(tmp_path, names)
        children = [child.process.pid for child in supervisor.children]
        assert all(alive(pid) for pid in pids + children)
        supervisor.stop(timeout=10)
    assert not any(alive(pid) for pid in children), "stop() waits for its children"
    # The grandchildren got the same signal; a loaded machine may take a moment to end them.
    wait_until(lambda: not any(alive(pid) for pid in pids), timeout=10, message="grandchildren")
    lines = output.read_text().splitlines()
    assert {f"{name:<6} | {name} ready" for name in names} <= set(lines), lines


def test_one_child_exiting_stops_the_others(tmp_path):
    programs = commands(tmp_path, ["web"])
    programs["worker"] = [sys.executable, "-c", "import sys; print('bad'); sys.exit(3)"]
    with open(tmp_path / "out.log", "w") as out:
        supervisor = Supervisor(programs, out=out)
        code = supervisor.run()
    assert code == 3
    assert "worker | exited with code 3; stopping the others" in (tmp_path / "out.log").read_text()
    assert not any(alive(child.process.pid) for child in supervisor.children)


@pytest.mark.waits
@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "term"])
def test_ctrl_c_or_sigterm_stops_everything_and_exits_cleanly(tmp_path, stop_signal):
    names = ["web", "worker"]
    script = textwrap.dedent(
        f"""
        import sys
        from mysite.processes import Supervisor
        sys.exit(Supervisor({commands(tmp_path, names)!r}).run())
        """
    )
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    supervisor = subprocess.Popen(
        [sys.executable, "-c", script], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        pids = grandchildren(tmp_path, names)
        time.sleep(0.5)  # let it reach its wait loop
        supervisor.send_signal(stop_signal)  # what the terminal's Ctrl-C sends to it
        output, _ = supervisor.communicate(timeout=30)
    finally:
        if supervisor.poll() is None:
            supervisor.kill()
    assert supervisor.returncode == 0, output.decode()
    assert b"Traceback" not in output
    wait_until(lambda: not any(alive(pid) for pid in pids), timeout=10, message="grandchildren")
