"""What the blog's page cache buys: a list page served from the cache against one
built from the database, and what the invalidation receivers add to a post save.

Runs on a throwaway SQLite database and file cache (mysite.settings_test), or on
whatever DATABASE_URL / REDIS_URL point at.

Run:  make bench   (or .venv/bin/python bench/blog_pages.py)
"""

import os
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings_test")
os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
os.environ["DJANGO_DEBUG_TOOLBAR"] = "0"  # measure the site, not the toolbar

import django  # noqa: E402

django.setup()

from django.core.cache import cache, caches  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models.signals import post_save  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

POSTS = 30
NUMBER = 200


def best_ms(function, number=NUMBER):
    return min(timeit.repeat(function, number=number, repeat=3)) / number * 1000


def main():
    from django.test.utils import setup_databases, teardown_databases

    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        measure()
    finally:
        teardown_databases(databases, verbosity=0)


def measure():
    from django.contrib.auth import get_user_model

    from blog.models import Post
    from blog.services import tags_named

    author = get_user_model().objects.create_user("bench", "bench@example.com", "x")
    for number in range(POSTS):
        post = Post.objects.create(author=author, title=f"Post {number}", body="word " * 300)
        post.tags.set(tags_named(["bench", f"tag {number % 5}"]))
    client = Client()

    def uncached():
        cache.clear()
        client.get("/blog/")

    client.get("/blog/")
    cached_ms = best_ms(lambda: client.get("/blog/"))
    uncached_ms = best_ms(uncached, number=NUMBER // 4)
    post = Post.objects.first()

    def save():
        post.save()

    with_receivers = best_ms(save)
    from blog import invalidation

    post_save.disconnect(sender=Post, dispatch_uid="blog.drop_pages_of_saved_post")
    try:
        without = best_ms(save)
    finally:
        post_save.connect(
            invalidation.drop_pages_of_saved_post,
            sender=Post,
            dispatch_uid="blog.drop_pages_of_saved_post",
        )
    backend = type(caches["default"]).__name__
    sys.stdout.write(f"blog list page, {POSTS} posts ({backend}, {connection.vendor}):\n")
    sys.stdout.write(f"  from the cache     {cached_ms:7.2f} ms per request\n")
    sys.stdout.write(f"  built from the DB  {uncached_ms:7.2f} ms per request\n")
    sys.stdout.write(
        f"post.save(): {with_receivers:.2f} ms with the cache receiver, {without:.2f} without\n"
    )


if __name__ == "__main__":
    main()
