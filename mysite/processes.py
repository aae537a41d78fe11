"""A small supervisor: run a few commands side by side, stop them all together.

`manage.py run` starts the web server, the Celery worker, beat and the docs
with it. Portable on purpose (no bash, no POSIX-only call where a portable one
exists): each child gets a process group of its own, so stopping one also stops
whatever it started (runserver's autoreloader runs the server in a child
process). On POSIX that group gets SIGTERM; on Windows, CTRL_BREAK_EVENT.
Only the POSIX path is proven in CI.
"""

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

WINDOWS = os.name == "nt"


@dataclass
class Child:
    name: str
    command: list
    process: subprocess.Popen = field(default=None, repr=False)


class Supervisor:
    """Start `commands` ({name: argv}), prefix their output with the name, stop all on exit."""

    def __init__(self, commands, env=None, cwd=None, out=None):
        self.children = [Child(name, list(argv)) for name, argv in commands.items()]
        self.env = env
        self.cwd = cwd
        self.out = out or sys.stdout
        self._width = max((len(child.name) for child in self.children), default=0)
        self._lock = threading.Lock()
        self._readers = []
        self._stopping = threading.Event()

    # --- starting ---------------------------------------------------------
    def start(self):
        for child in self.children:
            child.process = subprocess.Popen(
                child.command,
                cwd=self.cwd,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                **self._new_group(),
            )
            reader = threading.Thread(target=self._relay, args=(child,), daemon=True)
            reader.start()
            self._readers.append(reader)

    @staticmethod
    def _new_group():
        # Its own group, so the terminal's Ctrl-C reaches only us and we stop
        # each child (and its own children) in order.
        if WINDOWS:
            return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
        return {"start_new_session": True}

    def _relay(self, child):
        for raw in iter(child.process.stdout.readline, b""):
            line = raw.decode("utf-8", errors="replace").rstrip()
            self.say(child.name, line)
        child.process.stdout.close()

    def say(self, name, line):
        with self._lock:
            self.out.write(f"{name:<{self._width}} | {line}\n")
            self.out.flush()

    # --- waiting and stopping ---------------------------------------------
    def wait(self, poll=0.2):
        """Block until a child exits or stop() is called; return the first exit code seen."""
        while not self._stopping.is_set():
            for child in self.children:
                code = child.process.poll()
                if code is not None:
                    self.say(child.name, f"exited with code {code}; stopping the others")
                    return code
            self._stopping.wait(poll)
        return 0

    def request_stop(self):
        self._stopping.set()

    def stop(self, timeout=10.0):
        """Ask every child to stop, wait up to `timeout` seconds, then kill what is left."""
        self._stopping.set()
        for child in self.children:
            if child.process and child.process.poll() is None:
                self._interrupt(child.process)
        deadline = time.monotonic() + timeout
        for child in self.children:
            if not child.process:
                continue
            try:
                child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.say(child.name, "did not stop in time; killed")
                self._kill(child.process)
                child.process.wait()
        for reader in self._readers:
            reader.join(timeout=2)

    @staticmethod
    def _interrupt(process):
        try:
            if WINDOWS:
                process.send_signal(signal.CTRL_BREAK_EVENT)
            else:
                os.killpg(process.pid, signal.SIGTERM)
        except (ProcessLookupError, PermissionError, OSError):
            pass

    @staticmethod
    def _kill(process):
        try:
            if WINDOWS:
                process.kill()
            else:
                os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError, OSError):
            pass

    def run(self):
        """Start, wait until Ctrl-C, SIGTERM or a child's exit, stop all; return an exit code."""
        previous = signal.getsignal(signal.SIGTERM)
        signal.signal(signal.SIGTERM, lambda signum, frame: self.request_stop())
        self.start()
        code = 0
        try:
            code = self.wait()
        except KeyboardInterrupt:
            code = 0
        finally:
            try:
                self.stop()
            except KeyboardInterrupt:  # a second Ctrl-C: stop waiting, kill the rest
                for child in self.children:
                    self._kill(child.process)
            signal.signal(signal.SIGTERM, previous)
        return code
