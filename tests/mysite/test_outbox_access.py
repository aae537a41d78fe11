"""The Outbox shows customers' emails: anyone may read it in development only."""

import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from mysite.models import SentEmail

pytestmark = pytest.mark.django_db
SECRET_LINE = "Your order ships to 1 Private Lane"


@pytest.fixture
def sent(db):
    # What the Outbox backend records for each message sent (pytest-django swaps the
    # email backend for its own, so the row is written here).
    SentEmail.objects.create(
        subject="Your order",
        from_email="shop@example.com",
        to="customer@example.com",
        body=SECRET_LINE,
    )


def test_in_development_anyone_reads_the_outbox(client, settings, sent):
    settings.OUTBOX_PUBLIC = True
    response = client.get(reverse("outbox"))
    assert response.status_code == 200
    assert "customer@example.com" in response.content.decode()


def test_in_production_a_visitor_is_sent_to_log_in(client, settings, sent):
    settings.OUTBOX_PUBLIC = False
    response = client.get(reverse("outbox"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=/outbox/")
    response = client.get(reverse("outbox"), follow=True)
    assert "customer@example.com" not in response.content.decode()


def test_in_production_a_customer_who_is_not_staff_is_refused(client, settings, sent):
    settings.OUTBOX_PUBLIC = False
    client.force_login(get_user_model().objects.create_user("mallory", password="x-y-z-12"))
    response = client.get(reverse("outbox"))
    assert response.status_code == 403
    assert "customer@example.com" not in response.content.decode()


def test_in_production_staff_read_it(client, settings, sent):
    settings.OUTBOX_PUBLIC = False
    staff = get_user_model().objects.create_user("staffer", password="x-y-z-12", is_staff=True)
    client.force_login(staff)
    response = client.get(reverse("outbox"))
    assert response.status_code == 200
    assert "customer@example.com" in response.content.decode()


def test_the_setting_follows_debug_unless_set():
    code = "from django.conf import settings; print(settings.OUTBOX_PUBLIC)"
    env = {"DJANGO_SETTINGS_MODULE": "mysite.settings", "DJANGO_SECRET_KEY": "t" * 50}
    for debug, expected in (("1", "True"), ("0", "False")):
        result = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            env={**os.environ, **env, "DJANGO_DEBUG": debug},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.stdout.strip() == expected, result.stderr
