"""Checks for the exercise “Tell the staff about a new poll, after commit”."""

import pytest
from django.core import serializers
from django.db import transaction

from polls.models import Question

pytestmark = pytest.mark.django_db(transaction=True)


STAFF = ["ops@example.com", "editor@example.com"]


class Rollback(Exception):
    pass


@pytest.fixture(autouse=True)
def two_staff_addresses(settings):
    settings.STAFF_EMAILS = STAFF


def test_a_new_question_emails_the_staff(mailoutbox):
    Question.objects.create(question_text="Tabs or spaces?")
    assert len(mailoutbox) == 1, f"Expected one email for a new poll, got {len(mailoutbox)}."
    email = mailoutbox[0]
    assert email.subject == "New poll: Tabs or spaces?", f"Subject was {email.subject!r}."
    assert sorted(email.to) == sorted(STAFF), (
        f"settings.STAFF_EMAILS is {STAFF}, but the email went to {email.to}. Send it to "
        "every address in the list: recipient_list=settings.STAFF_EMAILS."
    )
    assert "Tabs or spaces?" in email.body, "Put the question's text in the body."


def test_nothing_is_sent_before_the_commit(mailoutbox):
    with transaction.atomic():
        Question.objects.create(question_text="Early?")
        assert mailoutbox == [], "The email went out before the transaction committed."
    assert len(mailoutbox) == 1, "After the commit, the email should have gone."


def test_a_rolled_back_question_announces_nothing(mailoutbox):
    with pytest.raises(Rollback), transaction.atomic():
        Question.objects.create(question_text="Never saved")
        raise Rollback
    assert mailoutbox == [], "A rolled-back question must not be announced."


def test_an_edit_announces_nothing(mailoutbox):
    question = Question.objects.create(question_text="Draft")
    mailoutbox.clear()
    question.question_text = "Final"
    question.save()
    assert mailoutbox == [], "Only a new question is announced, not an edit."


def test_a_fixture_load_announces_nothing(mailoutbox):
    data = '[{"model": "polls.question", "pk": 99, "fields": {"question_text": "From a fixture", "pub_date": "2026-01-01T00:00:00Z"}}]'  # noqa: E501
    for obj in serializers.deserialize("json", data):
        obj.save()  # a raw save, as `loaddata` does
    assert Question.objects.filter(pk=99).exists()
    assert mailoutbox == [], "Rows loaded from a fixture (raw=True) must not be announced."
