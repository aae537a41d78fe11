import os
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


# Inside the exercise runner (exercises/runner.py) only: the test database is
# a copy of an already-migrated template, so skip pytest-django's creation.
if "EXERCISES_TEST_DB" in os.environ:

    @pytest.fixture(scope="session")
    def django_db_setup(django_db_blocker):
        from django.conf import settings
        from django.db import connection

        places = (settings.DATABASES["default"], connection.settings_dict)
        saved = connection.settings_dict["NAME"]
        with django_db_blocker.unblock():
            connection.close()
            for place in places:
                place["NAME"] = os.environ["EXERCISES_TEST_DB"]
        yield
        with django_db_blocker.unblock():
            connection.close()
            for place in places:
                place["NAME"] = saved
