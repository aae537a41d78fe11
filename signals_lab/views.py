from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404
from django.shortcuts import aget_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mysite.cookbook import chapter_context

from . import instrument, trace
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
        "trace_on": trace.enabled(),
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
    messages.success(request, "Note saved. Open “What just fired” below to see its signals.")
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


def trace_worker(request, trace_id):
    """The worker's part of a trace, as an HTML fragment, for signals_lab/trace.js."""
    from .trace_render import worker_context

    stored = trace.load(trace_id, trace.learner_of(request)) if trace.enabled() else None
    if stored is None:
        raise Http404("No such trace (expired, or another learner's).")
    context = worker_context(stored)
    response = render(request, "signals_lab/_trace_worker.html", context)
    response["X-Trace-Done"] = "1" if context["done"] else "0"
    response["Cache-Control"] = "no-store"
    return response
