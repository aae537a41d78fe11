from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
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
    # Every customer's address and order is in here: public only in development
    # (OUTBOX_PUBLIC defaults to DEBUG), staff only otherwise.
    if not settings.OUTBOX_PUBLIC:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_staff:
            raise PermissionDenied("The outbox is for staff only.")
    page = Paginator(SentEmail.objects.all(), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "mysite/outbox.html",
        {"page": page, **OUTBOX_CHAPTER},
    )
