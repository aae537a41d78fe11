"""Exercises are numbered in reading order, and every place that shows a number agrees.

An exercise's number is its position in exercises/manifest.toml. These tests keep the
manifest in the order of the docs nav, and the chapters' headings, the index table
and the learner files' own first lines in step with it.
"""

import re

import pytest

from exercises.manifest import load_manifest
from tests.conftest import ROOT
from tests.learner_files import source_of

DOCS = ROOT / "docs"
EXERCISES = load_manifest()
HEADING = re.compile(r"^#+ Exercises?\b.*$", re.M)
ROW = re.compile(r"^\| (\d+) \| (.+?) \| \[(.+?)\]\(\.\./(.+?)#(.+?)\) \|$", re.M)


NAV_ENTRY = re.compile(r"^\s*- \"?(.+?)\"?: (\S+\.md)$", re.M)


def nav_pages():
    """(page, title) in the order of mkdocs.yml's nav."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return [(page, title) for title, page in NAV_ENTRY.findall(text.split("\nnav:", 1)[1])]


def page_of(exercise):
    path = exercise.chapter.strip("/")
    for candidate in (f"{path}/index.md", f"{path}.md"):
        if (DOCS / candidate).exists():
            return candidate
    pytest.fail(f"exercise {exercise.number}: no docs page for chapter {exercise.chapter!r}")


def heading(exercise):
    return f"## Exercise {exercise.number}: {exercise.title}"


def anchor(text):
    """The id mkdocs' toc extension gives a heading (its default slugify)."""
    text = re.sub(r"[^\w\s-]", "", text.removeprefix("## ").lower()).strip()
    return re.sub(r"[-\s]+", "-", text)


def test_the_manifest_follows_the_nav():
    order = [path for path, _ in nav_pages()]
    positions = []
    for exercise in EXERCISES:
        page = page_of(exercise)
        assert page in order, f"exercise {exercise.number}'s chapter {page} is not in the nav"
        positions.append((order.index(page), exercise))
    for (before, first), (after, second) in zip(positions, positions[1:], strict=False):
        assert before <= after, (
            f"exercise {second.number} ({second.slug}, in {page_of(second)}) comes after "
            f"exercise {first.number} ({first.slug}, in {page_of(first)}) in the manifest, "
            "but its chapter comes earlier in the nav: move its [[exercise]] table up."
        )


def test_the_slugs_name_the_files():
    for exercise in EXERCISES:
        slug = exercise.slug
        assert re.fullmatch(r"[a-z][a-z0-9_]*", slug), f"{slug!r} is not a valid slug"
        assert exercise.file == f"exercises/{slug}.py"
        assert exercise.solution == f"exercises/solutions/{slug}.py"
        assert exercise.checks == f"tests/exercises/check_{slug}.py"
        for wrong in exercise.wrong:
            assert re.fullmatch(rf"tests/exercises/wrong/{slug}__[a-z0-9_]+\.py", wrong.file)
            assert (ROOT / wrong.file).exists(), f"{wrong.file} is listed but missing"
            assert wrong.why.strip(), f"{wrong.file}: say in `why` what mistake it makes"
    slugs = [exercise.slug for exercise in EXERCISES]
    assert len(set(slugs)) == len(slugs), "two exercises share a slug"


def test_every_wrong_variant_is_listed():
    listed = {wrong.file for exercise in EXERCISES for wrong in exercise.wrong}
    on_disk = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "tests" / "exercises" / "wrong").glob("*.py")
    }
    assert on_disk - listed == set(), "wrong variants that no manifest entry runs"


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.slug)
def test_each_exercise_has_its_heading_in_its_chapter(exercise):
    text = (DOCS / page_of(exercise)).read_text(encoding="utf-8")
    headings = HEADING.findall(text)
    assert heading(exercise) in headings, (
        f"{page_of(exercise)} should have the heading {heading(exercise)!r} "
        f"(number = position in the manifest); its exercise headings are {headings}"
    )
    own = [heading(e) for e in EXERCISES if page_of(e) == page_of(exercise)]
    assert headings == own, (
        f"{page_of(exercise)}'s exercise headings are {headings}, expected {own}: one "
        "`## Exercise N: Title` per exercise of this chapter, in manifest order."
    )
    checks = set(re.findall(r"exercises check (\d+)", text))
    numbers = {str(e.number) for e in EXERCISES if page_of(e) == page_of(exercise)}
    assert checks <= numbers, (
        f"{page_of(exercise)} tells readers to run `exercises check` {sorted(checks)}, but "
        f"its exercises are {sorted(numbers)}."
    )


def test_no_other_page_has_an_exercise_heading():
    hosts = {page_of(exercise) for exercise in EXERCISES}
    for page in sorted(DOCS.rglob("*.md")):
        name = page.relative_to(DOCS).as_posix()
        if name in hosts or name == "exercises/index.md":
            continue
        found = HEADING.findall(page.read_text(encoding="utf-8"))
        assert not found, f"{name} has exercise headings {found} no manifest entry matches"


def test_the_index_table_lists_them_in_order():
    text = (DOCS / "exercises" / "index.md").read_text(encoding="utf-8")
    titles = dict(nav_pages())
    rows = ROW.findall(text)
    expected = [
        (
            str(e.number),
            e.title,
            titles[page_of(e)],
            page_of(e),
            anchor(heading(e)),
        )
        for e in EXERCISES
    ]
    differences = [
        (row, want)
        for row, want in zip(rows + [None] * len(expected), expected, strict=False)
        if row != want
    ]
    assert rows == expected, (
        "docs/exercises/index.md's table should list every exercise in manifest order as "
        "| N | title | [chapter title](../page.md#exercise-n-title) |; first difference "
        f"(found, expected): {differences[:1] or (rows[len(expected) :], None)}"
    )


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.slug)
def test_the_learner_file_says_its_number(exercise):
    text = source_of(exercise.file)
    first = text.splitlines()[0]
    assert first == f'"""Exercise {exercise.number} · {exercise.title}.', (
        f"{exercise.file} starts with {first!r}; it should name exercise "
        f"{exercise.number} · {exercise.title}."
    )
    assert set(re.findall(r"exercises check (\d+)", text)) == {str(exercise.number)}, (
        f"{exercise.file} should tell the learner `exercises check {exercise.number}`."
    )


UID = re.compile(r'dispatch_uid=f?"([^"]+)"')


def test_each_exercise_uses_dispatch_uids_of_its_own():
    """Two exercises with one uid would silently drop the second receiver."""
    site = {
        uid
        for app in ("mysite", "polls", "profiles", "blog", "orders", "signals_lab")
        for path in (ROOT / app).rglob("*.py")
        for uid in UID.findall(path.read_text(encoding="utf-8"))
    }
    owner = {}
    for exercise in EXERCISES:
        files = [exercise.file, exercise.solution, *(wrong.file for wrong in exercise.wrong)]
        uids = {uid for f in files for uid in UID.findall(source_of(f))}
        for uid in uids:
            assert uid not in site, f"{exercise.slug} reuses the site's dispatch_uid {uid!r}"
            assert owner.setdefault(uid, exercise.slug) == exercise.slug, (
                f"{exercise.slug} and {owner[uid]} both use dispatch_uid {uid!r}"
            )


IMPORT = re.compile(r"^\s*(?:from|import) (exercises[\w.]*)", re.M)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.slug)
def test_a_learner_file_is_imported_under_one_name_only(exercise):
    """Imported twice under two names, a file would connect its receivers twice."""
    allowed = {f"exercises.{exercise.slug}", "exercises.models"}
    for name in [exercise.checks, exercise.solution, *(wrong.file for wrong in exercise.wrong)]:
        for module in IMPORT.findall((ROOT / name).read_text(encoding="utf-8")):
            assert module in allowed, (
                f"{name} imports {module}: the exercises app imports the learner's file as "
                f"exercises.{exercise.slug}; import it by that name only."
            )


def test_no_code_imports_a_solution():
    skip = {".venv", ".git", "var", "site", "node_modules", "media"}
    folders = [f for f in ROOT.iterdir() if f.is_dir() and f.name not in skip]
    for path in [p for folder in folders for p in folder.rglob("*.py")]:
        modules = IMPORT.findall(source_of(path))
        assert not [m for m in modules if m.startswith("exercises.solutions")], (
            f"{path.relative_to(ROOT)} imports a solution: solutions are copied over the "
            "learner's file, never imported (their receivers would connect next to the learner's)."
        )
