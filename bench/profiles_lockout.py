"""What the lock-out check costs: `locked_until()` against a large login history.

The gate runs on every login attempt, so it must stay fast however long the
history grows. Target: under 5 ms per check with 200,000 history rows.

Run:  make bench   (or .venv/bin/python bench/profiles_lockout.py)
With DATABASE_URL=postgres://... it measures PostgreSQL instead of SQLite.
"""

import os
import random
import shutil
import sys
import tempfile
import timeit
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
VAR_DIR = tempfile.mkdtemp(prefix="bench-profiles-")
os.environ["DJANGO_VAR_DIR"] = VAR_DIR
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
os.environ["DJANGO_DEBUG_TOOLBAR"] = "0"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from profiles.models import LoginEvent  # noqa: E402
from profiles.services import locked_until  # noqa: E402

ROWS = 200_000
NUMBER = 200
REPEAT = 5
TARGET_MS = 5.0


def fill_history():
    rng = random.Random(1)
    now = timezone.now()
    kinds = ["failed"] * 3 + ["login", "logout"]
    events = (
        LoginEvent(
            kind=rng.choice(kinds),
            username=f"user{rng.randrange(20_000)}",
            ip=f"198.51.{rng.randrange(256)}.{rng.randrange(256)}",
            at=now - timedelta(seconds=rng.randrange(30 * 24 * 3600)),
        )
        for _ in range(ROWS)
    )
    LoginEvent.objects.bulk_create(events, batch_size=5_000)
    # The key under test: five recent failures, locked.
    for minutes in range(5):
        LoginEvent.objects.create(
            kind="failed", username="target", ip="192.0.2.1", at=now - timedelta(minutes=minutes)
        )


def main():
    # A throw-away test database (test_<name>), never the one DATABASE_URL names.
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        fill_history()
        assert locked_until("target", "192.0.2.1") is not None
        for label, args in (
            ("locked key", ("target", "192.0.2.1")),
            ("open key", ("user7", "198.51.0.1")),
        ):
            best = min(
                timeit.repeat(lambda a=args: locked_until(*a), number=NUMBER, repeat=REPEAT)
            )
            ms = best / NUMBER * 1000
            verdict = "ok" if ms < TARGET_MS else "SLOWER THAN TARGET"
            sys.stdout.write(
                f"locked_until() on {connection.vendor}, {ROWS:,} history rows, {label}: "
                f"{ms:.3f} ms per check (target < {TARGET_MS} ms) {verdict}\n"
            )
            if ms >= TARGET_MS:
                sys.exit(1)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(VAR_DIR, ignore_errors=True)


if __name__ == "__main__":
    main()
