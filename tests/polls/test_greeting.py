import pytest
from django.core import serializers
from django.db import transaction

from mysite.models import SentEmail
from polls.models import Greeting
from polls.tasks import send_greeting
from tests.conftest import wait_until

pytestmark = pytest.mark.django_db(transaction=True)


class Rollback(Exception):
    pass


def test_a_new_user_is_greeted_after_commit(django_user_model, mailoutbox):
    with transaction.atomic():
        django_user_model.objects.create_user("newcomer", "newcomer@example.com", "pw-x-123")
        assert mailoutbox == []  # queued for after commit, not sent yet
    [email] = mailoutbox
    assert email.to == ["newcomer@example.com"]
    assert "Welcome" in email.subject


def test_a_rolled_back_sign_up_sends_nothing(django_user_model, mailoutbox):
    with pytest.raises(Rollback), transaction.atomic():
        django_user_model.objects.create_user("ghost", "ghost@example.com", "pw-x-123")
        raise Rollback
    assert mailoutbox == []


def test_an_update_sends_nothing(django_user_model, mailoutbox):
    user = django_user_model.objects.create_user("once", "once@example.com", "pw-x-123")
    mailoutbox.clear()
    user.first_name = "Once"
    user.save()
    assert mailoutbox == []


def test_a_user_without_email_is_not_greeted(django_user_model, mailoutbox):
    django_user_model.objects.create_user("quiet", password="pw-x-123")
    assert mailoutbox == []


def test_loaddata_sends_nothing(mailoutbox):
    data = '[{"model": "auth.user", "pk": 500, "fields": {"username": "fixture", "email": "f@example.com", "password": "!"}}]'  # noqa: E501
    for obj in serializers.deserialize("json", data):
        obj.save()
    assert mailoutbox == []


def test_the_task_delivered_twice_greets_once(django_user_model, mailoutbox):
    user = django_user_model.objects.create_user("twice", "twice@example.com", "pw-x-123")
    send_greeting(user.pk)  # a second delivery of the same message
    assert len(mailoutbox) == 1
    assert Greeting.objects.filter(user=user).count() == 1


def test_a_failed_send_is_not_marked_as_greeted(django_user_model, outbox_backend):
    outbox_backend.SMTP_RELAY = {"host": "127.0.0.1", "port": 1, "timeout": 1}  # refused
    user = django_user_model.objects.create_user("unlucky", password="pw-x-123")  # no email yet
    user.email = "unlucky@example.com"
    user.save()
    with pytest.raises(OSError):  # SMTP refused: the marker must roll back with it
        send_greeting.run(user.pk)
    assert not Greeting.objects.filter(user=user).exists()


@pytest.mark.worker
def test_the_real_worker_sends_the_greeting_to_the_outbox(celery_worker, django_user_model):
    django_user_model.objects.create_user("worker-test", "worker@example.com", "pw-x-123")
    email = wait_until(
        lambda: SentEmail.objects.filter(to="worker@example.com").first(),
        message="the worker to send the greeting",
    )
    assert "Welcome" in email.subject


def test_a_sign_up_while_the_broker_is_down_succeeds_without_a_greeting(django_user_model, caplog):
    # Best-effort, on purpose: the account is made, the greeting is dropped and logged.
    from mysite.celery import conf_overridden
    from tests.orders.conftest import broker_at

    with (
        broker_at("redis://127.0.0.1:1/0", {"max_retries": 0, "socket_timeout": 1}),
        conf_overridden(task_always_eager=False),
    ):
        user = django_user_model.objects.create_user("offline", "off@x.example", "pw-x-1")
    assert django_user_model.objects.filter(pk=user.pk).exists()
    assert "polls.tasks.send_greeting" in caplog.text and "dropped" in caplog.text
    assert not Greeting.objects.filter(user=user).exists()
