"""The code listings of the docs pages, as the reader sees them (snippets resolved)."""

import re
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```(?P<info>[^\n]*)\n(?P<body>.*?)^(?P=indent)```", re.M | re.S
)
INCLUDE = re.compile(r'^\s*--8<-- "(?P<path>[^":]+)(?::(?P<section>[\w-]+))?"\s*$')
MARKER = re.compile(r"--8<-- \[(?:start|end):[\w-]+\]")


def included(path, section):
    """The lines pymdownx.snippets includes for `path` or `path:section`, dedented."""
    text = (ROOT / path).read_text(encoding="utf-8")
    if section:
        start = re.search(rf"--8<-- \[start:{section}\].*\n", text)
        end = re.search(rf"^.*--8<-- \[end:{section}\]", text[start.end() :], re.M)
        text = textwrap.dedent(text[start.end() : start.end() + end.start()])
    return [line for line in text.splitlines() if not MARKER.search(line)]


def listings(page):
    """(where it comes from, the lines shown) for every code block of `page`.

    `where` is the page and line of the fence, and for an included listing the
    file and section it comes from.
    """
    text = page.read_text(encoding="utf-8")
    for fence in FENCE.finditer(text):
        where = f"{page.relative_to(ROOT)}:{text[: fence.start()].count(chr(10)) + 1}"
        for line in textwrap.dedent(fence["body"]).splitlines():
            include = INCLUDE.match(line)
            if include:
                source = f"{where} from {include['path']}:{include['section'] or ''}"
                yield source, included(include["path"], include["section"])
            else:
                yield where, [line]


def pages():
    return sorted(DOCS.rglob("*.md"))
