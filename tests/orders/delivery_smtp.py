"""An SMTP server for the delivery tests: accepts, refuses for good, answers late, stalls."""

import asyncio
import email
import threading

from aiosmtpd.controller import Controller

from .smtp import free_port


class DeliveryHandler:
    """`mode`: "accept", "refuse" (554 to DATA), "late" (keep the message, answer after
    `delay`, once) or "stall" (hang `delay` seconds at RCPT, before any message)."""

    def __init__(self):
        self.mode, self.delay, self.containing = "accept", 0.0, ""
        self.messages = []  # email.message.Message objects kept
        self.stalled = threading.Event()
        self._lock = threading.Lock()

    def set(self, mode, delay=0.0, containing=""):
        """`containing`: "late" applies only to a message whose subject contains it."""
        with self._lock:
            self.mode, self.delay, self.containing = mode, delay, containing
            self.messages.clear()
            self.stalled.clear()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.mode == "stall":
            self.stalled.set()
            await asyncio.sleep(self.delay)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.mode == "refuse":
            return "554 5.7.1 Message rejected as spam"
        message = email.message_from_bytes(envelope.content)
        with self._lock:
            self.messages.append(message)
            late = self.mode == "late" and self.containing in message["Subject"]
            if late:
                self.mode = "accept"  # late once; the retry gets a prompt answer
        if late:
            await asyncio.sleep(self.delay)  # kept, but the client stopped waiting
        return "250 OK"

    def order_messages(self, reference):
        with self._lock:
            return [m for m in self.messages if f"order {reference} " in m["Subject"] + " "]


class RestartableSMTPServer:
    """A server on one port that a test can take away and bring back."""

    def __init__(self):
        self.handler = DeliveryHandler()
        self.port = free_port()
        self.controller = None

    def start(self):
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def url(self):
        return f"smtp://127.0.0.1:{self.port}"
