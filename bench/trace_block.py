"""What the "What just fired" trace block costs: a page with no trace waiting, and
a lab note's POST and the GET it redirects to, traced against untraced.

Runs on a throwaway SQLite database and file cache (mysite.settings_test), or on
whatever DATABASE_URL / REDIS_URL point at.

Run:  make bench   (or .venv/bin/python bench/trace_block.py)
"""

import os
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings_test")
os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
os.environ["DJANGO_DEBUG_TOOLBAR"] = "0"  # measure the site, not the toolbar
os.environ["SIGNALS_INSTRUMENT"] = "0"
# No setup_test_environment(): it instruments every template render for the test
# Client, which would make the block's templates look several times dearer.
os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"

import django  # noqa: E402

django.setup()

from django.http import HttpResponse  # noqa: E402
from django.test import Client, RequestFactory, override_settings  # noqa: E402

NUMBER = 100


def say(line):
    sys.stdout.write(line + "\n")


def best(function, number):
    """Seconds per call, best of 5 runs."""
    return min(timeit.repeat(function, number=number, repeat=5)) / number


def main():
    from django.test.utils import setup_databases, teardown_databases

    databases = setup_databases(verbosity=0, interactive=False)
    try:
        measure()
    finally:
        teardown_databases(databases, verbosity=0)


def middleware_alone():
    """The middleware around a view that does nothing, for a GET with no trace waiting."""
    from signals_lab.middleware import TraceMiddleware

    response = HttpResponse("ok")

    def view(request):
        return response

    with override_settings(SIGNALS_TRACE=True):
        wrapped = TraceMiddleware(view)
    request = RequestFactory().get("/signals/")
    bare = best(lambda: view(request), 200_000)
    traced = best(lambda: wrapped(request), 200_000)
    return bare, traced


def note_round_trip(client):
    def post_and_land():
        response = client.post("/signals/notes/", {"text": "bench"})
        client.get(response["Location"])

    return post_and_land


def measure():
    bare, traced = middleware_alone()
    say("Trace block (signals_lab.middleware), best of 5 runs")
    say(f"  a GET with no trace waiting, middleware alone: {(traced - bare) * 1e6:.2f} us added")

    # A test Client loads the middleware on its first request, and keeps it.
    untraced_client, traced_client = Client(), Client()
    with override_settings(SIGNALS_TRACE=False):
        untraced_client.get("/signals/")
    with override_settings(SIGNALS_TRACE=True):
        traced_client.get("/signals/")

    plain_off = best(lambda: untraced_client.get("/signals/"), NUMBER)
    plain_on = best(lambda: traced_client.get("/signals/"), NUMBER)
    say(
        f"  the lab page (GET), no trace waiting: {plain_on * 1000:.2f} ms with the middleware, "
        f"{plain_off * 1000:.2f} ms without ({plain_on / plain_off:.2f}x; noise is +-5%)"
    )
    off = best(note_round_trip(untraced_client), NUMBER // 2)
    on = best(note_round_trip(traced_client), NUMBER // 2)
    say(
        f"  a lab note, POST + redirected GET: {on * 1000:.2f} ms traced, "
        f"{off * 1000:.2f} ms untraced ({on / off:.2f}x)"
    )


if __name__ == "__main__":
    main()
