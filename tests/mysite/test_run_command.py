"""`python manage.py run` for real: the site, the docs and a worker, then Ctrl-C stops all."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, wait_until

from .plain_env import free_port, learner_env, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.worker]


def processes_with(var_dir):
    """Pids of processes whose environment names `var_dir` (Linux: /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                environ = (entry / "environ").read_bytes()
            except OSError:
                continue
            if f"DJANGO_VAR_DIR={var_dir}".encode() in environ:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(sys.platform != "linux", reason="finds leftover processes through /proc")
def test_run_serves_site_docs_and_a_worker_then_stops_them_all(tmp_path):
    port, docs_port = free_port(), free_port()
    var_dir = tmp_path / "var"
    log = tmp_path / "run.log"
    command = [sys.executable, "manage.py", "run", "--port", str(port)]
    with open(log, "w") as out:
        run = subprocess.Popen(
            [*command, "--docs-port", str(docs_port)],
            cwd=ROOT,
            env=learner_env(var_dir),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    site = f"http://127.0.0.1:{port}"
    try:
        status, html = wait_for(f"{site}/polls/", run)  # migrated and seeded on its own
        assert "Signals Cookbook" in html
        status, docs = wait_for(f"http://127.0.0.1:{docs_port}/orders/emails/", run, timeout=300)
        assert f'content="{site}"' in docs, "the docs' Try it links follow the site's port"
        # The worker's heartbeat (worker_ready) removes the "no worker" notice.
        wait_until(
            lambda: 'data-notice="worker"' not in wait_for(f"{site}/", run)[1],
            timeout=120,
            message="the worker's heartbeat",
        )
        _, home = wait_for(f"{site}/", run)
        assert f'href="http://127.0.0.1:{docs_port}/' in home, "Read about it follows DOCS_PORT"
        banner = log.read_text()
        assert "alice    alice-signals" in banner
        assert "INFO" not in banner.split("Ctrl-C stops")[0], "the banner is quiet"
    finally:
        run.send_signal(signal.SIGINT)  # Ctrl-C
        try:
            code = run.wait(timeout=60)
        except subprocess.TimeoutExpired:
            run.kill()
            raise
    output = log.read_text()
    assert code == 0, output[-3000:]
    assert "Stopped the web server, the worker, beat and the docs." in output
    assert "Traceback" not in output
    wait_until(lambda: not processes_with(var_dir), timeout=30, message="every process to end")


def test_a_second_run_skips_migrate(tmp_path):
    env = learner_env(tmp_path / "var")
    port = free_port()
    argv = [sys.executable, "manage.py", "run", "--no-docs", "--port", str(port)]
    for attempt in ("first", "second"):
        with open(tmp_path / f"{attempt}.log", "w") as out:
            run = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            wait_for(f"http://127.0.0.1:{port}/", run)
        finally:
            run.send_signal(signal.SIGINT)
            assert run.wait(timeout=60) == 0
        time.sleep(0.5)
    assert "Applying" in (tmp_path / "first.log").read_text()
    assert "Applying" not in (tmp_path / "second.log").read_text()
    assert os.path.exists(tmp_path / "var" / "db.sqlite3")
