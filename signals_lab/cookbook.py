from mysite.cookbook import Card

NAV = ("Signals lab", "signals_lab:lab")

CARDS = [
    Card(
        title="See signals fire",
        summary="Write and share notes, then open “What just fired” on the page you land "
        "on: every signal in order, each receiver with its time and result, the on_commit "
        "callbacks and the Celery tasks. Staff also get the inventory of every receiver.",
        url_name="signals_lab:lab",
        chapter="going-further/signals-sent/",
        signals=("post_save", "note_shared", "on_commit"),
    ),
]

NOTES = [
    "Signals connect apps that should not know about each other.",
    "A receiver that does I/O waits for transaction.on_commit().",
]


def seed_demo(stdout):
    from .models import Note
    from .services import create_note

    for text in NOTES:
        if not Note.objects.filter(text=text).exists():
            create_note(text)
    stdout.write(f"signals_lab: {len(NOTES)} notes")
