"""WRONG (a known mistake, kept to prove the checks catch it): the receivers are
gone and the service does the work, but in two separate writes with no
transaction: when the event cannot be written, the note stays archived with no
event, and the rule "both or neither" is broken."""

from signals_lab.models import Note, NoteEvent


def archive_note(note):
    archived_now = Note.objects.filter(pk=note.pk, archived=False).update(archived=True)
    if archived_now:
        NoteEvent.objects.create(note_id=note.pk, kind=NoteEvent.ARCHIVED)
    note.archived = True
    return note
