from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mysite.cookbook import chapter_context

from .models import Question
from .services import InvalidVote, cast_vote

CHAPTER = chapter_context("polls/", "Custom signals and ready()")


def index(request):
    questions = Question.objects.prefetch_related("choices")[:20]
    return render(request, "polls/index.html", {"questions": questions, **CHAPTER})


def detail(request, question_id):
    question = get_object_or_404(Question, pk=question_id)
    return render(request, "polls/detail.html", {"question": question, **CHAPTER})


# --8<-- [start:vote]
@require_POST
def vote(request, question_id):
    question = get_object_or_404(Question, pk=question_id)
    voter = request.user if request.user.is_authenticated else None
    try:
        cast_vote(question, request.POST.get("choice"), voter=voter)
    except InvalidVote as error:
        context = {"question": question, "error_message": str(error), **CHAPTER}
        return render(request, "polls/detail.html", context, status=400)
    # Redirect after a POST so that Back or Reload does not vote twice.
    return redirect("polls:results", question_id=question.pk)


# --8<-- [end:vote]


def results(request, question_id):
    question = get_object_or_404(Question, pk=question_id)
    choices = list(question.choices.all())
    total = sum(choice.votes for choice in choices)
    rows = [(choice, round(100 * choice.votes / total) if total else 0) for choice in choices]
    context = {"question": question, "rows": rows, "total": total, **CHAPTER}
    return render(request, "polls/results.html", context)
