from django.apps import AppConfig


class PollsConfig(AppConfig):
    name = "polls"
    verbose_name = "Polls"

    def ready(self):
        # Importing the module runs its @receiver decorators. Without this line
        # the receivers exist but are never connected, and nothing says so.
        from . import signals  # noqa: F401
