"""The trace store: bounded in rows and age, one learner's traces never another's."""

import pytest
from django.urls import reverse

from signals_lab import trace

from .trace_pages import act, trace_block

pytestmark = pytest.mark.django_db(transaction=True)


def a_trace(learner, sends=0, callbacks=0):
    send = {"signal": "x.post_save", "method": "send", "sender": "s", "depth": 0,
            "in_transaction": [], "calls": []}  # fmt: skip
    callback = {"callback": "f", "queued_by": None, "queued_in_transaction": False,
                "state": "ran at once", "queued_at": None}  # fmt: skip
    return {
        "id": trace.new_id(),
        "learner": learner,
        "sends": [send] * sends,
        "callbacks": [callback] * callbacks,
        "omitted": 0,
    }


def test_a_trace_keeps_its_first_rows_and_counts_the_rest():
    learner = trace.new_id()
    stored = trace.save(a_trace(learner, sends=trace.MAX_SENDS + 7, callbacks=trace.MAX_SENDS + 2))
    loaded = trace.load(stored["id"], learner)
    assert len(loaded["sends"]) == trace.MAX_SENDS and loaded["omitted"] == 7
    assert len(loaded["callbacks"]) == trace.MAX_SENDS and loaded["omitted_callbacks"] == 2


@pytest.mark.waits  # for the TTL to pass
def test_a_trace_expires_after_its_ttl(monkeypatch):
    learner = trace.new_id()
    monkeypatch.setattr(trace, "TTL", 1)
    stored = trace.save(a_trace(learner, sends=1))
    assert trace.load(stored["id"], learner) is not None
    import time

    time.sleep(1.2)
    assert trace.load(stored["id"], learner) is None


def test_another_learner_cannot_read_a_trace():
    alice, bob = trace.new_id(), trace.new_id()
    stored = trace.save(a_trace(alice, sends=1))
    assert trace.load(stored["id"], alice) is not None
    assert trace.load(stored["id"], bob) is None
    assert trace.load(stored["id"], None) is None
    assert trace.load("../../etc/passwd", alice) is None


def test_two_browsers_see_only_their_own_action(client, django_user_model):
    from django.test import Client

    other = Client()
    client.post(reverse("signals_lab:add_note"), {"text": "mine"})
    other.post(reverse("signals_lab:add_note"), {"text": "theirs"})
    mine, theirs = (
        client.cookies[trace.PENDING_COOKIE].value,
        other.cookies[trace.PENDING_COOKIE].value,
    )
    assert mine != theirs
    # The other browser presents my pending-trace cookie with its own learner id.
    other.cookies[trace.PENDING_COOKIE] = mine
    stolen = other.get(reverse("signals_lab:lab")).content.decode()
    assert trace_block(stolen) is None
    worker_url = reverse("signals_lab:trace_worker", args=[mine])
    assert other.get(worker_url).status_code == 404
    assert client.get(worker_url).status_code == 200
    own = trace_block(client.get(reverse("signals_lab:lab")).content.decode())
    assert own.fired("post_save", "signals_lab.signals.forget_note_count")


def test_an_anonymous_learner_keeps_their_id_across_sign_in(client, django_user_model):
    django_user_model.objects.create_user("carol", password="pw-for-trace-tests")
    act(client, reverse("signals_lab:add_note"), {"text": "anonymous"})
    learner = client.cookies[trace.LEARNER_COOKIE].value
    block = act(client, reverse("login"), {"username": "carol", "password": "pw-for-trace-tests"})
    assert block.fired("user_logged_in")
    assert client.cookies[trace.LEARNER_COOKIE].value == learner


def test_a_forged_learner_cookie_is_ignored(client):
    client.cookies[trace.LEARNER_COOKIE] = "0" * 32  # not signed
    block = act(client, reverse("signals_lab:add_note"), {"text": "forged"})
    assert block.fired("post_save")
    assert client.cookies[trace.LEARNER_COOKIE].value != "0" * 32


def test_an_expired_trace_leaves_the_page_as_it_was(client):
    response = client.post(reverse("signals_lab:add_note"), {"text": "gone"})
    from django.core.cache import cache

    cache.clear()
    page = client.get(response["Location"])
    assert trace_block(page.content.decode()) is None
    assert "signals-lab-trace" not in page.content.decode()
    assert page.cookies[trace.PENDING_COOKIE].value == ""  # the cookie is dropped


def test_a_page_without_the_slot_leaves_the_trace_for_the_next_one(client):
    client.post(reverse("signals_lab:add_note"), {"text": "wait for me"})
    pending = client.cookies[trace.PENDING_COOKIE].value
    worker = client.get(reverse("signals_lab:trace_worker", args=[pending]))  # a fragment
    assert worker.status_code == 200 and trace.PENDING_COOKIE not in worker.cookies
    block = trace_block(client.get(reverse("signals_lab:lab")).content.decode())
    assert block.fired("post_save", "signals_lab.signals.forget_note_count")


def test_with_the_trace_off_nothing_is_recorded_or_shown(client, settings):
    settings.SIGNALS_TRACE = False
    from django.test import Client

    fresh = Client()  # the middleware is dropped when the handler loads it
    response = fresh.post(reverse("signals_lab:add_note"), {"text": "untraced"})
    assert trace.PENDING_COOKIE not in response.cookies
    assert trace_block(fresh.get(response["Location"]).content.decode()) is None


def test_a_get_with_no_trace_waiting_never_reads_the_store(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the store was read for a page with no trace waiting")

    monkeypatch.setattr(trace, "load", refuse)
    monkeypatch.setattr("signals_lab.trace_render.render_block", refuse)
    page = client.get(reverse("signals_lab:lab"))
    assert page.status_code == 200
    assert b"signals-lab-trace" not in page.content and b"signals-trace" not in page.content


def test_a_json_answer_to_a_post_never_replaces_the_trace_waiting(client, settings):
    if not settings.DEBUG_TOOLBAR:
        pytest.skip("the debug toolbar is off (DJANGO_DEBUG_TOOLBAR=0)")
    settings.DEBUG = True  # the toolbar's history form POSTs and gets JSON back
    client.post(reverse("signals_lab:add_note"), {"text": "the action"})
    pending = client.cookies[trace.PENDING_COOKIE].value
    from debug_toolbar.store import get_store

    request_id = list(get_store().request_ids())[-1]
    answer = client.post(f"/__debug__/history_sidebar/?request_id={request_id}")
    assert answer["Content-Type"] == "application/json"
    assert client.cookies[trace.PENDING_COOKIE].value == pending
    block = trace_block(client.get(reverse("signals_lab:lab")).content.decode())
    assert block.fired("post_save", "signals_lab.signals.forget_note_count")
