from django.conf import settings
from django.db import models
from django.utils import timezone


# --8<-- [start:profile]
class Profile(models.Model):
    """What the site knows about a user beyond the auth fields.

    Caveat: a user saved without the post_save signal (``bulk_create``, raw
    SQL, rows older than this app) has no profile until something makes one.
    Read it with ``profiles.services.get_profile(user)``, never ``user.profile``.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    bio = models.TextField(max_length=500, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    time_zone = models.CharField(max_length=64, default="UTC")
    # Filled by the exercise in exercises/last_login_ip.py; empty until it is solved.
    last_login_ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"profile of {self.user}"


# --8<-- [end:profile]


class LoginEvent(models.Model):
    """One sign-in, sign-out, failed or refused attempt: the login history.

    Stores the attempted username for failures, never a password or any other
    credential value. The lock-out counts these rows, so there is no separate
    counter that two requests could both read and overwrite.
    """

    class Kind(models.TextChoices):
        LOGIN = "login", "signed in"
        LOGOUT = "logout", "signed out"
        FAILED = "failed", "failed sign-in"
        BLOCKED = "blocked", "refused (locked out)"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="login_events",
    )
    # Normalised (see services.username_key) so "Alice" and "alice" count together.
    username = models.CharField(max_length=150, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["username", "ip", "at"], name="login_event_lockout_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.username} from {self.ip or 'unknown'}"


class LoginThrottle(models.Model):
    """A row per (username, IP) that login attempts lock, one at a time.

    Only its lock matters: it makes "count the failures, then try the password"
    one step, so ten attempts at once cannot all slip under the limit.
    """

    username = models.CharField(max_length=150)
    ip = models.CharField(max_length=45, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["username", "ip"], name="login_throttle_unique_key")
        ]

    def __str__(self):
        return f"{self.username} from {self.ip or 'unknown'}"
