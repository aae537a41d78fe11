"""The exercise manifest (exercises/manifest.toml), read into plain objects."""

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
    why: str  # the mistake it makes, in one line


@dataclass(frozen=True)
class Exercise:
    number: int  # its 1-based position in the manifest (reading order)
    title: str
    chapter: str  # docs page, e.g. "polls/"
    file: str  # what the learner edits, relative to the repository root
    checks: str  # the pytest module that checks it, under tests/exercises/
    solution: str  # the reference solution: a whole replacement for `file`
    hints: tuple[str, ...]
    slug: str = ""
    wrong: tuple[Wrong, ...] = ()

    @property
    def module(self):
        return self.file.removesuffix(".py").replace("/", ".")

    @property
    def label(self):
        return f"{self.number}. {self.title}"


@cache
def load_manifest(path=MANIFEST):
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    # The position is the number; an old manifest's `number` keys are ignored.
    return tuple(
        Exercise(
            number=position,
            title=entry["title"],
            chapter=entry["chapter"],
            file=entry["file"],
            checks=entry["checks"],
            solution=entry["solution"],
            hints=tuple(entry.get("hints", ())),
            slug=entry.get("slug", ""),
            wrong=tuple(Wrong(w["file"], w["why"]) for w in entry.get("wrong", ())),
        )
        for position, entry in enumerate(data["exercise"], start=1)
    )


def get_exercise(number):
    for exercise in load_manifest():
        if exercise.number == number:
            return exercise
    raise KeyError(number)
