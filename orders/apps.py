from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "orders"
    verbose_name = "Orders"

    def ready(self):
        # Importing the module connects its receivers.
        from . import signals  # noqa: F401
