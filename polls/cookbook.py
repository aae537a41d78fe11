from mysite.cookbook import Card

NAV = ("Polls", "polls:index")

CARDS = [
    Card(
        title="A custom signal: vote_cast",
        summary="A service records each vote and sends vote_cast; a receiver in another "
        "module keeps the tally with F(), so no vote is lost when two arrive at once.",
        url_name="polls:index",
        chapter="polls/",
        signals=("vote_cast",),
    ),
    Card(
        title="Greeting new users after commit",
        summary="A post_save receiver on User queues a welcome email with delay_on_commit; "
        "the Celery worker sends it and it shows in the Outbox.",
        url_name="outbox",
        chapter="polls/#a-greeting-email-after-commit",
        signals=("post_save",),
    ),
]

QUESTIONS = {
    "Which signal fires after a model is saved?": ["pre_save", "post_save", "post_init"],
    "Where should receivers be connected?": [
        "AppConfig.ready()",
        "models.py, at the bottom",
        "settings.py",
    ],
    "What does dispatch_uid prevent?": [
        "A receiver connected twice",
        "A signal sent twice",
        "Slow receivers",
    ],
}


def seed_demo(stdout):
    from .models import Question

    for text, answers in QUESTIONS.items():
        question, created = Question.objects.get_or_create(question_text=text)
        if created:
            for answer in answers:
                question.choices.create(choice_text=answer)
    stdout.write(f"polls: {len(QUESTIONS)} questions")
