"""The reference solution to the exercise “Email the user when a sign-in comes from a new IP”."""

from functools import partial

from django.core.mail import send_mail
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from profiles.models import LoginEvent


# --8<-- [start:solution]
@receiver(post_save, sender=LoginEvent, dispatch_uid="exercises.alert_new_ip")
def alert_new_ip(sender, instance, created, raw=False, **kwargs):
    if not created or raw or instance.kind != LoginEvent.Kind.LOGIN:
        return
    user = instance.user
    if user is None or not user.email:
        return
    earlier = LoginEvent.objects.filter(user=user, kind=LoginEvent.Kind.LOGIN)
    earlier = earlier.exclude(pk=instance.pk)
    if not earlier.exists() or earlier.filter(ip=instance.ip).exists():
        return  # a first sign-in, or a known address
    when = instance.at.strftime("%Y-%m-%d %H:%M %Z")
    ip = instance.ip or "unknown"
    transaction.on_commit(partial(_send_alert, user.email, ip, when))


def _send_alert(email, ip, when):
    send_mail(
        subject="New sign-in to your account",
        message=f"Your account was signed in to from {ip} at {when}.\n"
        "If that was not you, change your password.",
        from_email=None,
        recipient_list=[email],
    )


# --8<-- [end:solution]
