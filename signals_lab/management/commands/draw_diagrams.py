"""Redraw the docs' sequence diagrams (docs/diagrams/*.svg) from runs of the real code."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import (
    setup_databases,
    setup_test_environment,
    teardown_databases,
    teardown_test_environment,
)

from signals_lab.diagrams import DIAGRAMS, draw

OUTPUT = Path(settings.BASE_DIR) / "docs" / "diagrams"


class Command(BaseCommand):
    help = "Run the code each diagram shows, in a throwaway test database, and write its SVG."

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="*", help=f"some of: {', '.join(DIAGRAMS)}")
        parser.add_argument("--output", default=str(OUTPUT), help="folder to write to")

    def handle(self, *args, names, output, **options):
        unknown = sorted(set(names) - set(DIAGRAMS))
        if unknown:
            known = ", ".join(DIAGRAMS)
            raise CommandError(
                f"unknown diagram(s): {', '.join(unknown)} (known: {known})", returncode=2
            )
        folder = Path(output)
        folder.mkdir(parents=True, exist_ok=True)
        # The recordings write users, notes and orders: never into the real database,
        # nor into the test database a test run may be using right now.
        for database in settings.DATABASES.values():
            test = database.setdefault("TEST", {})
            if database["ENGINE"] == "django.db.backends.sqlite3":
                test["NAME"] = ""  # in memory
            else:
                test["NAME"] = f"{test.get('NAME') or 'test_' + database['NAME']}_diagrams"
        setup_test_environment()
        databases = setup_databases(verbosity=0, interactive=False, serialized_aliases=[])
        try:
            for name in names or DIAGRAMS:
                path = folder / f"{name}.svg"
                path.write_text(draw(name), encoding="utf-8")
                self.stdout.write(f"wrote {path}")
        finally:
            teardown_databases(databases, verbosity=0)
            teardown_test_environment()
