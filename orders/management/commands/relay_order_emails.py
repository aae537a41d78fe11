from django.core.management.base import BaseCommand

from orders.outbox import relay_unsent_emails


class Command(BaseCommand):
    help = "Queue again the order emails that were never sent (the outbox relay)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--grace",
            type=float,
            default=None,
            help="only emails older than this many seconds (default: ORDERS_OUTBOX_GRACE_SECONDS)",
        )

    def handle(self, *args, grace=None, **options):
        relayed = relay_unsent_emails(grace=grace)
        self.stdout.write(f"Relayed {relayed} unsent order email(s).")
