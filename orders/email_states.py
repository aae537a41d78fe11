"""The order page's email states as JSON, so the page updates them without a reload.

The worker sends an order's emails a moment after the page that placed it has
rendered; orders/static/orders/email-states.js asks here every two seconds until
none is waiting.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache

from .models import Order


@never_cache
@login_required
def email_states(request, order_id):
    order = get_object_or_404(Order.objects.select_related("customer"), pk=order_id)
    if not (request.user.is_staff or order.customer.user_id == request.user.pk):
        raise Http404("No such order.")  # as the order page: do not reveal that it exists
    emails = [
        {
            "id": email.pk,
            "kind": email.get_kind_display(),
            "waiting": email.waiting,
            "text": email.state_text,
        }
        for email in order.emails.all()
    ]
    return JsonResponse({"emails": emails, "waiting": sum(e["waiting"] for e in emails)})
