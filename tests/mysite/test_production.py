"""`make production` (bin/production) serves pages, static files and order emails.

Real processes: gunicorn with gthread workers, a prefork Celery worker and
beat, in production mode (DJANGO_DEBUG=0), on this run's database and broker.
"""

import re

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from orders.models import Order, OrderEmail
from tests.conftest import wait_until
from tests.orders.delivery_smtp import RestartableSMTPServer

from .production_site import production_site

pytestmark = [pytest.mark.worker, pytest.mark.waits, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def smtp_server():
    server = RestartableSMTPServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def site(smtp_server, tmp_path, transactional_db):
    with production_site(tmp_path / "production.log", EMAIL_URL=smtp_server.url) as site:
        yield site


@pytest.fixture
def shop(django_user_model):
    from blog.models import Post
    from orders.models import Product

    alice = django_user_model.objects.create_user("alice", "alice@example.com")
    # Hashed as production mode hashes (the test settings use a fast MD5 hasher).
    alice.password = PBKDF2PasswordHasher().encode("alice-signals", "productionsalt")
    alice.save(update_fields=["password"])
    post = Post.objects.create(title="Served by gunicorn", body="Some words.", author=alice)
    mug = Product.objects.create(name="Receiver mug", price="12.00", stock=20)
    return {"post": post, "mug": mug}


def test_pages_static_files_and_an_order_email_through_the_production_server(
    site, smtp_server, shop
):
    home = site.get("/")
    assert home.status_code == 200 and "djdt" not in home.text  # no debug toolbar
    assert "Served by gunicorn" in site.get("/blog/").text
    post = site.get(f"/blog/post/{shop['post'].slug}/")
    assert post.status_code == 200 and "Served by gunicorn" in post.text
    missing = site.get("/blog/post/no-such-post/")
    assert missing.status_code == 404 and "Traceback" not in missing.text

    # Static files: hashed names from collectstatic, served by whitenoise.
    login_page = site.get("/accounts/login/").text
    css = re.search(r"/static/admin/css/base\.[0-9a-f]{12}\.css", site.get("/admin/login/").text)
    assert css, "the admin login page links no hashed stylesheet"
    stylesheet = site.get(css.group(0))
    assert stylesheet.status_code == 200 and "text/css" in stylesheet.headers["Content-Type"]
    assert "immutable" in stylesheet.headers["Cache-Control"]

    # An order, placed through the forms; its email goes out through the worker.
    assert "csrfmiddlewaretoken" in login_page
    logged_in = site.post_form(
        "/accounts/login/", {"username": "alice", "password": "alice-signals"}
    )
    assert logged_in.status_code == 302
    placed = site.post_form("/orders/new/", {f"qty_{shop['mug'].pk}": "2"})
    assert placed.status_code == 302, placed.text[:2000]
    order = Order.objects.get()
    assert placed.headers["Location"] == f"/orders/{order.pk}/"
    wait_until(
        lambda: not order.emails.exclude(status=OrderEmail.Status.SENT).exists(),
        timeout=60,
        message="the production worker to send the order emails",
    )
    subjects = sorted(m["Subject"] for m in smtp_server.handler.order_messages(order.reference))
    assert subjects == [
        f"New order {order.reference} from alice",
        f"Your order {order.reference} is confirmed",
    ]
    assert "sent" in site.get(f"/orders/{order.pk}/").text
