"""A change made by another process reaches the web process's cached pages."""

import subprocess
import sys

import pytest
from django.urls import reverse

from tests.conftest import ROOT, subprocess_env

pytestmark = pytest.mark.django_db(transaction=True)


def publish_in_another_process(slug):
    command = [sys.executable, "manage.py", "publish_post", slug]
    done = subprocess.run(
        command, cwd=ROOT, env=subprocess_env(), capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_post_published_by_a_command_shows_at_once(client, make_post):
    make_post("Already out")
    make_post("Published from the shell", published=False)
    assert "Published from the shell" not in client.get(reverse("blog:list")).content.decode()
    assert 'data-cache="hit"' in client.get(reverse("blog:list")).content.decode()

    assert "1 post(s) published." in publish_in_another_process("published-from-the-shell")

    html = client.get(reverse("blog:list")).content.decode()
    assert "Published from the shell" in html
    assert 'data-cache="miss"' in html


# --8<-- [start:memory_cache]
def test_with_a_per_process_memory_cache_the_change_never_arrives(
    client,
    make_post,
    settings,
):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }  # this process only; the command still uses the shared cache
    make_post("Published from the shell", published=False)
    client.get(reverse("blog:list"))  # cached in *this* process's memory

    publish_in_another_process("published-from-the-shell")

    html = client.get(reverse("blog:list")).content.decode()
    assert "Published from the shell" not in html  # stale, and nothing says so
    assert 'data-cache="hit"' in html


# --8<-- [end:memory_cache]
