"""The reference solution to the exercise “The receiver that runs for every model”."""

from django.db.models.signals import post_init
from django.dispatch import receiver

from signals_lab.models import Note


# --8<-- [start:solution]
@receiver(post_init, sender=Note, dispatch_uid="exercises.remember_loaded_text")
def remember_loaded_text(sender, instance, **kwargs):
    # sender=Note: Django now calls this for notes only. The panel shows it once
    # per note loaded, and no more on pages without notes.
    instance._loaded_text = instance.text


# --8<-- [end:solution]


def text_changed(note):
    """Whether the note's text differs from what it was when loaded (or made)."""
    return note.text != note._loaded_text
