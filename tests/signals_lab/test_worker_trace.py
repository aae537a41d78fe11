"""The worker side of the trace, driven through Celery's own signals in this process.

tests/orders/test_trace_worker.py runs a real worker; this one checks what a
failed task leaves in its part, which a real worker would take a while to show.
"""

import pytest
from celery import shared_task
from celery import signals as celery_signals

from signals_lab import trace, worker_trace
from signals_lab.models import Note

pytestmark = pytest.mark.django_db(transaction=True)


@shared_task(name="tests.signals_lab.failing_task")
def failing_task():
    Note.objects.create(text="saved by a task that then fails")
    raise RuntimeError("the relay is down")


def run_as_worker(task, trace_id, task_id="t-1"):
    """Run `task` the way a worker does: prerun, body, failure, postrun."""
    task.push_request(id=task_id, retries=0, is_eager=False, hostname="w@test")
    task.request.update({worker_trace.HEADER: trace_id})
    try:
        celery_signals.task_prerun.send(sender=task, task_id=task_id, task=task)
        state = "SUCCESS"
        try:
            task.run()
        except Exception as error:
            state = "FAILURE"
            celery_signals.task_failure.send(sender=task, task_id=task_id, exception=error)
        celery_signals.task_postrun.send(sender=task, task_id=task_id, task=task, state=state)
    finally:
        task.pop_request()


def test_a_failed_task_stores_its_signals_and_its_exception():
    trace_id = trace.new_id()
    run_as_worker(failing_task, trace_id)
    stored = {"id": trace_id, "tasks": [{"name": failing_task.name, "id": "t-1"}]}
    parts, waiting = trace.worker_parts(stored)
    assert waiting == []
    (part,) = parts
    assert part["state"] == "FAILURE"
    assert part["error"] == "RuntimeError: the relay is down"
    signals = [send["signal"].rpartition(".")[2] for send in part["sends"]]
    assert "post_save" in signals


def test_a_task_without_a_trace_id_stores_nothing():
    run_as_worker(failing_task, trace_id=None, task_id="t-2")
    stored = {"id": trace.new_id(), "tasks": [{"name": failing_task.name, "id": "t-2"}]}
    parts, waiting = trace.worker_parts(stored)
    assert parts == [] and len(waiting) == 1


def test_a_task_queued_while_tracing_carries_the_id_and_is_listed():
    headers = {"id": "t-3"}
    with worker_trace.publishing("a" * 32) as tasks:
        celery_signals.before_task_publish.send(sender="orders.tasks.x", headers=headers)
    celery_signals.before_task_publish.send(sender="orders.tasks.y", headers={"id": "t-4"})
    assert headers[worker_trace.HEADER] == "a" * 32
    assert [(task["name"], task["id"]) for task in tasks] == [("orders.tasks.x", "t-3")]
