from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = "Profiles and sign-ins"

    def ready(self):
        # Connects the receivers: profile creation and the three auth signals.
        from . import signals  # noqa: F401
