"""An email backend that keeps every message for the Outbox page.

With EMAIL_URL set, each message is first relayed over SMTP and kept only once
the SMTP server took it, so the Outbox never shows a message that was not sent.
Without it, keeping the message *is* sending it: a learner needs no mail server.
"""

import django
from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend


class OutboxBackend(BaseEmailBackend):
    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(**kwargs)
        self.quiet = fail_silently

    def send_messages(self, email_messages):
        from .models import SentEmail

        if not email_messages:
            return 0
        relay = settings.SMTP_RELAY
        if relay:
            # Raises on SMTP errors (unless fail_silently), so nothing is recorded as sent.
            smtp_backend(relay, fail_silently=self.quiet).send_messages(email_messages)
        SentEmail.objects.bulk_create(
            SentEmail(
                subject=message.subject,
                from_email=message.from_email,
                to="\n".join([*message.to, *message.cc, *message.bcc]),
                body=message.body,
                html_body=_html_alternative(message),
                relayed=bool(relay),
            )
            for message in email_messages
        )
        return len(email_messages)


def smtp_backend(options, fail_silently=False):
    if django.VERSION >= (6, 1):
        # An alias marks a backend configured from options, as MAILERS does.
        return SMTPBackend(alias="smtp-relay", fail_silently=fail_silently, **options)
    return SMTPBackend(fail_silently=fail_silently, **options)


def _html_alternative(message):
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            return content
    return ""
