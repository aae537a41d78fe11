"""The Outbox backend against a real SMTP server (aiosmtpd on a free local port)."""

import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Sink
from django.core.mail import send_mail

from mysite.models import SentEmail

pytestmark = pytest.mark.django_db


class Recorder(Sink):
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    handler = Recorder()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, handler
    finally:
        controller.stop()


def relay_to(port):
    return {"host": "127.0.0.1", "port": port, "timeout": 2}


def test_without_email_url_the_outbox_is_the_delivery(outbox_backend):
    outbox_backend.SMTP_RELAY = None
    send_mail("Kept", "body", None, ["a@example.com"])
    assert SentEmail.objects.get().relayed is False


def test_with_email_url_it_relays_by_smtp_and_keeps_a_copy(outbox_backend, smtp_server):
    port, handler = smtp_server
    outbox_backend.SMTP_RELAY = relay_to(port)
    send_mail("Relayed", "body", None, ["b@example.com"])
    assert [envelope.rcpt_tos for envelope in handler.messages] == [["b@example.com"]]
    assert SentEmail.objects.get().relayed is True


def test_an_smtp_failure_raises_and_keeps_nothing(outbox_backend):
    outbox_backend.SMTP_RELAY = relay_to(1)  # nothing listens there
    with pytest.raises(OSError):
        send_mail("Lost?", "body", None, ["c@example.com"])
    assert not SentEmail.objects.exists()
