from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import aget_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mysite.cookbook import chapter_context

from . import instrument
from .forms import NoteForm
from .inventory import receiver_rows
from .models import Note
from .services import InvalidNote, create_note, note_count, share_note

CHAPTER = chapter_context("going-further/signals-sent/", "See signals fire")


def _lab_context(**extra):
    return {
        "notes": Note.objects.select_related("author")[:10],
        "note_count": note_count(),
        "toolbar_on": settings.DEBUG_TOOLBAR and settings.DEBUG,
        "instrumented": instrument.is_installed(),
        **CHAPTER,
        **extra,
    }


def lab(request):
    return render(request, "signals_lab/lab.html", _lab_context())


@require_POST
def add_note(request):
    author = request.user if request.user.is_authenticated else None
    form = NoteForm(request.POST)
    try:
        if not form.is_valid():
            raise InvalidNote(" ".join(form.errors["text"]))
        create_note(form.cleaned_data["text"], author=author)
    except InvalidNote as error:
        typed = form.data.get("text", "").replace("\x00", "")
        context = _lab_context(error_message=str(error), text=typed)
        return render(request, "signals_lab/lab.html", context, status=400)
    messages.success(request, "Note saved. Open the toolbar's “Signals sent” panel.")
    return redirect("signals_lab:lab")


@require_POST
async def share(request, note_id):
    note = await aget_object_or_404(Note, pk=note_id)
    user = await request.auser()
    responses = await share_note(note, by=user if user.is_authenticated else None)
    messages.success(request, f"Note shared: {len(responses)} receivers answered.")
    return redirect("signals_lab:lab")


@staff_member_required
def inventory(request):
    rows = receiver_rows()
    context = {"rows": rows, "signal_count": len({row.signal for row in rows}), **CHAPTER}
    return render(request, "signals_lab/inventory.html", context)
