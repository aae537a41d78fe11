"""Errata 2-11 of issue 10: each corrected claim of the docs, proved here.

The chapters include these tests next to the sentence they prove. Erratum 1
(when post_save runs relative to the commit) is in test_signals_101.py, and
erratum 12 (the processes `make run` starts) in test_getting_started.py.
"""

import asyncio
import logging
import subprocess
import sys
import threading
from pathlib import Path
from types import SimpleNamespace

import django
import pytest
from django.apps import apps
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import Signal
from django.test.utils import CaptureQueriesContext

from blog.models import Post

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = (
    ROOT / "var" / "django-sdist" / f"django-{django.get_version()}"
    / "docs" / "intro" / "tutorial04.txt"
)  # fmt: skip


# --8<-- [start:tutorial_uses_f]
@pytest.mark.skipif(
    not TUTORIAL.exists(),
    reason="needs Django's source: run `python tests/django_own_suites.py` once",
)
def test_djangos_own_tutorial_counts_votes_with_an_f_expression():
    vote_view = TUTORIAL.read_text()
    assert 'selected_choice.votes = F("votes") + 1' in vote_view
    assert "selected_choice.votes += 1" not in vote_view


# --8<-- [end:tutorial_uses_f]


# --8<-- [start:historical_models]
@pytest.mark.django_db
def test_a_data_migration_saves_a_historical_class_that_sender_post_misses(
    django_user_model,
):
    heard = []

    def on_post(sender, **kwargs):
        heard.append("sender=Post")

    def on_any(sender, **kwargs):
        heard.append(sender)

    # What RunPython's `apps` holds: the models as the migrations last left them.
    historical_apps = MigrationLoader(connection).project_state().apps
    HistoricalPost = historical_apps.get_model("blog", "Post")
    author = django_user_model.objects.create(username="writer")
    post_save.connect(on_post, sender=Post)
    post_save.connect(on_any)
    try:
        HistoricalPost.objects.create(
            author_id=author.pk,
            title="Old",
            slug="old",
            body="x",
        )
    finally:
        post_save.disconnect(on_post, sender=Post)
        post_save.disconnect(on_any)
    assert HistoricalPost is not Post
    assert heard == [HistoricalPost]  # only the receiver with no sender heard it


# --8<-- [end:historical_models]


# --8<-- [start:delete_batches]
@pytest.mark.django_db
def test_queryset_delete_sends_a_pair_per_object_but_deletes_in_one_query(
    django_user_model,
):
    author = django_user_model.objects.create(username="writer")
    for n in range(3):
        Post.objects.create(author=author, title=f"Post {n}", body="x")
    deleted = []

    def receiver(sender, instance, **kwargs):
        deleted.append(instance.title)

    post_delete.connect(receiver, sender=Post)
    try:
        with CaptureQueriesContext(connection) as queries:
            Post.objects.all().delete()
    finally:
        post_delete.disconnect(receiver, sender=Post)
    table = connection.ops.quote_name(Post._meta.db_table)
    sql = [query["sql"] for query in queries]
    deletes = [line for line in sql if line.startswith(f"DELETE FROM {table} ")]
    assert sorted(deleted) == ["Post 0", "Post 1", "Post 2"]  # one signal per object
    assert len(deletes) == 1  # one DELETE ... WHERE id IN (...) for all three


# --8<-- [end:delete_batches]


# --8<-- [start:migrate_without_models]
@pytest.mark.django_db
def test_post_migrate_skips_apps_that_have_no_models_module():
    senders = []

    def receiver(sender, **kwargs):
        senders.append(sender.label)

    post_migrate.connect(receiver)
    try:
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    finally:
        post_migrate.disconnect(receiver)
    assert apps.get_app_config("staticfiles").models_module is None
    assert "staticfiles" not in senders  # installed, but no models.py: not sent
    assert "polls" in senders and "auth" in senders


# --8<-- [end:migrate_without_models]


# --8<-- [start:acks_late]
def test_acks_late_alone_acks_a_killed_childs_task_so_the_project_rejects_it():
    from celery import Celery

    from mysite.celery import app

    # Celery's default: when the child process running a task dies (OOM, SIGKILL),
    # the message is acknowledged anyway, even with acks_late, so it is NOT
    # delivered again.
    assert not Celery(set_as_current=False).conf.task_reject_on_worker_lost
    # The project turns both on: a killed child puts its message back.
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True


# --8<-- [end:acks_late]


# --8<-- [start:send_robust_logs]
def test_send_robust_logs_the_exception_itself(caplog):
    ping = Signal()

    def broken(sender, **kwargs):
        raise ValueError("receiver bug")

    ping.connect(broken)
    with caplog.at_level(logging.ERROR, logger="django.dispatch"):
        [(_, error)] = ping.send_robust(sender=None)
    assert isinstance(error, ValueError)
    [record] = [r for r in caplog.records if r.name == "django.dispatch"]
    assert "broken" in record.getMessage() and record.exc_info[1] is error


# --8<-- [end:send_robust_logs]


# --8<-- [start:async_receiver_thread]
def test_under_send_an_async_receiver_runs_in_another_thread_on_its_own_loop():
    ping = Signal()
    where = {}

    def sync_receiver(sender, **kwargs):
        where["sync"] = threading.get_ident()

    async def async_receiver(sender, **kwargs):
        where["async"] = threading.get_ident()
        where["loop"] = asyncio.get_running_loop() is not None

    ping.connect(sync_receiver)
    ping.connect(async_receiver)
    ping.send(sender=None)  # a plain sync call: no event loop in this thread
    assert where["sync"] == threading.get_ident()
    assert where["async"] != threading.get_ident()  # async_to_sync ran it elsewhere
    assert where["loop"]


# --8<-- [end:async_receiver_thread]


# --8<-- [start:what_django_imports]
WHAT_IS_IMPORTED = """
import sys, django
django.setup()
print("admin", "polls.admin" in sys.modules)
print("urls", "polls.urls" in sys.modules)
from django.urls import reverse
reverse("polls:index")
print("urls after reverse()", "polls.urls" in sys.modules)
"""


def test_setup_imports_admin_through_autodiscover_and_urls_only_when_needed():
    result = subprocess.run(
        [sys.executable, "-c", WHAT_IS_IMPORTED],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "mysite.settings_test", "PATH": ""},
    )
    assert result.stdout.splitlines() == [
        "admin True",  # django.contrib.admin's ready() runs autodiscover()
        "urls False",  # not at start-up: a worker that never resolves a URL never does
        "urls after reverse() True",
    ]


# --8<-- [end:what_django_imports]


# --8<-- [start:extra_signals]
def test_the_toolbars_signals_panel_adds_the_signals_named_in_extra_signals():
    from debug_toolbar.panels.signals import SignalsPanel

    from polls.signals import vote_cast

    panel = SignalsPanel.__new__(SignalsPanel)  # only its list of signals is used
    panel.toolbar = SimpleNamespace(config={"EXTRA_SIGNALS": []})
    assert "vote_cast" not in panel.signals
    panel.toolbar.config["EXTRA_SIGNALS"] = ["polls.signals.vote_cast"]
    assert panel.signals["vote_cast"] is vote_cast


# --8<-- [end:extra_signals]


@pytest.mark.parametrize("debug", [True, False], ids=["DEBUG on", "DEBUG off"])
def test_only_debug_refuses_a_receiver_without_kwargs_when_it_connects(settings, debug):
    # docs/exercises/index.md: why production mode imports no learner's exercise file.
    settings.DEBUG = debug
    signal = Signal()

    def no_kwargs(sender):
        pass

    if debug:
        with pytest.raises(ValueError, match="must accept keyword arguments"):
            signal.connect(no_kwargs)
        return
    signal.connect(no_kwargs)
    try:
        with pytest.raises(TypeError, match="unexpected keyword argument"):
            signal.send(sender=None, instance=object())  # the first send fails instead
    finally:
        signal.disconnect(no_kwargs)
