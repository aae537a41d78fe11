"""Getting started names every process `make run` starts (erratum 12 of issue 10)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NUMBERS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def procfile_names():
    """The processes honcho starts for `make run`: one per Procfile line."""
    lines = (ROOT / "Procfile").read_text().splitlines()
    return [line.split(":", 1)[0].strip() for line in lines if re.match(r"^\w+:", line)]


def test_make_run_starts_the_procfile_through_honcho():
    makefile = (ROOT / "Makefile").read_text()
    run_recipe = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "honcho start" in run_recipe
    assert {"web", "worker", "beat"} <= set(procfile_names())


def test_getting_started_lists_each_process_as_a_bullet_and_counts_them():
    page = (ROOT / "docs" / "getting-started.md").read_text()
    names = procfile_names()
    bullets = re.findall(r"^\s*- `(\w+)`:", page, flags=re.MULTILINE)
    assert [name for name in bullets if name in names] == names, (
        f"docs/getting-started.md must list {names} as bullets, in Procfile order"
    )
    assert f"starts {NUMBERS[len(names)]} processes" in page
    assert "stops both" not in page
