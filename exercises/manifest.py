"""The exercise manifest (exercises/manifest.toml), read into plain objects.

An exercise's number is its 1-based position in the manifest (reading order).
An old-style `number` key, if present, is ignored.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = Path(__file__).with_name("manifest.toml")


@dataclass(frozen=True)
class Wrong:
    """A known wrong solution: a whole replacement for the exercise's file."""

    file: str
    why: str  # one line: the mistake it makes


@dataclass(frozen=True)
class Exercise:
    number: int  # position in the manifest, from 1
    slug: str
    title: str
    chapter: str  # docs page, e.g. "polls/"
    file: str  # what the learner edits, relative to the repository root
    checks: str  # the pytest module that checks it, under tests/exercises/
    solution: str  # the reference solution: a whole replacement for `file`
    hints: tuple[str, ...]
    wrong: tuple[Wrong, ...] = ()

    @property
    def module(self):
        return self.file.removesuffix(".py").replace("/", ".")

    @property
    def label(self):
        return f"{self.number}. {self.title}"


def _slug(entry):
    if "slug" in entry:
        return entry["slug"]
    # Old manifest: "exercises/ex01_log_votes.py" -> "log_votes".
    stem = Path(entry["file"]).stem
    head, _, rest = stem.partition("_")
    return rest if head[:2] == "ex" and head[2:].isdigit() and rest else stem


def parse_manifest(text):
    data = tomllib.loads(text)
    return tuple(
        Exercise(
            number=position,
            slug=_slug(entry),
            title=entry["title"],
            chapter=entry["chapter"],
            file=entry["file"],
            checks=entry["checks"],
            solution=entry["solution"],
            hints=tuple(entry.get("hints", ())),
            wrong=tuple(Wrong(w["file"], w.get("why", "")) for w in entry.get("wrong", ())),
        )
        for position, entry in enumerate(data["exercise"], start=1)
    )


@cache
def load_manifest(path=MANIFEST):
    return parse_manifest(Path(path).read_text(encoding="utf-8"))


def get_exercise(number):
    exercises = load_manifest()
    if isinstance(number, int) and 1 <= number <= len(exercises):
        return exercises[number - 1]
    raise KeyError(number)


if __name__ == "__main__":
    # `python -m exercises.manifest`: the learner's files, comma-separated, for the
    # Makefile's lint to leave out (they are the learner's, in whatever state).
    import sys

    sys.stdout.write(",".join(exercise.file for exercise in load_manifest()) + "\n")
