"""A real SMTP server on 127.0.0.1 for tests, that can refuse the next few messages."""

import asyncio
import socket
import threading

from aiosmtpd.controller import Controller


class FlakySMTPHandler:
    """Accepts mail, except that it answers 451 (try again) to the next messages `refuse` names."""

    def __init__(self, delay=0.0):
        self.delay = delay
        self.fail_next = 0
        self.fail_containing = ""
        self.refused = 0
        self.messages = []  # the envelopes accepted
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        with self._lock:
            if self.fail_next > 0 and self.fail_containing in _subject(envelope.content):
                self.fail_next -= 1
                self.refused += 1
                return "451 4.3.0 Mailbox busy, try again later"
            self.messages.append(envelope)
        return "250 OK"

    def refuse(self, count, containing=""):
        """Answer 451 to the next `count` messages whose subject contains `containing`."""
        with self._lock:
            self.fail_next, self.fail_containing = count, containing

    def subjects(self, containing=""):
        with self._lock:
            envelopes = list(self.messages)
        subjects = [_subject(envelope.content) for envelope in envelopes]
        return [subject for subject in subjects if containing in subject]

    def reset(self):
        with self._lock:
            self.fail_next = self.refused = 0
            self.fail_containing = ""
            self.messages.clear()


def _subject(content):
    for line in content.decode("utf-8", "replace").splitlines():
        if line.lower().startswith("subject:"):
            return line.split(":", 1)[1].strip()
    return ""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_smtp_server(handler):
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller
