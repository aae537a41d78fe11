from contextlib import contextmanager
from decimal import Decimal

import pytest

from tests.conftest import running_worker, tasks_sent_to

from .smtp import FlakySMTPHandler, start_smtp_server


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user("alice", "alice@example.com", "alice-signals")


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        "staffer", "staffer@example.com", "staff-signals", is_staff=True
    )


@pytest.fixture
def mug(db):
    from orders.models import Product

    return Product.objects.create(
        name="Receiver mug", price=Decimal("12.00"), stock=20, low_stock_threshold=3
    )


@pytest.fixture
def flag(db):
    from orders.models import Product

    return Product.objects.create(
        name="Signal flag", price=Decimal("4.50"), stock=5, low_stock_threshold=2
    )


# --- a real SMTP server, and a worker that relays to it ------------------------


@pytest.fixture(scope="session")
def smtp_server():
    handler = FlakySMTPHandler()
    controller = start_smtp_server(handler)
    try:
        yield controller
    finally:
        controller.stop()


@pytest.fixture
def smtp(smtp_server):
    """The SMTP server's handler, emptied for this test; `refuse(n)` makes it refuse mail."""
    smtp_server.handler.reset()
    yield smtp_server.handler
    smtp_server.handler.reset()


@pytest.fixture(scope="session")
def smtp_worker_process(django_db_setup, smtp_server, tmp_path_factory):
    """A Celery worker whose emails go over SMTP to `smtp_server` (EMAIL_URL).

    The shared `celery_worker` cannot be used for this: its environment is
    fixed when the first test starts it, and EMAIL_URL must be in it.
    """
    email_url = f"smtp://{smtp_server.hostname}:{smtp_server.port}"
    # Retries a fifth of a second apart, not the site's ten: the tests wait for them.
    fast_retries = {"ORDERS_EMAIL_RETRY_SECONDS": "0.2"}
    with running_worker(
        tmp_path_factory.mktemp("smtp-worker"), EMAIL_URL=email_url, **fast_retries
    ) as worker:
        yield worker


@pytest.fixture
def smtp_worker(smtp_worker_process, transactional_db, smtp):
    with tasks_sent_to(smtp_worker_process) as worker:
        yield worker


# --- a broker that is down -------------------------------------------------------


@contextmanager
def broker_at(url, transport_options):
    """Point this process's Celery producer at `url` (the worker keeps its own broker)."""
    from mysite.celery import app, conf_overridden

    with conf_overridden(broker_url=url, broker_transport_options=transport_options):
        yield app
