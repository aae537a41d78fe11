"""The reference chapter's table, checked against the installed Django.

Two checks: the table names every Signal() Django's source defines (no more,
no fewer), and each signal, sent for real, gives its receivers exactly the
arguments the table lists.
"""

import re
import threading
from contextlib import contextmanager
from pathlib import Path

import django
import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.handlers.exception import response_for_exception
from django.core.management import call_command
from django.db import connections, models
from django.template import Context, Template
from django.test import RequestFactory, override_settings
from django.test.utils import isolate_apps
from django.utils.module_loading import import_string

from signals_lab.models import Note

REFERENCE = Path(__file__).resolve().parents[2] / "docs" / "going-further" / "reference.md"
ROW = re.compile(
    r"^\| <span id=\"(\w+)\"></span>`(\w+)` \| `([\w.]+)` \|\s*([\d.]*)\s*\| (.+?) \|"
)
DEFINITION = re.compile(r"^(\w+) = (?:\w+\.)?(?:Model)?Signal\(", re.M)


def version(text):
    return tuple(int(part) for part in text.split("."))


def documented():
    """{dotted name: (since, {argument: condition})} from the reference table."""
    rows = {}
    for line in REFERENCE.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if not match:
            continue
        anchor, name, module, since, arguments = match.groups()
        assert anchor == name, f"the anchor of {name} is {anchor}"
        expected = {}
        for argument, condition in re.findall(r"`(\w+)`(?: \*\(([^)]+)\)\*)?", arguments):
            expected[argument] = condition
        rows[f"{module}.{name}"] = (version(since) if since else (), expected)
    return rows


def expected_arguments(conditions):
    expected = set()
    for argument, condition in conditions.items():
        if condition == "ASGI":
            continue  # the triggers below go through the WSGI handler
        if condition and django.VERSION[:2] < version(condition.rstrip("+")):
            continue
        expected.add(argument)
    return expected


def defined_in_django():
    root = Path(django.__file__).parent
    found = set()
    for path in root.rglob("*.py"):
        for name in DEFINITION.findall(path.read_text(encoding="utf-8")):
            module = ".".join(path.relative_to(root.parent).with_suffix("").parts)
            found.add(f"{module}.{name}")
    return found


def test_the_table_lists_every_signal_django_defines():
    table = {name for name, (since, _) in documented().items() if django.VERSION[:2] >= since[:2]}
    in_django = defined_in_django()
    assert in_django - table == set(), "signals Django defines that the table lacks"
    assert table - in_django == set(), "signals in the table that Django does not define"


# --- sending each signal for real ------------------------------------------------


@contextmanager
def captured(signal):
    """The argument names of every send of `signal` inside the block."""
    seen = []

    def capture(sender, **kwargs):
        seen.append(set(kwargs) - {"signal"})
        return True  # file_changed: "handled, do not reload"

    signal.connect(capture, weak=False)
    try:
        yield seen
    finally:
        signal.disconnect(capture)


def trigger_model_signals():
    note = Note(text="x")
    note.save()
    note.delete()


def trigger_m2m_changed():
    user = get_user_model().objects.create_user("m2m")
    user.groups.add(Group.objects.create(name="readers"))


def trigger_class_prepared():
    with isolate_apps("signals_lab"):

        class Prepared(models.Model):
            class Meta:
                app_label = "signals_lab"

            def __str__(self):
                return "prepared"


def trigger_migrate():
    call_command("migrate", verbosity=0, interactive=False)


def trigger_connection_created():
    connection = connections.create_connection("default")
    try:
        connection.ensure_connection()
    finally:
        connection.close()


def trigger_request(client):
    client.get("/")


def trigger_got_request_exception():
    request = RequestFactory().get("/broken/")
    response_for_exception(request, ValueError("the view broke"))


def trigger_setting_changed():
    with override_settings(COOKBOOK_EXAMPLE=1):
        pass


def trigger_template_rendered():
    Template("{{ greeting }}").render(Context({"greeting": "hi"}))


def trigger_auth(client):
    user = get_user_model().objects.create_user("alice", password="right")
    client.force_login(user)
    client.logout()
    authenticate(username="alice", password="wrong")


def trigger_autoreload():
    from django.utils import autoreload

    reloader = autoreload.StatReloader()

    def stop(sender, **kwargs):
        sender.stop()  # so run() returns instead of watching files forever

    def handled(sender, **kwargs):
        return True  # so notify_file_changed() does not exit to reload

    autoreload.autoreload_started.connect(stop, weak=False)
    autoreload.file_changed.connect(handled, weak=False)
    try:
        reloader.run(threading.current_thread())
        reloader.notify_file_changed(Path(__file__))
    finally:
        autoreload.autoreload_started.disconnect(stop)
        autoreload.file_changed.disconnect(handled)


if django.VERSION >= (6, 0):
    from django.tasks import task

    @task
    def add(a, b):  # django.tasks wants a module-level function
        return a + b


def trigger_tasks():
    backend = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    with override_settings(TASKS=backend):
        add.enqueue(1, 2)


TRIGGERS = {
    "pre_init": trigger_model_signals,
    "post_init": trigger_model_signals,
    "pre_save": trigger_model_signals,
    "post_save": trigger_model_signals,
    "pre_delete": trigger_model_signals,
    "post_delete": trigger_model_signals,
    "m2m_changed": trigger_m2m_changed,
    "class_prepared": trigger_class_prepared,
    "pre_migrate": trigger_migrate,
    "post_migrate": trigger_migrate,
    "connection_created": trigger_connection_created,
    "request_started": trigger_request,
    "request_finished": trigger_request,
    "got_request_exception": trigger_got_request_exception,
    "setting_changed": trigger_setting_changed,
    "template_rendered": trigger_template_rendered,
    "user_logged_in": trigger_auth,
    "user_logged_out": trigger_auth,
    "user_login_failed": trigger_auth,
    "autoreload_started": trigger_autoreload,
    "file_changed": trigger_autoreload,
    "task_enqueued": trigger_tasks,
    "task_started": trigger_tasks,
    "task_finished": trigger_tasks,
}


def current_rows():
    return [
        (name, conditions)
        for name, (since, conditions) in documented().items()
        if django.VERSION[:2] >= since[:2]
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "name, conditions", current_rows(), ids=[name.rpartition(".")[2] for name, _ in current_rows()]
)
def test_each_signal_sends_the_documented_arguments(name, conditions, client, caplog):
    short = name.rpartition(".")[2]
    trigger = TRIGGERS[short]
    with captured(import_string(name)) as seen:
        trigger(client) if "client" in trigger.__code__.co_varnames else trigger()
    assert seen, f"{short} was not sent by its trigger"
    assert all(arguments == seen[0] for arguments in seen)
    assert seen[0] == expected_arguments(conditions)
