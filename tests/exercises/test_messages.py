"""A failed check reads as its cause, with the values compared."""

from exercises.messages import readable_name, summarize


def test_raw_exceptions_are_translated():
    related = "profiles.models.Profile.user.RelatedObjectDoesNotExist: User has no profile."
    assert "use get_profile(user)" in summarize(related, related)[0]
    key = "KeyError: 'username'"
    assert "credentials.get('username')" in summarize(key, key)[0]
    hidden = "RecursionError: maximum recursion depth exceeded\n...\nTransactionManagementError"
    first, raised = summarize("TransactionManagementError: An error occurred", hidden)
    assert "sends the signal again" in first
    assert raised == "(raised: TransactionManagementError: An error occurred)"


def test_an_assertion_shows_its_message_and_the_values_compared():
    crash = (
        "AssertionError: Put the post's title in the subject\n"
        "assert 'New comment' == 'New comment on \"Hello\"'\n"
        "  \n"
        '  - New comment on "Hello"\n'
        "  + New comment"
    )
    lines = summarize(crash, crash)
    assert lines[0] == "Put the post's title in the subject"
    assert lines[1] == "compared: assert 'New comment' == 'New comment on \"Hello\"'"
    assert lines[2] == 'expected (-) and actual (+): - New comment on "Hello" | + New comment'


def test_names_read_as_words():
    assert readable_name("tests/x.py::test_a_vote_is_logged") == "a vote is logged"
