"""WRONG (a known mistake, kept to prove the checks catch it): the email is sent
from inside post_save, before the sign-in's transaction commits. A sign-in that
rolls back has already emailed the user."""

from django.core.mail import send_mail
from django.db.models.signals import post_save
from django.dispatch import receiver

from profiles.models import LoginEvent


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
        return
    send_mail(
        subject="New sign-in to your account",
        message=f"Your account was signed in to from {instance.ip}.",
        from_email=None,
        recipient_list=[user.email],
    )
