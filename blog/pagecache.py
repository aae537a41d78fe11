"""The blog's cached pages: one key per page, and how to drop keys safely.

Caveats first:

- What is cached is the page's *content* (a dict of strings), not the whole
  response: the header, the CSRF token and the comment form differ per visitor
  and are rendered on every request.
- Keys are dropped after the transaction commits. Dropped earlier, a request
  in between could read the old rows and put the old page straight back.
- The cache must be one every process shares (file, database or Redis). With
  the per-process memory cache, a change made by the worker or a management
  command would drop keys in *its* memory only.
"""

import logging
from functools import partial

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

# A safety net only: invalidation, not expiry, keeps the pages fresh.
TIMEOUT = 60 * 60 * 24
PREFIX = "blog:page"


# --8<-- [start:keys]
def list_key():
    return f"{PREFIX}:list"


def post_key(slug):
    return f"{PREFIX}:post:{slug}"


def tag_key(slug):
    return f"{PREFIX}:tag:{slug}"


def author_key(username):
    return f"{PREFIX}:author:{username}"


def tag_index_key():
    return f"{PREFIX}:tags"


# --8<-- [end:keys]


def get_or_build(key, build):
    """Return ``(content, from_cache)``. `build()` returns the content, or None
    for a page that must not be cached (a draft, a 404)."""
    content = cache.get(key)
    if content is not None:
        return content, True
    content = build()
    if content is not None:
        cache.set(key, content, TIMEOUT)
    return content, False


# --8<-- [start:drop_after_commit]
def drop_after_commit(keys, using=None):
    """Delete `keys` once the current transaction commits (at once in autocommit)."""
    keys = sorted(set(keys))
    if keys:
        transaction.on_commit(partial(_drop, keys), using=using, robust=True)


def _drop(keys):
    cache.delete_many(keys)
    logger.info("dropped cached pages: %s", ", ".join(keys))


# --8<-- [end:drop_after_commit]
