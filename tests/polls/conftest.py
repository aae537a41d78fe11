import pytest

from polls.models import Question


@pytest.fixture
def question(db):
    question = Question.objects.create(question_text="Which signal fires after a save?")
    for text in ("pre_save", "post_save"):
        question.choices.create(choice_text=text)
    return question
