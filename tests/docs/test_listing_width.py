"""Every code listing of the docs fits the page: at most 88 columns (issue 10).

Included listings are measured as the reader sees them: the snippet resolved
from the real file and dedented, as pymdownx.snippets does.
"""

import pytest

from .listings import DOCS, listings, pages

WIDTH = 88


def too_wide(page):
    return [
        f"{where}: {len(line)} columns: {line.strip()[:50]}"
        for where, shown in listings(page)
        for line in shown
        if len(line) > WIDTH
    ]


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_listings_are_at_most_88_columns(page):
    assert too_wide(page) == [], "\n".join(too_wide(page))


def test_the_width_check_sees_included_lines():
    # The snippet resolver must read the real files, or the checks above prove nothing.
    shown = [line for _, lines in listings(DOCS / "signals-101.md") for line in lines]
    assert "def test_in_autocommit_post_save_runs_after_the_row_is_committed():" in shown
