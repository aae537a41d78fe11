import pytest
from playwright.sync_api import expect

from polls.models import Question
from tests.conftest import wait_until

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def poll():
    question = Question.objects.create(question_text="Which signal fires after a save?")
    for text in ("pre_save", "post_save"):
        question.choices.create(choice_text=text)
    return question


def test_home_to_vote_to_results(page, poll):
    page.goto("/")
    expect(page.get_by_role("heading", name="A custom signal: vote_cast")).to_be_visible()
    page.get_by_role("link", name="Polls").first.click()
    page.get_by_role("link", name=poll.question_text).click()
    page.get_by_label("post_save").check()
    page.get_by_role("button", name="Vote").click()
    expect(page).to_have_url(f"{page.url.split('/polls/')[0]}/polls/{poll.pk}/results/")
    expect(page.locator(".results li", has_text="post_save")).to_contain_text("1 vote")
    expect(page.get_by_text("1 vote in all")).to_be_visible()
    expect(page.get_by_role("link", name="Custom signals and ready()")).to_be_visible()


def test_voting_without_a_choice_explains_itself(page, poll):
    page.goto(f"/polls/{poll.pk}/")
    page.get_by_role("button", name="Vote").click()
    expect(page.get_by_role("alert")).to_have_text("Please choose one of the answers.")


@pytest.mark.worker
def test_the_outbox_shows_the_greeting_the_worker_sent(page, celery_worker, django_user_model):
    django_user_model.objects.create_user("carol", "carol@example.com", "pw-for-tests")
    from mysite.models import SentEmail

    wait_until(
        lambda: SentEmail.objects.filter(to="carol@example.com").exists(),
        message="the worker to send carol's greeting",
    )
    page.goto("/outbox/")
    email = page.locator("article.email", has_text="carol@example.com")
    expect(email.get_by_role("heading")).to_have_text("Welcome to the Signals Cookbook")
    expect(email).to_contain_text("Hello carol")
