"""The "What just fired" block, in a browser: submit a form, land, open it, read it;
and the worker's part arriving on its own, with no reload."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.conftest import tasks_sent_to

pytestmark = pytest.mark.django_db(transaction=True)


def open_block(page):
    block = page.locator("#signals-trace")
    expect(block).to_be_attached()
    block.locator("summary").first.click()
    return block


def test_a_vote_lands_on_the_results_with_vote_cast_and_its_receiver(page):
    from polls.models import Question

    question = Question.objects.create(question_text="Which signal fires after a save?")
    question.choices.create(choice_text="post_save")
    page.goto(f"/polls/{question.pk}/")
    page.get_by_label("post_save").check()
    page.get_by_role("button", name=re.compile("Vote", re.I)).click()
    expect(page).to_have_url(re.compile(rf"/polls/{question.pk}/results/"))
    block = open_block(page)
    expect(block.locator('tr.trace-send[data-signal="vote_cast"]')).to_be_visible()
    expect(
        block.locator('tr.trace-call[data-receiver="polls.signals.tally_vote"]')
    ).to_be_visible()
    page.reload()
    expect(page.locator("#signals-trace")).to_have_count(0)  # shown once, for that action


def test_a_failed_sign_in_shows_user_login_failed_on_the_form(page, log_in, django_user_model):
    django_user_model.objects.create_user("erin", password="the-right-one")
    log_in("erin", "a-wrong-one")
    block = open_block(page)
    row = block.locator('tr.trace-call[data-receiver="profiles.signals.record_failed_login"]')
    expect(row).to_be_visible()
    expect(row.get_by_role("link")).to_have_attribute("href", re.compile("profiles/lockout"))


@pytest.fixture
def worker(celery_worker_process):
    with tasks_sent_to(celery_worker_process) as worker:
        yield worker


def test_the_worker_part_arrives_without_a_reload(page, log_in, django_user_model, worker):
    from orders.models import Product

    django_user_model.objects.create_user("fay", "fay@example.com", password="pw-for-tests")
    mug = Product.objects.create(name="Receiver mug", price=Decimal("12.00"), stock=5)
    log_in("fay", "pw-for-tests")
    page.goto("/orders/new/")
    page.locator(f'input[name="qty_{mug.pk}"]').fill("1")
    page.get_by_role("button", name=re.compile("Place", re.I)).click()
    expect(page).to_have_url(re.compile(r"/orders/\d+/"))
    block = open_block(page)
    expect(block).to_contain_text("Celery tasks queued")
    parts = block.locator(".trace-worker-part")
    expect(parts).to_have_count(2, timeout=45_000)
    later = re.compile(r"In the worker, \d+\.\d s after it was queued")
    expect(parts.first).to_contain_text(later)
    expect(parts.first).to_contain_text("succeeded")
    # The row is loaded (post_init), then claimed and recorded by UPDATEs: no post_save.
    expect(parts.first.locator('tr.trace-send[data-signal="post_init"]').first).to_be_visible()
    expect(parts.first.locator('tr.trace-send[data-signal="post_save"]')).to_have_count(0)
