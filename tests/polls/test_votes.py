import pytest
from django.db import transaction
from django.urls import reverse

from polls.models import Choice, Vote
from polls.services import InvalidVote, cast_vote
from polls.signals import vote_cast

pytestmark = pytest.mark.django_db


def test_a_vote_is_recorded_and_tallied(question):
    choice = question.choices.get(choice_text="post_save")
    cast_vote(question, choice.pk)
    choice.refresh_from_db()
    assert choice.votes == 1
    assert Vote.objects.filter(choice=choice).count() == 1


def test_vote_cast_carries_its_documented_arguments(question):
    calls = []

    def spy(sender, **kwargs):
        calls.append((sender, kwargs))

    vote_cast.connect(spy)
    try:
        choice = question.choices.first()
        vote = cast_vote(question, choice.pk)
    finally:
        vote_cast.disconnect(spy)
    [(sender, kwargs)] = calls
    assert sender is type(question)
    assert kwargs == {
        "signal": vote_cast,
        "question": question,
        "choice": choice,
        "vote": vote,
        "voter": None,
    }


def test_a_failing_receiver_undoes_the_vote(question):
    # Receivers run inside cast_vote's transaction: an exception rolls it all back.
    def broken(sender, **kwargs):
        raise RuntimeError("receiver failed")

    vote_cast.connect(broken)
    try:
        with pytest.raises(RuntimeError):
            cast_vote(question, question.choices.first().pk)
    finally:
        vote_cast.disconnect(broken)
    assert Vote.objects.count() == 0
    assert Choice.objects.filter(votes__gt=0).count() == 0


@pytest.mark.parametrize("choice_id", [None, "", "abc", "999999", "-1", "1" * 40])
def test_a_bad_choice_is_refused(question, choice_id):
    with pytest.raises(InvalidVote):
        cast_vote(question, choice_id)
    assert Vote.objects.count() == 0


def test_a_choice_of_another_question_is_refused(question, django_user_model):
    other = type(question).objects.create(question_text="Another")
    foreign = other.choices.create(choice_text="not yours")
    with pytest.raises(InvalidVote):
        cast_vote(question, foreign.pk)


def test_the_vote_page_redirects_to_the_results(client, question):
    choice = question.choices.first()
    response = client.post(reverse("polls:vote", args=[question.pk]), {"choice": choice.pk})
    assert response.status_code == 302
    assert response.url == reverse("polls:results", args=[question.pk])
    results = client.get(response.url)
    assert results.status_code == 200
    assert b"1 vote in all" in results.content


@pytest.mark.parametrize("data", [{}, {"choice": ""}, {"choice": "nope"}, {"choice": "0"}])
def test_the_vote_page_answers_bad_input_with_400(client, question, data):
    response = client.post(reverse("polls:vote", args=[question.pk]), data)
    assert response.status_code == 400
    assert b"Please choose one of the answers." in response.content
    assert Vote.objects.count() == 0


def test_voting_needs_post(client, question):
    assert client.get(reverse("polls:vote", args=[question.pk])).status_code == 405


def test_an_unknown_question_is_404(client):
    assert client.get(reverse("polls:detail", args=[987654])).status_code == 404
    assert client.post(reverse("polls:vote", args=[987654]), {"choice": "1"}).status_code == 404


def test_a_logged_in_voter_is_recorded(client, question, django_user_model):
    user = django_user_model.objects.create_user("voter", password="pw-for-tests-only")
    client.force_login(user)
    client.post(reverse("polls:vote", args=[question.pk]), {"choice": question.choices.first().pk})
    assert Vote.objects.get().voter == user


@pytest.mark.django_db(transaction=True)
def test_the_vote_survives_only_with_its_transaction(question):
    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        cast_vote(question, question.choices.first().pk)
        raise Abort
    assert Vote.objects.count() == 0
    assert sum(question.choices.values_list("votes", flat=True)) == 0
