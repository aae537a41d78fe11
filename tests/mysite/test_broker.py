"""The real-worker tests run on the broker the run names: CI's RabbitMQ run really uses it."""

from django.conf import settings


def test_the_real_worker_is_connected_to_the_configured_broker(celery_worker):
    scheme = settings.CELERY_BROKER_URL.split("://", 1)[0]
    assert f"Connected to {scheme}://" in celery_worker["log"].read_text()
