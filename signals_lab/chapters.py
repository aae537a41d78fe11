"""Which docs chapter explains a receiver, for the inventory's links.

Caveats first: an app can name the chapter of each receiver exactly with
``RECEIVER_CHAPTERS = {"<dotted path>": "<docs path>"}`` in its ``cookbook.py``;
without that, the rules below guess from the module, the function name and
the signal. A chapter whose page is not in docs/ yet is skipped for the next
candidate, so a link never points at a missing page.
"""

from functools import cache

from django.conf import settings

from mysite.cookbook import cookbook_modules

DOCS_DIR = settings.BASE_DIR / "docs"
REFERENCE = "going-further/reference/"
AUTH_SIGNALS = {"user_logged_in", "user_logged_out", "user_login_failed"}

# (module prefix, words one of which the function name contains, signals, chapter);
# None matches anything. The first rule that matches and whose page exists wins.
RULES = [
    ("profiles.", ("fail",), {"user_login_failed"}, "profiles/lockout/"),
    ("profiles.", None, AUTH_SIGNALS, "profiles/logins/"),
    ("profiles.", None, None, "profiles/"),
    ("blog.invalidation", None, None, "blog/cache/"),
    ("blog.", ("slug", "reading", "word"), None, "blog/slugs/"),
    ("blog.", ("file",), None, "blog/files/"),
    ("blog.", ("cache", "page"), None, "blog/cache/"),
    ("blog.", None, None, "blog/"),
    ("orders.", None, {"order_status_changed"}, "orders/status-signal/"),
    ("orders.", ("stamp", "recurs", "count", "stock"), None, "orders/recursion/"),
    ("orders.", None, None, "orders/emails/"),
    ("polls.", None, None, "polls/"),
    ("signals_lab.", ("share",), None, "going-further/async/"),
    ("signals_lab.", None, None, "going-further/signals-sent/"),
    ("exercises.", None, None, "exercises/"),
]


def page_exists(chapter):
    path = chapter.split("#", 1)[0].strip("/")
    if not path:
        return (DOCS_DIR / "index.md").exists()
    return (DOCS_DIR / f"{path}.md").exists() or (DOCS_DIR / path / "index.md").exists()


@cache
def _declared():
    declared = {}
    for module in cookbook_modules():
        declared.update(getattr(module, "RECEIVER_CHAPTERS", {}))
    return declared


def _exercise_chapter(receiver_path):
    from exercises.manifest import load_manifest

    for exercise in load_manifest():
        if receiver_path.startswith(exercise.module + "."):
            return exercise.chapter
    return None


def chapter_for(receiver_path, signal_name):
    declared = _declared().get(receiver_path) or _exercise_chapter(receiver_path)
    if declared and page_exists(declared):
        return declared
    function_name = receiver_path.rpartition(".")[2].lower()
    for prefix, words, signals, chapter in RULES:
        if not receiver_path.startswith(prefix):
            continue
        if words is not None and not any(word in function_name for word in words):
            continue
        if signals is not None and signal_name not in signals:
            continue
        if page_exists(chapter):
            return chapter
    # Django's own receivers, and any we cannot place: the signal's reference entry.
    return f"{REFERENCE}#{signal_name}" if page_exists(REFERENCE) else ""
