"""The reference solution to the exercise “From a signal to a service call”."""

from django.db import transaction

from signals_lab.models import Note, NoteEvent


# --8<-- [start:solution]
def archive_note(note):
    """Archive `note` and record its "archived" event: both or neither, once."""
    with transaction.atomic():
        # The conditional UPDATE says whether this call archived it, so two
        # archivers at once still record one event, with no extra SELECT.
        not_yet_archived = Note.objects.filter(pk=note.pk, archived=False)
        archived_now = not_yet_archived.update(archived=True)
        if archived_now:
            NoteEvent.objects.create(note_id=note.pk, kind=NoteEvent.ARCHIVED)
    note.archived = True
    return note


# --8<-- [end:solution]
