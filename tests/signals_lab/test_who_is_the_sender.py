"""The traps of "Who is the sender?": a receiver that silently hears nothing."""

import asyncio

import django
import pytest
from asgiref.sync import async_to_sync
from django.apps.registry import Apps
from django.core.checks.model_checks import _check_lazy_references
from django.db.models.signals import post_delete, post_save, pre_delete

from polls.models import Question

from . import sender_models
from .sender_models import Draft, Place, Restaurant, ShownPlace


@pytest.fixture
def tables(temporary_tables):
    temporary_tables(*sender_models.MODELS)


# --8<-- [start:proxy]
def test_a_save_through_a_proxy_is_sent_by_the_proxy(tables, connected):
    heard = []
    connected(post_save, lambda sender, **kw: heard.append("Place"), sender=Place)
    connected(post_save, lambda sender, **kw: heard.append("Shown"), sender=ShownPlace)

    ShownPlace.objects.create(name="saved through the proxy")
    assert heard == ["Shown"]  # `sender=Place` missed it, though the row is a Place
    heard.clear()
    Place.objects.create(name="saved through the concrete model")
    assert heard == ["Place"]


# --8<-- [end:proxy]


# --8<-- [start:multi_table]
def test_a_child_model_is_the_sender_and_the_parents_receivers_hear_nothing(
    tables,
    connected,
):
    heard = []
    connected(post_save, lambda sender, **kw: heard.append(sender), sender=Place)
    connected(post_save, lambda sender, **kw: heard.append(sender), sender=Restaurant)

    Restaurant.objects.create(name="Chez Test", cuisine="French")  # writes both tables
    assert heard == [Restaurant]
    assert Place.objects.filter(name="Chez Test").exists()  # the parent row is there


# --8<-- [end:multi_table]


# --8<-- [start:forgot_super]
def test_a_save_override_that_forgets_super_sends_nothing(tables, connected):
    heard = []
    connected(post_save, lambda sender, **kw: heard.append(sender), sender=Draft)
    Draft(title=" lost ").save()
    assert heard == []
    assert not Draft.objects.exists()  # and nothing was saved either


# --8<-- [end:forgot_super]


# --8<-- [start:asave]
@pytest.mark.django_db(transaction=True)
def test_asave_sends_post_save_with_the_sync_send(connected):
    where = []

    def receiver(sender, **kwargs):
        try:
            asyncio.get_running_loop()
            where.append("on the event loop")
        except RuntimeError:
            where.append("in a sync thread")

    connected(post_save, receiver, sender=Question)

    async def create():
        await Question.objects.acreate(question_text="async")  # save() in a thread

    async_to_sync(create)()
    assert where == ["in a sync thread"]


# --8<-- [end:asave]


# --8<-- [start:string_sender]
@pytest.mark.django_db
def test_a_string_sender_is_resolved_and_a_typo_is_caught_only_by_check(connected):
    heard = []

    def on_question(sender, **kwargs):
        heard.append(sender)

    connected(post_save, on_question, sender="polls.Question")
    Question.objects.create(question_text="heard through a string")
    assert heard == [Question]

    registry = Apps(installed_apps=())  # a registry of its own, so nothing leaks

    def never_called(sender, **kwargs):
        pass

    post_save.connect(never_called, sender="polls.Qestion", apps=registry)  # no error
    [error] = _check_lazy_references(registry)
    assert error.id == "signals.E001"  # `manage.py check` is what reports the typo


# --8<-- [end:string_sender]


# --8<-- [start:db_cascade]
@pytest.mark.skipif(
    django.VERSION < (6, 1), reason="DB_CASCADE is new in Django 6.1 (CI runs 6.1)"
)
def test_a_database_level_cascade_sends_no_delete_signals(temporary_tables, connected):
    Shelf, Book = sender_models.CASCADE_MODELS
    temporary_tables(Shelf, Book)
    heard = []
    connected(pre_delete, lambda sender, **kw: heard.append("pre"), sender=Book)
    connected(post_delete, lambda sender, **kw: heard.append("post"), sender=Book)
    shelf = Shelf.objects.create(label="top")
    Book.objects.create(shelf=shelf, title="gone without a word")

    shelf.delete()  # the database's ON DELETE CASCADE removes the book
    assert not Book.objects.exists()
    assert heard == []


# --8<-- [end:db_cascade]
