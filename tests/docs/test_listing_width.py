"""Every code listing of the docs fits the page: at most 88 columns (issue 10).

Included listings are measured as the reader sees them: the snippet resolved
from the real file and dedented, as pymdownx.snippets does.
"""

import pytest

from .listings import DOCS, listings, pages

WIDTH = 88
# The exercises (their pages, files, solutions and checks) are reworked by another
# helper of issue 10, who owns those files; the lead merges both.
EXERCISE_SOURCES = ("docs/exercises/", " from exercises/", " from tests/exercises/")


def too_wide(page, of_exercises):
    return [
        f"{where}: {len(line)} columns: {line.strip()[:50]}"
        for where, shown in listings(page)
        if any(source in f" {where}" for source in EXERCISE_SOURCES) == of_exercises
        for line in shown
        if len(line) > WIDTH
    ]


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_listings_are_at_most_88_columns(page):
    assert too_wide(page, of_exercises=False) == [], "\n".join(too_wide(page, False))


@pytest.mark.xfail(
    strict=True,
    reason="exercise files are another helper's: fixed at the merge; then drop this mark",
)
def test_exercise_listings_are_at_most_88_columns():
    lines = [line for page in pages() for line in too_wide(page, of_exercises=True)]
    assert lines == [], "\n".join(lines)


def test_the_width_check_sees_included_lines():
    # The snippet resolver must read the real files, or the checks above prove nothing.
    shown = [line for _, lines in listings(DOCS / "signals-101.md") for line in lines]
    assert "def test_in_autocommit_post_save_runs_after_the_row_is_committed():" in shown
