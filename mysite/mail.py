"""An email backend that keeps every message for the Outbox page.

With EMAIL_URL set, each message is first relayed over SMTP and kept only once
the SMTP server took it, so the Outbox never shows a message that was not sent.
Without it, keeping the message *is* sending it: a learner needs no mail server.
"""

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        from .models import SentEmail

        if not email_messages:
            return 0
        relay = bool(settings.EMAIL_URL)
        if relay:
            smtp = get_connection(
                "django.core.mail.backends.smtp.EmailBackend", fail_silently=self.fail_silently
            )
            # Raises on SMTP errors (unless fail_silently), so nothing is recorded as sent.
            smtp.send_messages(email_messages)
        SentEmail.objects.bulk_create(
            SentEmail(
                subject=message.subject,
                from_email=message.from_email,
                to="\n".join([*message.to, *message.cc, *message.bcc]),
                body=message.body,
                html_body=_html_alternative(message),
                relayed=relay,
            )
            for message in email_messages
        )
        return len(email_messages)


def _html_alternative(message):
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            return content
    return ""
