"""tests/scheduling.py: which tests share an xdist process, in which order, and the
refusal to run where pytest-xdist's groups would silently do nothing."""

import pytest

from tests.scheduling import check_groups_took_effect, group_of, rank


class FakeItem:
    def __init__(self, nodeid, fixtures=(), marks=()):
        self.nodeid, self.fixturenames = nodeid, list(fixtures)
        self.marks = {mark.name: mark for mark in marks}

    def get_closest_marker(self, name):
        return self.marks.get(name)


def test_tests_that_share_a_worker_or_wait_or_read_the_docs_go_first_in_that_order():
    items = [
        FakeItem("t.py::plain"),
        FakeItem("t.py::docs", ["built_docs_site"]),
        FakeItem("t.py::production", marks=[pytest.mark.waits.mark]),
        FakeItem("t.py::email", ["db", "celery_worker_process"]),
    ]
    groups = [None, "docs-site", "waits", "celery-worker"]
    assert [group_of(item) for item in items] == groups
    names = [item.nodeid for item in sorted(items, key=rank)]
    assert names == ["t.py::email", "t.py::production", "t.py::docs", "t.py::plain"]


def test_a_group_pytest_xdist_did_not_take_up_stops_the_run():
    grouped = pytest.mark.xdist_group("celery-worker").mark
    check_groups_took_effect([FakeItem("t.py::a@celery-worker", marks=[grouped])])
    with pytest.raises(pytest.UsageError, match="did not group 1 tests.*t.py::b"):
        check_groups_took_effect([FakeItem("t.py::b", marks=[grouped])])
