"""How `make test` spreads the suite over pytest-xdist's processes.

`make test` runs `pytest -n <cores + 1> --dist loadgroup`: the tests of one `xdist_group`
run in one process, as one unit, and xdist hands out units in the order below,
each to the next process that runs short of work.

1. "celery-worker": the tests that share a real Celery worker, started once.
2. "waits": the tests marked `waits`, which mostly wait on another process (a
   production server, a broker that never answers, a worker started late).
3. "docs-site": the tests that read the built docs, which are then built once.
4. every other test, in file order, one unit each.

The two waiting units start first, each in a process of its own, while the third
process and `exercises verify` keep the cores busy; the CPU-bound tests follow.
When the waiting tests fell in the middle of the run, every process waited at once
and the cores sat idle for about 30 s of a 125 s run.

pytest-xdist 3.8 groups a test by renaming it "<id>@<group>" through an attribute
that pytest 9.2 no longer reads, so with pytest 9.2 the groups silently did
nothing (requirements.txt pins 9.1.1). Wherever a group fails to take,
check_groups_took_effect stops the run.
"""

import pytest

WORKER_FIXTURES = {"celery_worker_process", "smtp_worker_process", "delivery_worker_process"}
DOCS_FIXTURES = {"built_docs_site"}  # runs `mkdocs build`
ORDER = ("celery-worker", "waits", "docs-site")


def group_of(item):
    fixtures = set(getattr(item, "fixturenames", ()))
    if WORKER_FIXTURES & fixtures:
        return "celery-worker"
    if item.get_closest_marker("waits"):
        return "waits"
    if DOCS_FIXTURES & fixtures:
        return "docs-site"
    return None


def rank(item):
    group = group_of(item)
    return ORDER.index(group) if group else len(ORDER)


def pytest_configure(config):
    # Hand out units in collection order (set below), not largest first.
    config.option.loadscopereorder = False


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    # Before every other plugin: mark, so that pytest-xdist sees the groups.
    for item in items:
        if WORKER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.worker)  # CI runs these again on RabbitMQ
        group = group_of(item)
        if group:
            item.add_marker(pytest.mark.xdist_group(group))
    result = yield
    # After every other plugin (pytest-django sorts too): order the units.
    if getattr(config.option, "loadgroup", False):  # in an xdist worker
        check_groups_took_effect(items)
        items.sort(key=rank)  # stable: pytest-django's order within each rank
    return result


def check_groups_took_effect(items):
    """Every grouped test must carry its group in its id by now, or pytest-xdist
    would hand it to any process."""
    lost = [
        item.nodeid
        for item in items
        if (mark := item.get_closest_marker("xdist_group"))
        and not item.nodeid.endswith(f"@{mark.args[0]}")
    ]
    if lost:
        raise pytest.UsageError(
            f"pytest-xdist did not group {len(lost)} tests (first: {lost[0]}): this "
            f"pytest ({pytest.__version__}) and pytest-xdist do not work together; "
            "install the versions requirements.txt pins."
        )
