"""Production mode, the debug toolbar and the shared cache, checked in fresh processes."""

import io
import os
import subprocess
import sys

import pytest
from django.conf import settings

from exercises.manifest import load_manifest
from tests.conftest import ROOT

SECRET = "a-test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFG"


def run_django(code, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(DJANGO_SETTINGS_MODULE="mysite.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_mode_refuses_to_start_without_a_secret_key():
    result = run_django("", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "needs DJANGO_SECRET_KEY" in result.stderr


def test_production_mode_passes_check_deploy(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
            "DJANGO_SETTINGS_MODULE": "mysite.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": SECRET,
            "DJANGO_ALLOWED_HOSTS": "cookbook.example.com",
            "DJANGO_VAR_DIR": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_mode_has_no_debug_toolbar(tmp_path):
    code = (
        "from django.conf import settings; from django.test import Client; "
        "assert 'debug_toolbar' not in settings.INSTALLED_APPS; "
        "r = Client().get('/__debug__/render_panel/', secure=True, "
        "HTTP_HOST='cookbook.example.com'); print(r.status_code)"
    )
    result = run_django(
        code,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="cookbook.example.com",
        DJANGO_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "404"


def test_production_mode_runs_none_of_the_learners_exercise_files(tmp_path):
    code = (
        "import sys; from django.conf import settings; "
        "print(settings.EXERCISES_LOAD_LEARNER_FILES, sorted(sys.modules))"
    )
    production = run_django(
        code, DJANGO_DEBUG="0", DJANGO_SECRET_KEY=SECRET, DJANGO_VAR_DIR=str(tmp_path)
    )
    development = run_django(code, DJANGO_DEBUG="1", DJANGO_VAR_DIR=str(tmp_path))
    assert production.returncode == development.returncode == 0, production.stderr
    assert production.stdout.startswith("False ")
    assert not [e.module for e in load_manifest() if f"'{e.module}'" in production.stdout]
    assert development.stdout.startswith("True ")  # loaded, however the learner left them


def test_debug_mode_shows_the_toolbar_to_internal_ips_only(client, settings, db):
    # db: in development every page checks migrations and the worker (mysite/dev_notices.py).
    if not settings.DEBUG_TOOLBAR:
        pytest.skip("DJANGO_DEBUG_TOOLBAR=0 in this environment")
    settings.DEBUG = True
    inside = client.get("/", REMOTE_ADDR="127.0.0.1")
    outside = client.get("/", REMOTE_ADDR="203.0.113.9")
    assert b"djDebug" in inside.content
    assert b"djDebug" not in outside.content


def test_the_cache_is_shared_between_processes():
    # A per-process memory cache would let the worker and the web server disagree.
    backend = settings.CACHES["default"]["BACKEND"]
    assert backend != "django.core.cache.backends.locmem.LocMemCache"
    from django.core.cache import cache

    cache.set("shared-probe", "from the test process")
    result = run_django(
        "from django.core.cache import cache; print(cache.get('shared-probe'))",
        DJANGO_VAR_DIR=os.environ["DJANGO_VAR_DIR"],
    )
    assert result.stdout.strip().splitlines()[-1] == "from the test process", result.stderr


@pytest.mark.django_db
def test_seed_demo_twice_changes_nothing(django_user_model, settings):
    from django.core.management import call_command

    settings.DEBUG = True  # seed_demo refuses production mode

    from polls.models import Choice, Question

    def counts():
        return (
            django_user_model.objects.count(),
            Question.objects.count(),
            Choice.objects.count(),
        )

    call_command("seed_demo", stdout=io.StringIO())
    first = counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == first
    assert first[0] >= 3
