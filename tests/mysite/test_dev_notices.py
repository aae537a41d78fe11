"""In development the site says what is missing: migrations, a Celery worker, the docs."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from mysite import dev_notices
from mysite.worker_heartbeat import HEARTBEAT_KEY, beat
from orders.models import Order, OrderEmail, Product
from tests.conftest import running_worker, wait_until

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def development(settings):
    settings.DEBUG = True
    settings.CELERY_TASK_ALWAYS_EAGER = False


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user("alice", "alice@example.com", "alice-signals")


@pytest.fixture
def mug(db):
    return Product.objects.create(name="Receiver mug", price=Decimal("12.00"), stock=20)


def worker_notice(client):
    page = client.get(reverse("home"))
    assert page.status_code == 200
    html = page.content.decode()
    return html if 'data-notice="worker"' in html else None


# --- unapplied migrations -----------------------------------------------------


def test_unapplied_migrations_answer_a_page_that_says_to_migrate(development, client):
    call_command("migrate", "polls", "zero", verbosity=0)
    try:
        page = client.get("/polls/")
        assert page.status_code == 503, "not a 500 with 'no such table'"
        html = page.content.decode()
        assert "The database is not ready yet" in html
        assert "python manage.py migrate" in html
        assert "polls.0001_initial" in html
    finally:
        call_command("migrate", verbosity=0)
    # Migrated in another terminal: the same server now serves the page.
    assert client.get("/polls/").status_code == 200


def test_the_migrations_page_is_development_only(settings, client):
    settings.DEBUG = False
    call_command("migrate", "polls", "zero", verbosity=0)
    try:
        assert dev_notices.pending_migrations(), "the check itself sees them"
        with pytest.raises(Exception, match="polls_"):
            client.get("/polls/")  # production: Django's own error, no friendly page
    finally:
        call_command("migrate", verbosity=0)


# --- no Celery worker ---------------------------------------------------------


def test_queued_emails_without_a_worker_show_a_notice_that_a_heartbeat_removes(
    development, own_queue, client, alice, mug
):
    client.force_login(alice)
    assert client.post(reverse("orders:new"), {f"qty_{mug.pk}": "1"}).status_code == 302
    html = worker_notice(client)
    assert html, "no worker runs: the page must say so"
    assert "2 order emails are waiting" in html  # the confirmation and the staff notice
    assert dev_notices.WORKER_COMMAND in html
    assert OrderEmail.objects.filter(sent_at__isnull=True).count() == 2

    # An email the mail server refused is not waiting for a worker.
    OrderEmail.objects.filter(pk=OrderEmail.objects.first().pk).update(
        status=OrderEmail.Status.FAILED
    )
    assert "1 order email is waiting" in worker_notice(client)

    beat([own_queue])  # what a worker reading this queue writes on worker_ready
    assert worker_notice(client) is None

    beat(["some-other-queue"])  # a worker elsewhere does not send these emails
    from django.core.cache import cache

    cache.delete(HEARTBEAT_KEY.format(queue=own_queue))
    assert worker_notice(client)


@pytest.mark.worker
@pytest.mark.waits
def test_a_worker_started_afterwards_sends_the_email_and_the_notice_goes(
    development, own_queue, client, alice, mug, tmp_path
):
    client.force_login(alice)
    client.post(reverse("orders:new"), {f"qty_{mug.pk}": "1"})
    order = Order.objects.get()
    assert "2 order emails are waiting" in worker_notice(client)
    assert order.emails.filter(sent_at__isnull=True).count() == 2

    with running_worker(tmp_path, queue=own_queue, clean_stop=True):
        wait_until(
            lambda: not order.emails.filter(sent_at__isnull=True).exists(),
            timeout=60,
            message="the worker to send the waiting emails",
        )
        assert worker_notice(client) is None
        page = client.get(reverse("orders:detail", args=[order.pk])).content.decode()
        assert "No Celery worker is running" not in page
    # The worker stopped cleanly (worker_shutdown): the notice is back at once.
    assert worker_notice(client)


def test_no_notices_outside_development(settings, own_queue, client):
    settings.DEBUG = False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    assert "dev-notice" not in client.get(reverse("home")).content.decode()


# --- the docs -----------------------------------------------------------------


def test_docs_not_served_show_how_to_serve_them(development, settings, client):
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.DOCS_URL = f"http://127.0.0.1:{port}/"
    dev_notices._docs_seen.update(at=0.0)
    html = client.get(reverse("home")).content.decode()
    dev_notices._docs_seen.update(at=0.0)
    assert 'data-notice="docs"' in html
    assert f"mkdocs serve --dev-addr 127.0.0.1:{port}" in html
