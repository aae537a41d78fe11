"""What each order email says and who gets it, and how one is queued."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from .models import OrderEmail
from .tasks import send_order_email

Kind = OrderEmail.Kind

SUBJECTS = {
    Kind.CONFIRMATION: "Your order {reference} is confirmed",
    Kind.STAFF_NOTICE: "New order {reference} from {customer}",
    Kind.SHIPPED: "Your order {reference} is on its way",
    Kind.DELIVERED: "Your order {reference} was delivered",
}
HAS_HTML = {Kind.CONFIRMATION, Kind.SHIPPED, Kind.DELIVERED}


# --8<-- [start:queue_email]
def queue_email(order, kind):
    """Write the email's outbox row and queue its task for after the commit.

    Call it inside the transaction of the change that calls for the email: the
    row commits or rolls back with that change. If the broker cannot take the
    task at commit time, the row stays unsent and `orders.outbox` relays it later.
    """
    email = OrderEmail.objects.create(order=order, kind=kind)
    send_order_email.delay_on_commit(email.pk)
    return email


# --8<-- [end:queue_email]


def build_message(email):
    """The EmailMultiAlternatives for an OrderEmail: text, and HTML for the customer's."""
    order = email.order
    user = order.customer.user
    context = {"order": order, "lines": order.lines.select_related("product"), "user": user}
    subject = SUBJECTS[email.kind].format(reference=order.reference, customer=user)
    staff = email.kind == Kind.STAFF_NOTICE
    recipients = list(settings.STAFF_EMAILS) if staff else [user.email]
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"orders/email/{email.kind}.txt", context),
        to=recipients,
        # The row's own Message-ID, so a repeated attempt is recognisably the same mail.
        headers={"Message-ID": email.message_id},
    )
    if email.kind in HAS_HTML:
        message.attach_alternative(
            render_to_string(f"orders/email/{email.kind}.html", context), "text/html"
        )
    return message
