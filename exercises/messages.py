"""Turn a failed check into a few lines that point at the cause."""

import re

# Raw exceptions learners meet, and what they mean here. First match wins.
TRANSLATIONS = [
    (
        re.compile(r"RelatedObjectDoesNotExist|User has no profile"),
        "the user has no Profile row yet: use get_profile(user) (profiles.services),"
        " which makes one when it is missing, instead of user.profile",
    ),
    (
        re.compile(r"KeyError: 'username'"),
        "kwargs has no 'username': user_login_failed sends `credentials` (a dict,"
        " password hidden) and `request`; read credentials.get('username')",
    ),
    (
        re.compile(r"RecursionError|maximum recursion depth"),
        "your receiver saves the instance it was sent, which sends the signal again,"
        " forever (Django may report it as TransactionManagementError): write with"
        " queryset.update() or save(update_fields=...) and skip your own update",
    ),
    (
        re.compile(r"Signal receivers must accept keyword arguments"),
        "a receiver without **kwargs: add **kwargs to its arguments",
    ),
]


def translate(text):
    for pattern, meaning in TRANSLATIONS:
        if pattern.search(text):
            return meaning
    return None


def readable_name(nodeid):
    """'tests/x.py::test_a_vote_is_logged' -> 'a vote is logged'."""
    name = nodeid.rpartition("::")[2]
    return name.removeprefix("test_").replace("_", " ")


def summarize(crash, full_text):
    """The lines to show for one failed check: the message, then the values compared."""
    meaning = translate(full_text)
    message = (crash or "").strip().removeprefix("AssertionError: ")
    lines = message.splitlines() or ["failed"]
    first = lines[0]
    if meaning:
        return [meaning, f"(raised: {first})"]
    shown = [first]
    compared = [line.strip() for line in lines[1:] if line.strip().startswith("assert ")]
    shown += [f"compared: {line}" for line in compared[:1] if re.search(r" (==|!=|in|<|>) ", line)]
    diff = [
        line.strip()
        for line in lines[1:]
        if line.lstrip().startswith(("- ", "+ ")) and not line.lstrip()[1:].startswith("  ")
    ]
    if diff:
        shown.append("expected (-) and actual (+): " + " | ".join(diff[:4]))
    return shown
