"""Every chapter in the nav ends with "What you learned" then "Further reading"."""

import re

import pytest

from .listings import DOCS
from .mkdocs_nav import nav_pages

# Pages in the nav that are not chapters: the front page, the set-up page, a
# lookup table and the list of exercises.
NOT_CHAPTERS = {
    "index.md",
    "getting-started.md",
    "going-further/reference.md",
    "exercises/index.md",
}
FENCE = re.compile(r"^\s*```.*?^\s*```", re.M | re.S)


NAV = list(nav_pages())
CHAPTERS = [page for page in NAV if page not in NOT_CHAPTERS]


def sections(page):
    """(heading, body) for each `## ` section of a page, code blocks left out."""
    text = FENCE.sub("", (DOCS / page).read_text(encoding="utf-8"))
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return list(zip(parts[1::2], parts[2::2], strict=True))


def test_the_nav_has_the_chapters_this_test_expects():
    assert "signals-who-is-the-sender.md" in CHAPTERS
    assert "going-further/pitfalls.md" in CHAPTERS and "polls/index.md" in CHAPTERS


@pytest.mark.parametrize("page", CHAPTERS)
def test_a_chapter_ends_with_what_you_learned_then_further_reading(page):
    *_, (learned, learned_body), (reading, reading_body) = sections(page)
    assert (learned, reading) == ("What you learned", "Further reading"), (
        f"docs/{page}: the last two sections must be 'What you learned' and "
        f"'Further reading', not {learned!r} and {reading!r}"
    )
    assert re.search(r"^- ", learned_body, re.M), f"docs/{page}: nothing learned listed"
    links = re.findall(r"\]\((https://[^)]+)\)", reading_body)
    assert links, f"docs/{page}: 'Further reading' links to nothing"
