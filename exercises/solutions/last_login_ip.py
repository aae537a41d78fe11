"""The reference solution to the exercise “Remember the last sign-in IP on the profile”."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from profiles.services import client_ip, get_profile


# --8<-- [start:solution]
@receiver(user_logged_in, dispatch_uid="exercises.remember_login_ip")
def remember_login_ip(sender, request, user, **kwargs):
    if request is None:  # sent by hand, from a shell or a test
        return
    profile = get_profile(user)
    profile.last_login_ip = client_ip(request)
    profile.save(update_fields=["last_login_ip"])


# --8<-- [end:solution]
