from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from mysite.cookbook import cookbook_modules

# Known passwords for a local demo only; the command refuses to run in production mode.
DEMO_USERS = [
    {"username": "admin", "password": "admin-signals", "is_staff": True, "is_superuser": True},
    {"username": "alice", "password": "alice-signals"},
    {"username": "bob", "password": "bob-signals"},
]


class Command(BaseCommand):
    help = "Load demo users and each app's sample rows. Safe to run again: it adds nothing twice."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo makes users with known passwords; not in production.")
        with transaction.atomic():
            self.seed_users()
            for module in cookbook_modules():
                if hasattr(module, "seed_demo"):
                    module.seed_demo(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))

    def seed_users(self):
        User = get_user_model()
        for spec in DEMO_USERS:
            username, password = spec["username"], spec["password"]
            flags = {key: value for key, value in spec.items() if key.startswith("is_")}
            user, created = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.com", **flags}
            )
            if created:
                user.set_password(password)
                user.save(update_fields=["password"])
        self.stdout.write("users: " + ", ".join(f"{u['username']}" for u in DEMO_USERS))
