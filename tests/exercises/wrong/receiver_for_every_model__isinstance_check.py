"""WRONG (a known mistake, kept to prove the checks catch it): an isinstance()
test inside the receiver. It sticks the attribute on notes only, but Django
still calls the receiver for every instance of every model: the cost is the
same, and the panel still shows it on every post_init."""

from django.db.models.signals import post_init
from django.dispatch import receiver

from signals_lab.models import Note


@receiver(post_init, dispatch_uid="exercises.remember_loaded_text")
def remember_loaded_text(sender, instance, **kwargs):
    if isinstance(instance, Note):
        instance._loaded_text = instance.text


def text_changed(note):
    """Whether the note's text differs from what it was when loaded (or made)."""
    return note.text != note._loaded_text
