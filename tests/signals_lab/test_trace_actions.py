"""Every action on a pattern page shows its own trace on the page it lands on.

Each test submits the form the page has, follows the redirect as a browser
does, and reads the rows of the "What just fired" block there.
"""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from blog.models import Post
from orders.models import Order, Product
from orders.services import place_order
from polls.models import Question
from signals_lab.models import Note

from .trace_pages import act, trace_block

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "pw-for-trace-tests"


@pytest.fixture
def alice(db):
    return get_user_model().objects.create_user("alice", "alice@example.com", PASSWORD)


@pytest.fixture
def signed_in(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def mug(db):
    return Product.objects.create(name="Receiver mug", price=Decimal("12.00"), stock=20)


def test_a_vote_shows_vote_cast_and_the_receiver_that_tallies_it(client):
    question = Question.objects.create(question_text="Which signal fires after a save?")
    choice = question.choices.create(choice_text="post_save")
    block = act(client, reverse("polls:vote", args=[question.pk]), {"choice": choice.pk})
    assert block.fired("vote_cast", "polls.signals.tally_vote", sender="polls.models.Question")
    assert "polls.signals.tally_vote" in block.html


def test_the_trace_shows_once_and_a_plain_page_has_none(client):
    note_page = act(client, reverse("signals_lab:add_note"), {"text": "only once"})
    assert note_page.fired("post_save", "signals_lab.signals.forget_note_count")
    again = client.get(reverse("signals_lab:lab"))
    assert trace_block(again.content.decode()) is None


def test_a_lab_note_shows_post_save_its_receiver_and_the_callback_after_commit(client):
    block = act(client, reverse("signals_lab:add_note"), {"text": "Receivers run first"})
    assert block.fired(
        "post_save", "signals_lab.signals.forget_note_count", sender="signals_lab.models.Note"
    )
    assert "queued by <code>signals_lab.signals.forget_note_count</code>" in block.html
    assert "inside a transaction; <strong>ran after the commit</strong>" in block.html
    assert 'href="http://' in block.html and "going-further/signals-sent/" in block.html


def test_sharing_a_note_shows_the_async_receiver_of_asend(client):
    note = Note.objects.create(text="Share me")
    block = act(client, reverse("signals_lab:share", args=[note.pk]))
    assert block.fired("note_shared", "signals_lab.signals.count_shares")
    assert block.fired("note_shared", "signals_lab.signals.log_share")
    assert "(asend)" in block.html and "(async)" in block.html


def test_sign_up_shows_the_profile_made_by_post_save_and_the_login(client):
    data = {
        "username": "newcomer",
        "email": "newcomer@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    block = act(client, reverse("profiles:signup"), data)
    assert block.fired("post_save", "profiles.signals.create_profile")
    assert block.fired("user_logged_in", "profiles.signals.record_login")


def test_sign_in_and_sign_out_each_show_their_auth_signal(client, alice):
    data = {"username": "alice", "password": PASSWORD}
    signed_in = act(client, reverse("login"), data)
    assert signed_in.fired("user_logged_in", "profiles.signals.record_login")
    signed_out = act(client, reverse("logout"))
    assert signed_out.fired("user_logged_out", "profiles.signals.record_logout")


def test_a_failed_sign_in_shows_user_login_failed_on_the_form_itself(client, alice):
    data = {"username": "alice", "password": "not the password"}
    block = act(client, reverse("login"), data, expect=200)
    assert block.fired("user_login_failed", "profiles.signals.record_failed_login")
    assert not block.fired("user_logged_in")


def test_a_profile_edit_shows_the_profile_saved(signed_in):
    data = {"bio": "I read signals", "birth_date": "", "time_zone": "UTC"}
    block = act(signed_in, reverse("profiles:edit"), data)
    assert block.fired("post_save", sender="profiles.models.Profile")


def test_creating_editing_and_deleting_a_post_show_the_blog_receivers(signed_in):
    data = {"title": "Signals at work", "body": "Some words.", "tags": "django", "published": "on"}
    created = act(signed_in, reverse("blog:create"), data)
    assert created.fired("pre_save", "blog.signals.fill_slug", sender="blog.models.Post")
    assert created.fired("post_save", "blog.invalidation.drop_pages_of_saved_post")
    assert created.fired("m2m_changed", "blog.invalidation.drop_pages_on_tags_change")

    post = Post.objects.get()
    edited = act(signed_in, reverse("blog:edit", args=[post.slug]), {**data, "body": "More."})
    assert edited.fired("pre_save", "blog.signals.set_reading_stats")

    deleted = act(signed_in, reverse("blog:delete", args=[post.slug]))
    assert deleted.fired("pre_delete", "blog.invalidation.note_pages_of_deleted_post")
    assert deleted.fired("post_delete", "blog.signals.remove_files_of_deleted_post")


def test_changing_a_posts_tags_shows_m2m_changed(signed_in, alice):
    post = Post.objects.create(title="Tagged", body="Words.", author=alice, published=True)
    data = {"title": "Tagged", "body": "Words.", "tags": "signals, cache", "published": "on"}
    block = act(signed_in, reverse("blog:edit", args=[post.slug]), data)
    assert block.fired("m2m_changed", "blog.invalidation.drop_pages_on_tags_change")


def test_a_comment_shows_the_page_it_drops_from_the_cache(signed_in, alice):
    post = Post.objects.create(title="Comment me", body="Words.", author=alice, published=True)
    block = act(signed_in, reverse("blog:comment", args=[post.slug]), {"body": "Nice one"})
    assert block.fired(
        "post_save", "blog.invalidation.drop_page_of_commented_post", sender="blog.models.Comment"
    )


def test_placing_an_order_shows_order_placed_the_reference_and_the_email_task(signed_in, mug):
    block = act(signed_in, reverse("orders:new"), {f"qty_{mug.pk}": "1"})
    assert block.fired("order_placed", sender="orders.models.Order")
    assert block.fired("post_save", "orders.signals.stamp_reference")
    # Tests run tasks inline (CELERY_TASK_ALWAYS_EAGER): the block says so.
    assert "Run inline" in block.html and "orders.tasks.send_order_email" in block.html


def test_cancelling_an_order_shows_order_status_changed(signed_in, alice, mug):
    order = place_order(alice, {mug.pk: 1})
    block = act(signed_in, reverse("orders:cancel", args=[order.pk]))
    assert block.fired("order_status_changed", "orders.signals.record_status_change")


def test_a_staff_status_change_shows_the_email_receiver(client, alice, mug):
    staff = get_user_model().objects.create_user("staffer", password=PASSWORD, is_staff=True)
    order = place_order(alice, {mug.pk: 1})
    Order.objects.filter(pk=order.pk).update(status=Order.Status.PAID)
    client.force_login(staff)
    block = act(client, reverse("orders:set_status", args=[order.pk]), {"status": "shipped"})
    assert block.fired("order_status_changed", "orders.signals.email_status_change")
