from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mysite.cookbook import chapter_context

from .forms import OrderForm
from .models import Order, Product
from .services import InvalidTransition, NotEnoughStock, change_status, next_statuses, place_order

EMAILS_CHAPTER = chapter_context("orders/emails/", "Order emails with Celery and on_commit")
STATUS_CHAPTER = chapter_context("orders/status-signal/", "Custom signals for status changes")
COUNTERS_CHAPTER = chapter_context("orders/recursion/", "Avoiding recursion and lost updates")


def products(request):
    context = {"products": Product.objects.all(), **COUNTERS_CHAPTER}
    return render(request, "orders/products.html", context)


@login_required
def new_order(request):
    on_sale = list(Product.objects.all())
    data = request.POST if request.method == "POST" else None  # an empty POST is still bound
    form = OrderForm(data, products=on_sale)
    if request.method == "POST" and form.is_valid():
        try:
            order = place_order(request.user, form.quantities())
        except NotEnoughStock as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, f"Order {order.reference} placed. Your confirmation email is queued."
            )
            # Redirect after a POST, so Reload does not order twice.
            return redirect("orders:detail", order_id=order.pk)
    status = 400 if form.errors else 200
    context = {"form": form, **EMAILS_CHAPTER}
    return render(request, "orders/new_order.html", context, status=status)


def _visible_order(request, order_id):
    order = get_object_or_404(Order.objects.select_related("customer__user"), pk=order_id)
    if not (request.user.is_staff or order.customer.user_id == request.user.pk):
        raise Http404("No such order.")  # not 403: do not reveal that it exists
    return order


@login_required
def detail(request, order_id, error=None, status=200):
    order = _visible_order(request, order_id)
    context = {
        "order": order,
        "lines": order.lines.select_related("product"),
        "history": order.status_changes.select_related("changed_by"),
        "emails": order.emails.all(),
        "next_statuses": next_statuses(order) if request.user.is_staff else [],
        "can_cancel": order.status == Order.Status.PENDING,
        "error_message": error,
        **STATUS_CHAPTER,
    }
    return render(request, "orders/detail.html", context, status=status)


@login_required
def my_orders(request):
    customer = getattr(request.user, "customer", None)
    orders = customer.orders.prefetch_related("emails") if customer else Order.objects.none()
    context = {"customer": customer, "orders": orders, **COUNTERS_CHAPTER}
    return render(request, "orders/my_orders.html", context)


@staff_member_required
@require_POST
def set_status(request, order_id):
    get_object_or_404(Order, pk=order_id)
    return _change(request, order_id, request.POST.get("status", ""))


@login_required
@require_POST
def cancel(request, order_id):
    order = _visible_order(request, order_id)
    if order.status != Order.Status.PENDING and not request.user.is_staff:
        return detail(request, order_id, "Only a pending order can be cancelled here.", 400)
    return _change(request, order_id, Order.Status.CANCELLED)


def _change(request, order_id, new_status):
    try:
        order = change_status(order_id, new_status, changed_by=request.user)
    except InvalidTransition as error:
        return detail(request, order_id, str(error), 400)
    messages.success(request, f"Order {order.reference} is now {order.get_status_display()}.")
    return redirect("orders:detail", order_id=order_id)
