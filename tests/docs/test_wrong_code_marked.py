"""Wrong code shown in the docs sits in a red "Wrong: do not copy" box (issue 10)."""

import re

import pytest

from .listings import DOCS, pages

# Listings from these files keep the tutorials' mistakes, to show them failing.
WRONG_CODE = (
    "tests/blog/test_wrong_ways.py",
    "tests/signals_lab/test_pitfalls.py",
    "tests/profiles/test_articles_receivers.py",
)
INCLUDE = re.compile(r'^(\s*)--8<-- "(?P<path>[^":]+)')
BOX = '!!! failure "Wrong: do not copy'


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_wrong_code_is_inside_a_wrong_box(page):
    lines = page.read_text(encoding="utf-8").splitlines()
    unmarked = [
        f"{page.relative_to(DOCS)}:{number + 1}: {line.strip()}"
        for number, line in enumerate(lines)
        if (match := INCLUDE.match(line))
        and match["path"] in WRONG_CODE
        and not any(BOX in above for above in lines[max(0, number - 4) : number])
    ]
    assert unmarked == [], "\n".join(unmarked)


def test_the_check_finds_the_wrong_listings():
    text = (DOCS / "going-further" / "pitfalls.md").read_text(encoding="utf-8")
    assert text.count(BOX) >= 10
