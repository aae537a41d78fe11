from django.core.paginator import Paginator
from django.shortcuts import render

from .cookbook import all_cards, chapter_context, docs_url
from .models import SentEmail

OUTBOX_CHAPTER = chapter_context(
    "polls/#a-greeting-email-after-commit", "A greeting email after commit"
)


def home(request):
    return render(
        request,
        "mysite/home.html",
        {"cards": all_cards(), "getting_started_url": docs_url("getting-started/")},
    )


def outbox(request):
    page = Paginator(SentEmail.objects.all(), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "mysite/outbox.html",
        {"page": page, **OUTBOX_CHAPTER},
    )
