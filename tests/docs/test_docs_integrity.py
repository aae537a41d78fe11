"""The docs and the code point at each other, and never drift apart."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve

from exercises.manifest import load_manifest
from tests.conftest import ROOT
from tests.learner_files import source_of

DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
SITE_LINK = re.compile(r"http://127\.0\.0\.1:8000(/[^\s)\"'>]*)")
FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```(?P<lang>\w*)[^\n]*\n(?P<body>.*?)^(?P=indent)```", re.M | re.S
)
PROJECT_PY = [
    path
    for path in ROOT.rglob("*.py")
    if not {".venv", "tests", "site", "var", "node_modules"} & set(path.relative_to(ROOT).parts)
]


def page_for(chapter):
    """The markdown file behind a docs URL path such as "polls/" or "blog/cache/"."""
    path = chapter.split("#")[0].strip("/")
    candidates = [DOCS / path / "index.md", DOCS / f"{path}.md"] if path else [DOCS / "index.md"]
    return next((c for c in candidates if c.exists()), None)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_python_listings_are_included_from_real_files(page):
    for fence in FENCE.finditer(page.read_text(encoding="utf-8")):
        if fence["lang"] not in {"python", "py", "pycon"}:
            continue
        lines = [line.strip() for line in fence["body"].splitlines() if line.strip()]
        assert lines and all(line.startswith("--8<--") for line in lines), (
            f"{page.relative_to(ROOT)}: a python listing is typed into the page; include it "
            f"from the real file with --8<-- instead:\n{fence['body']}"
        )


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_links_to_the_running_site_resolve(page):
    for match in SITE_LINK.finditer(page.read_text(encoding="utf-8")):
        path = urlsplit(match[1]).path
        try:
            resolve(path)
        except Resolver404:
            pytest.fail(f"{page.relative_to(ROOT)} links to {match[0]}, which the site lacks")


def test_every_chapter_the_site_links_to_exists():
    chapters = set()
    for path in PROJECT_PY:
        text = source_of(path)
        chapters |= set(re.findall(r'(?:docs_url|chapter_context)\(\s*"([^"]+)"', text))
        chapters |= set(re.findall(r'chapter="([^"]+)"', text))
    assert chapters
    missing = sorted(chapter for chapter in chapters if page_for(chapter) is None)
    assert missing == [], f"the site links to docs pages that do not exist: {missing}"


def test_every_exercise_has_its_chapter_and_its_solution_in_the_docs():
    text = "\n".join(page.read_text(encoding="utf-8") for page in PAGES)
    index = (DOCS / "exercises" / "index.md").read_text(encoding="utf-8")
    for exercise in load_manifest():
        assert page_for(exercise.chapter), (
            f"exercise {exercise.number}: no page {exercise.chapter}"
        )
        assert f'"{exercise.solution}:solution"' in text, (
            f"exercise {exercise.number}: the docs never show its solution {exercise.solution}"
        )
        assert exercise.title in index, f"exercise {exercise.number} is missing from the index"


def test_snippet_markers_are_balanced():
    for path in PROJECT_PY + sorted((ROOT / "tests").rglob("*.py")):
        text = source_of(path)
        starts = re.findall(r"--8<-- \[start:(\w+)\]", text)
        ends = re.findall(r"--8<-- \[end:(\w+)\]", text)
        assert sorted(starts) == sorted(ends), f"{path.relative_to(ROOT)}: unbalanced markers"
        assert len(set(starts)) == len(starts), f"{path.relative_to(ROOT)}: a section twice"
