"""WRONG (a known mistake, kept to prove the checks catch it): a full
profile.save() writes every column of the profile from this instance, so a
change another request made to the profile meanwhile is undone."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from profiles.services import client_ip, get_profile


@receiver(user_logged_in, dispatch_uid="exercises.remember_login_ip")
def remember_login_ip(sender, request, user, **kwargs):
    if request is None:
        return
    profile = get_profile(user)
    profile.last_login_ip = client_ip(request)
    profile.save()
