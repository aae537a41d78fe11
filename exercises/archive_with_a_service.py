"""Exercise 2 · From a signal to a service call.

Archiving a note must record an "archived" NoteEvent. Today two receivers do
it: a pre_save receiver reads the old row to learn whether `archived` is
changing (one more query on *every* save of a note), and a post_save receiver
writes the event. `archive_note()` just flips the flag and trusts them.

Both receivers live in the same app as the model and hide the rule from the
one place that archives. Make `archive_note(note)` do the work itself:

- archive the note and record exactly one "archived" event, both or neither
  (one transaction);
- archiving a note that is already archived records nothing new;
- then delete the two receivers: an ordinary save of a note runs one query.

Check it:  python manage.py exercises check 2
"""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from signals_lab.models import Note, NoteEvent


@receiver(pre_save, sender=Note, dispatch_uid="exercises.notice_archiving")
def notice_archiving(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._archiving = False
        return
    was_archived = sender.objects.filter(pk=instance.pk).values_list("archived", flat=True)
    instance._archiving = not was_archived.first() and instance.archived


@receiver(post_save, sender=Note, dispatch_uid="exercises.record_archiving")
def record_archiving(sender, instance, raw=False, **kwargs):
    if getattr(instance, "_archiving", False):
        NoteEvent.objects.create(note=instance, kind=NoteEvent.ARCHIVED)


def archive_note(note):
    """Archive `note`; the receivers above record the event."""
    note.archived = True
    note.save(update_fields=["archived"])
    return note
