"""Getting started names every process `make run` starts (erratum 12 of issue 10)."""

import re
from pathlib import Path

from mysite.management.commands.run import processes

ROOT = Path(__file__).resolve().parents[2]
NUMBERS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def procfile_names():
    """The processes honcho starts for `honcho start`: one per Procfile line."""
    lines = (ROOT / "Procfile").read_text().splitlines()
    return [line.split(":", 1)[0].strip() for line in lines if re.match(r"^\w+:", line)]


def run_command_names():
    """What `manage.py run` starts: the web server in its own process, then the rest."""
    return ["web", *processes(docs_port=8001)]


def test_make_run_is_manage_py_run_and_the_procfile_agrees_with_it():
    makefile = (ROOT / "Makefile").read_text()
    run_recipe = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "manage.py run" in run_recipe
    assert procfile_names() == run_command_names()


def test_getting_started_lists_each_process_as_a_bullet_and_counts_them():
    page = (ROOT / "docs" / "getting-started.md").read_text()
    names = run_command_names()
    bullets = re.findall(r"^\s*- `(\w+)`:", page, flags=re.MULTILINE)
    assert [name for name in bullets if name in names] == names, (
        f"docs/getting-started.md must list {names} as bullets, in start order"
    )
    assert f"starts {NUMBERS[len(names)]} processes" in page
    assert "stops both" not in page
