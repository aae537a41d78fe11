from django.conf import settings
from django.db import models


class Note(models.Model):
    """A short note: the lab saves, archives and shares these to make signals fire."""

    text = models.CharField(max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lab_notes",
    )
    archived = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.text


class NoteEvent(models.Model):
    """What happened to a note, written by the services (never by a receiver)."""

    CREATED, ARCHIVED, SHARED = "created", "archived", "shared"
    KINDS = [(CREATED, "created"), (ARCHIVED, "archived"), (SHARED, "shared")]

    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=KINDS)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.note_id} {self.kind}"
