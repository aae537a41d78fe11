from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = "Blog"

    def ready(self):
        # Connects the slug, derived-field, cache and file receivers.
        from . import signals  # noqa: F401
