"""More tutorial mistakes, each shown failing, then the fix (issue 10).

The docs chapter "Pitfalls in common tutorial code" includes these sections.
"""

import logging
import threading

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, transaction
from django.db.models.signals import post_save
from django.dispatch import Signal

from .more_pitfall_models import Gadget, PlainOrder, TextKeyAuditLog, TutorialAuditLog
from .pitfall_models import Member

logger = logging.getLogger(__name__)


class Rollback(Exception):
    pass


@pytest.fixture
def tables(temporary_tables):
    temporary_tables(Member, Gadget, TutorialAuditLog, TextKeyAuditLog, PlainOrder)


# --8<-- [start:integer_key]
def test_an_integer_object_id_cannot_point_at_a_uuid_key(tables):
    member = Member.objects.create(name="integer key")
    TutorialAuditLog.objects.create(content_object=member)  # fine for integer keys

    gadget = Gadget.objects.create(name="UUID key")
    # int(UUID) is a 128-bit number: no integer column holds it.
    with pytest.raises((OverflowError, DatabaseError)), transaction.atomic():
        TutorialAuditLog.objects.create(content_object=gadget)


def test_a_text_object_id_holds_any_key(tables):
    member = Member.objects.create(name="integer key")
    gadget = Gadget.objects.create(name="UUID key")
    for instance in (member, gadget):
        TextKeyAuditLog.objects.create(content_object=instance)
    gadget_type = ContentType.objects.get_for_model(Gadget)
    entry = TextKeyAuditLog.objects.get(content_type=gadget_type)
    assert entry.object_id == str(gadget.pk)


# --8<-- [end:integer_key]


# --8<-- [start:swallowed]
def test_except_exception_hides_the_bug_and_the_save_succeeds(tables, caplog):
    def update_stats(sender, instance, **kwargs):
        try:
            instance.statistics.refresh()  # a typo'd attribute: a bug
        except Exception as e:  # the tutorial's "handle exceptions properly"
            logger.error(f"Failed to update statistics: {e}")

    post_save.connect(update_stats, sender=Member)
    try:
        Member.objects.create(name="saved anyway")
    finally:
        post_save.disconnect(update_stats, sender=Member)
    assert Member.objects.count() == 1  # the save "worked"
    [record] = caplog.records
    assert record.exc_info is None  # one line, no traceback: where was the bug?


# --8<-- [end:swallowed]


# --8<-- [start:swallowed_fix]
def test_let_it_raise_or_send_robust_which_logs_the_traceback(tables, caplog):
    def update_stats(sender, instance, **kwargs):
        instance.statistics.refresh()  # no try: the bug is loud

    post_save.connect(update_stats, sender=Member)
    try:
        with pytest.raises(AttributeError), transaction.atomic():
            Member.objects.create(name="rolled back with the bug")
    finally:
        post_save.disconnect(update_stats, sender=Member)
    assert not Member.objects.exists()

    # When a reaction must not stop the sender: a signal of your own, sent robustly.
    member_joined = Signal()
    member_joined.connect(update_stats)
    try:
        member = Member.objects.create(name="joined")
        [(_, error)] = member_joined.send_robust(sender=Member, instance=member)
    finally:
        member_joined.disconnect(update_stats)
    assert isinstance(error, AttributeError)
    [record] = [r for r in caplog.records if r.name == "django.dispatch"]
    assert record.exc_info[1] is error  # logged once, with its traceback


# --8<-- [end:swallowed_fix]


# --8<-- [start:file_writes]
def test_a_file_written_in_a_receiver_keeps_lines_for_rolled_back_rows(
    tables, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)  # the tutorial's relative path lands in the cwd

    def log_model_changes(sender, instance, created, **kwargs):
        with open("audit_log.txt", "a") as log:  # blocking I/O, in the request
            log.write(f"Created {sender.__name__} ID:{instance.id}\n")

    post_save.connect(log_model_changes, sender=Member)
    try:
        with pytest.raises(Rollback), transaction.atomic():
            Member.objects.create(name="never saved")
            raise Rollback
    finally:
        post_save.disconnect(log_model_changes, sender=Member)
    assert not Member.objects.exists()
    assert (tmp_path / "audit_log.txt").read_text().startswith("Created Member ID:")


def test_two_writers_interleave_an_entry_written_in_parts(tmp_path):
    path = tmp_path / "audit_log.txt"
    first_half_written, second_writer_done = threading.Event(), threading.Event()

    def slow_writer():  # a request paused between two write() calls
        with open(path, "a", buffering=1) as log:
            log.write("Updated Member ")
            log.flush()
            first_half_written.set()
            second_writer_done.wait(5)
            log.write("ID:1\n")

    thread = threading.Thread(target=slow_writer)
    thread.start()
    first_half_written.wait(5)
    with open(path, "a") as log:
        log.write("Created Member ID:2\n")
    second_writer_done.set()
    thread.join()
    mixed_up = ["Updated Member Created Member ID:2", "ID:1"]
    assert path.read_text().splitlines() == mixed_up


# --8<-- [end:file_writes]


# --8<-- [start:file_writes_fix]
def test_log_after_the_commit_with_logging(tables, caplog):
    def log_model_changes(sender, instance, created, **kwargs):
        action = "created" if created else "updated"
        message = ("%s %s %s", action, sender.__name__, instance.pk)
        transaction.on_commit(lambda: logger.info(*message))

    post_save.connect(log_model_changes, sender=Member)
    try:
        with pytest.raises(Rollback), transaction.atomic():
            Member.objects.create(name="never saved")
            raise Rollback
        with transaction.atomic():
            member = Member.objects.create(name="kept")
    finally:
        post_save.disconnect(log_model_changes, sender=Member)
    assert [r.getMessage() for r in caplog.records] == [f"created Member {member.pk}"]


# --8<-- [end:file_writes_fix]


# --8<-- [start:tracker]
def test_instance_tracker_is_not_django(tables):
    def handle_order_status_change(sender, instance, **kwargs):
        if instance.tracker.has_changed("status"):  # the tutorial's line
            pass

    post_save.connect(handle_order_status_change, sender=PlainOrder)
    try:
        with pytest.raises(AttributeError, match="tracker"), transaction.atomic():
            PlainOrder.objects.create()  # every save of an order now fails
    finally:
        post_save.disconnect(handle_order_status_change, sender=PlainOrder)


# --8<-- [end:tracker]
