"""Skip, or fail, tests whose outside service is not there.

Without REQUIRE_SERVICES a missing service skips the test and the reason says
which variable would run it. With REQUIRE_SERVICES=1 (CI) the same test fails:
CI must never go green by skipping what it was meant to prove.
"""

import os
import shutil

import pytest
from django.db import connection

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def missing(reason):
    if REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(reason)


def require_postgres():
    """Concurrency tests need real row locks; SQLite serialises every writer.

    A run configured for SQLite skips these even in CI: CI's second run sets
    DATABASE_URL and runs them there.
    """
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test make test"
        )


def require_redis():
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("needs Redis: REDIS_URL=redis://127.0.0.1:6379/1 make test")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        missing(f"REDIS_URL={url} is set but Redis does not answer: {error}")
    return url


def require_chromium():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        missing(f"no Chromium at {CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)")
    return CHROMIUM
