from django.db import models


class SentEmail(models.Model):
    """One message the site sent, kept for the Outbox page."""

    subject = models.CharField(max_length=998)
    from_email = models.CharField(max_length=254)
    to = models.TextField(help_text="Recipients, one per line.")
    body = models.TextField()
    html_body = models.TextField(blank=True)
    relayed = models.BooleanField(default=False, help_text="Also delivered over SMTP.")
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self):
        return f"{self.subject} → {self.recipients_display}"

    @property
    def recipients(self):
        return [line for line in self.to.splitlines() if line]

    @property
    def recipients_display(self):
        return ", ".join(self.recipients)
