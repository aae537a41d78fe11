"""The trace follows an order into a real Celery worker: the task's signals, its
retries, under the action's trace id, shown by the page's worker fragment."""

from django.urls import reverse

from signals_lab import trace
from tests.conftest import wait_until
from tests.signals_lab.trace_pages import trace_block


def worker_fragment(client):
    url = reverse("signals_lab:trace_worker", args=[client.trace_id])
    response = client.get(url)
    assert response.status_code == 200
    return response


def place_and_land(client, alice, mug):
    client.force_login(alice)
    response = client.post(reverse("orders:new"), {f"qty_{mug.pk}": "1"})
    assert response.status_code == 302
    client.trace_id = client.cookies[trace.PENDING_COOKIE].value
    block = trace_block(client.get(response["Location"]).content.decode())
    assert block.fired("order_placed")
    assert "Celery tasks queued" in block.html
    assert block.html.count("<code>orders.tasks.send_order_email</code>") >= 2
    return block


def test_the_worker_records_the_email_task_under_the_trace_id(celery_worker, client, alice, mug):
    place_and_land(client, alice, mug)
    wait_until(
        lambda: worker_fragment(client)["X-Trace-Done"] == "1",
        timeout=60,
        message="the worker's part of the trace",
    )
    fragment = worker_fragment(client).content.decode()
    assert fragment.count("In the worker, ") == 2
    assert "<code>orders.tasks.send_order_email</code>:\n    succeeded" in fragment
    part = trace_block('<details class="signals-trace">' + fragment + "</main>")
    # The worker loads the outbox row, then claims and records it with UPDATEs,
    # which send no signals: the trace shows the load and no save.
    assert part.fired("post_init", sender="orders.models.OrderEmail")
    assert not part.fired("post_save", sender="orders.models.OrderEmail")
    assert 'data-state="SUCCESS"' in fragment


def test_a_refused_email_shows_the_retry_then_the_success(smtp_worker, smtp, client, alice, mug):
    smtp.refuse(1, containing="is confirmed")
    place_and_land(client, alice, mug)
    wait_until(
        lambda: worker_fragment(client)["X-Trace-Done"] == "1",
        timeout=90,
        message="the retried task's part of the trace",
    )
    fragment = worker_fragment(client).content.decode()
    assert 'data-state="RETRY"' in fragment and "will be retried: Retry in" in fragment
    assert "(retry 1)" in fragment
    assert fragment.count('data-state="SUCCESS"') == 2
