"""Exercise 16 · The receiver that runs for every model.

The receiver below remembers the text a note had when it was loaded, so that
`text_changed(note)` can tell whether someone edited it. It works: nothing
is broken on any page, and no test of the lab fails.

Now open any page of the site with the debug toolbar's "Signals sent" panel
(`make run`, then the toolbar on the right). Look at the `post_init` rows: this
receiver is called for *every* model instance Django makes, users, sessions,
poll choices, blog posts, not only notes, and sticks an attribute on each.

Fix it so that Django calls it for notes only (`signals_lab.models.Note`),
keeping its dispatch_uid, and keep `text_changed()` working.

Check it:  python manage.py exercises check 16
"""

from django.db.models.signals import post_init
from django.dispatch import receiver


@receiver(post_init, dispatch_uid="exercises.remember_loaded_text")
def remember_loaded_text(sender, instance, **kwargs):
    instance._loaded_text = getattr(instance, "text", None)


def text_changed(note):
    """Whether the note's text differs from what it was when loaded (or made)."""
    return note.text != note._loaded_text
