from django.core.management.base import BaseCommand

from .seed_demo import DEMO_USERS


class Command(BaseCommand):
    help = "Print the demo logins that seed_demo creates."

    def handle(self, *args, **options):
        for spec in DEMO_USERS:
            role = "staff, /admin/" if spec.get("is_staff") else "learner"
            self.stdout.write(f"  {spec['username']:<8} {spec['password']:<16} ({role})")
