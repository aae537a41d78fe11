"""The learner's exercise files, as the suite reads them: as shipped, never as edited.

The learner edits these files, and may leave one half-written, solved, badly
formatted or in another encoding; `make test` must pass whatever they hold
(design.md). So a test that reads the project's source reads these from git.
"""

from pathlib import Path

from exercises.manifest import load_manifest
from exercises.verify import shipped_file
from tests.conftest import ROOT

LEARNER_FILES = frozenset(exercise.file for exercise in load_manifest())


def source_of(path):
    """The text of the project file at `path` (absolute, or from the repository's
    root): for a learner's file, as shipped."""
    path = Path(path)
    relative = (path.relative_to(ROOT) if path.is_absolute() else path).as_posix()
    if relative in LEARNER_FILES:
        return shipped_file(relative).decode("utf-8")
    return (ROOT / relative).read_text(encoding="utf-8")
