"""Checks for the exercise “Log every vote”."""

import logging

import pytest

from polls.models import Question
from polls.services import cast_vote
from polls.signals import vote_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def question():
    question = Question.objects.create(question_text="Which signal fires after save?")
    question.choices.create(choice_text="post_save")
    return question


def test_a_vote_is_logged_on_polls_activity(question, caplog):
    choice = question.choices.get()
    with caplog.at_level(logging.INFO, logger="polls.activity"):
        cast_vote(question, choice.pk)
    records = [r for r in caplog.records if r.name == "polls.activity"]
    assert records, "No log record on the 'polls.activity' logger after a vote."
    assert len(records) == 1, f"One vote should log once, not {len(records)} times."
    assert records[0].levelno == logging.INFO, "Log the vote at INFO level."
    message = records[0].getMessage()
    assert "post_save" in message, f"Name the choice in the message: {message!r}"
    assert "Which signal fires after save?" in message, f"Name the question: {message!r}"


def test_the_receiver_has_a_dispatch_uid():
    ours = {"polls.tally_vote"}
    uids = {key[0] for key, *_ in vote_cast.receivers if isinstance(key[0], str)}
    assert uids - ours, "Connect your receiver with a dispatch_uid, e.g. 'exercises.log_vote'."


def test_it_logs_rather_than_prints(question, capsys):
    cast_vote(question, question.choices.get().pk)
    assert capsys.readouterr().out == "", "A receiver should log, not print."
