import shutil

import pytest

from .sandbox import make_sandbox


@pytest.fixture(scope="session")
def _shipped_sandbox(tmp_path_factory):
    return make_sandbox(tmp_path_factory.mktemp("exercise-sandboxes") / "shipped")


@pytest.fixture
def sandbox(_shipped_sandbox, request):
    """A fresh copy of the shipped sandbox (git included) for one test."""
    copy = _shipped_sandbox.parent / request.node.name.replace("[", "-").strip("]")
    shutil.copytree(_shipped_sandbox, copy, symlinks=True)
    yield copy
    shutil.rmtree(copy, ignore_errors=True)
