"""The docs' sequence diagrams, each drawn from a run of the real code.

Caveats first: every function here runs the project's code against the
database Django is connected to, and writes rows (users, notes, orders).
``manage.py draw_diagrams`` runs them in a throwaway test database; the
tests run them in theirs. What each arrow says comes from what the run
recorded (``signals_lab.timeline``): nothing in a diagram is typed by hand
except the participants' names and the captions of its phases.
"""

import asyncio
import socket
import threading
from contextlib import contextmanager
from decimal import Decimal

import django
from django.db import transaction
from django.dispatch import Signal

from .sequence import Diagram, Group, Message, Note, Participant, render_svg
from .timeline import observe

# --- shared translation: events to arrows ------------------------------------


def _where(event, caller, receivers):
    return receivers if event.receiver else caller


def translate(events, caller, receivers="receivers", db="db", hooks=None):
    """Arrows for a run: sends and their receivers, SQL, COMMIT and on_commit callbacks.

    `caller` is the participant that sends signals and runs SQL outside any
    receiver; `hooks` the one that holds on_commit callbacks (the database's
    connection by default).
    """
    hooks = hooks or db
    steps = []
    for event in events:
        source = _where(event, caller, receivers)
        if event.kind == "send":
            quiet = "" if event.receivers_called() else ": no receivers"
            steps.append(Message(source, receivers, event.label + quiet))
        elif event.kind == "call":
            kind = "async" if event.is_async else "sync"
            steps.append(Message(receivers, receivers, f"{event.label} ({kind})"))
        elif event.kind == "sql":
            writes = event.label.startswith(("INSERT", "UPDATE", "DELETE"))
            tail = "" if event.in_transaction or not writes else "\n(autocommit: commits at once)"
            steps.append(Message(source, db, event.label + tail))
        elif event.kind == "commit":
            steps.append(Message(source, db, "COMMIT"))
        elif event.kind == "rollback":
            steps.append(Message(source, db, "ROLLBACK"))
        elif event.kind == "queue":
            if event.in_transaction:
                label = f"on_commit({event.label})\nheld until COMMIT"
            else:
                label = f"on_commit({event.label})\nno transaction: runs now"
            steps.append(Message(source, hooks, label))
        elif event.kind == "run":
            steps.append(Message(hooks, receivers, f"after COMMIT: {event.label}()", reply=True))
    return steps


def _transaction_note(events, signal):
    """Whether a transaction was open when `signal` was sent, in words, from the record."""
    sends = [event for event in events if event.kind == "send" and event.label.startswith(signal)]
    if not sends:
        return f"{signal} was not sent"
    if sends[0].in_transaction:
        return (
            f"{signal} ran inside the transaction:\nits on_commit callback waited for the COMMIT"
        )
    return f"{signal} ran with no transaction open:\nthe INSERT had already committed"


# --- 1. save(): autocommit and atomic() --------------------------------------


def record_save():
    from .models import Note as LabNote

    participants = [
        Participant("code", "your code"),
        Participant("model", "Note.save()"),
        Participant("receivers", "receivers"),
        Participant("db", "database"),
    ]
    watch = {"tables": ["signals_lab_note"], "signals": ["pre_save", "post_save"]}
    note = LabNote(text="saved in autocommit")
    with observe(**watch) as autocommit:
        note.save()
    note = LabNote(text="saved inside atomic()")
    with observe(**watch) as atomic, transaction.atomic():
        note.save()
    first = translate(autocommit.events, caller="model")
    second = translate(atomic.events, caller="model")
    # The COMMIT is atomic()'s, in your code: show it coming from there.
    second = [
        Message("code", "db", step.label) if getattr(step, "label", "") == "COMMIT" else step
        for step in second
    ]
    return Diagram(
        "save(): pre_save, SQL, post_save, commit, on_commit",
        participants,
        [
            Group(
                "autocommit: note.save() with no transaction open",
                [
                    Message("code", "model", "note.save()"),
                    *first,
                    Note(("receivers",), _transaction_note(autocommit.events, "post_save")),
                ],
            ),
            Group(
                "inside atomic(): with transaction.atomic(): note.save()",
                [
                    Message("code", "model", "note.save()"),
                    *second,
                    Note(("receivers",), _transaction_note(atomic.events, "post_save")),
                ],
            ),
        ],
    )


# --- 2. sync and async receivers under send() and asend() --------------------

demo_signal = Signal()  # only connected while record_sync_async() runs


def _context(caller_thread):
    try:
        asyncio.get_running_loop()
        loop = "in an event loop"
    except RuntimeError:
        loop = "no event loop"
    thread = "caller's thread" if threading.get_ident() == caller_thread else "another thread"
    return f"{thread}, {loop}"


def record_sync_async():
    participants = [
        Participant("code", "sending code"),
        Participant("receivers", "receivers"),
    ]
    caller, overlapped = {}, {}
    async_started = threading.Event()

    def sync_receiver(sender, **kwargs):
        timeline.note(f"sync_receiver: {_context(caller['thread'])}")
        # Blocking work, which also waits a little for the async receiver: it can
        # start meanwhile only if Django runs the two at the same time.
        overlapped[timeline] = async_started.wait(timeout=0.5)

    async def async_receiver(sender, **kwargs):
        async_started.set()
        timeline.note(f"async_receiver: {_context(caller['thread'])}")

    async def from_a_coroutine():
        caller["thread"] = threading.get_ident()
        await demo_signal.asend(sender=None)

    demo_signal.connect(sync_receiver, weak=False, dispatch_uid="diagrams.sync")
    demo_signal.connect(async_receiver, weak=False, dispatch_uid="diagrams.async")
    try:
        with observe(signals=["demo_signal"]) as timeline:
            caller["thread"] = threading.get_ident()
            demo_signal.send(sender=None)
        sent = timeline
        async_started.clear()
        with observe(signals=["demo_signal"]) as timeline:
            asyncio.run(from_a_coroutine())
        asent = timeline
    finally:
        demo_signal.disconnect(dispatch_uid="diagrams.sync")
        demo_signal.disconnect(dispatch_uid="diagrams.async")

    def steps(timeline):
        send, *rest = timeline.events
        where = {event.label.split(":")[0]: event.label for event in rest if event.kind == "note"}
        # When the two run at once their start order is a race: draw sync first.
        calls = sorted((event for event in rest if event.kind == "call"), key=lambda e: e.is_async)
        arrows = [Message("code", "receivers", send.label)]
        for call in calls:
            kind = "async" if call.is_async else "sync"
            arrows.append(Message("receivers", "receivers", f"{call.label} ({kind})"))
            arrows.append(Note(("receivers",), where.get(call.label.split(".")[-1], "")))
        if overlapped[timeline]:
            overlap = "the async receiver started while the sync one was still running"
        else:
            overlap = "the sync receiver had finished before the async one started"
        arrows.append(Note(("code", "receivers"), overlap))
        arrows.append(Message("receivers", "code", "[(receiver, response), ...]", reply=True))
        return arrows

    return Diagram(
        "Sync and async receivers under send() and asend()",
        participants,
        [
            Group("send() from sync code", steps(sent)),
            Group("asend() from a coroutine (asyncio.run)", steps(asent)),
        ],
    )


# --- 3. an order's emails: outbox row, commit, Celery, SMTP, relay -----------


class _SMTPSink:
    """A real SMTP server on 127.0.0.1 that notes in the timeline each message it takes."""

    def __init__(self):
        self.timeline = None

    async def handle_DATA(self, server, session, envelope):
        if self.timeline is not None:
            self.timeline.add("smtp", "250 OK", receiver="", in_transaction=False)
        return "250 OK"


@contextmanager
def _smtp_server():
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:  # a free port: aiosmtpd cannot take port 0
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sink = _SMTPSink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield sink, controller.port
    finally:
        controller.stop()


@contextmanager
def _celery(eager, broker_url=None):
    from mysite.celery import app, conf_overridden

    values = {"task_always_eager": eager}
    if broker_url:
        values.update(broker_url=broker_url, broker_transport_options={})
    with conf_overridden(**values):
        yield app


def _order_steps(events):
    """Arrows for an order run, with the worker's part on its own lifeline."""
    steps = []
    in_worker = False
    for event in events:
        if event.kind == "note":
            in_worker = event.label.startswith("worker")
            if event.label.startswith("worker:"):
                task = event.label.split(": ", 1)[1]
                steps.append(Message("web", "worker", f"{task} (through the broker)"))
            elif event.label.startswith("beat:"):
                steps.append(Message("beat", "web", event.label.split(": ", 1)[1]))
            continue
        if event.kind == "smtp":
            steps.append(Message("worker", "smtp", "SMTP DATA"))
            steps.append(Message("smtp", "worker", event.label, reply=True))
            continue
        caller = "worker" if in_worker else "web"
        steps.extend(translate([event], caller=caller, receivers=caller))
    return steps


def record_order_emails():
    from celery.signals import task_postrun, task_prerun
    from django.contrib.auth import get_user_model
    from django.test import override_settings

    from orders.models import Product
    from orders.outbox import relay_unsent_emails
    from orders.services import customer_for, place_order
    from orders.tasks import send_order_email

    user = get_user_model().objects.create_user("diagram-buyer", "buyer@example.com")
    mug = Product.objects.create(name="Diagram mug", price=Decimal("9.00"), stock=10)
    customer_for(user)  # the customer row exists before the order, as for a returning buyer

    # Eager Celery runs the task where delay() is called, as the worker would
    # run it: Celery's own task signals mark where the worker's part starts.
    def started(sender=None, **kwargs):
        timeline.note(f"worker: {sender.name.rsplit('.', 1)[-1]}")

    def finished(sender=None, **kwargs):
        timeline.note("web: back")

    watch = {
        "tables": ["orders_order", "orders_orderemail"],
        "signals": ["post_save", "order_placed"],
    }
    with _smtp_server() as (sink, port):
        relay = {"host": "127.0.0.1", "port": port, "username": "", "password": ""}
        relay.update(use_tls=False, use_ssl=False, timeout=10)
        # The project's own email backend, relaying over SMTP (tests swap in locmem).
        backend = "mysite.mail.OutboxBackend"
        if django.VERSION >= (6, 1):
            mail = {"MAILERS": {"default": {"BACKEND": backend}}}
        else:
            mail = {"EMAIL_BACKEND": backend}
        with override_settings(SMTP_RELAY=relay, STAFF_EMAILS=["staff@example.com"], **mail):
            task_prerun.connect(started, sender=send_order_email, weak=False)
            task_postrun.connect(finished, sender=send_order_email, weak=False)
            try:
                with _celery(eager=True), observe(**watch) as timeline:
                    sink.timeline = timeline
                    place_order(user, {mug.pk: 1})
                placed = timeline.events
                # The broker takes the tasks but no worker ever reads them (a
                # memory broker in this process): the rows stay unsent, as
                # when the broker was down or the message was lost.
                with _celery(eager=False, broker_url="memory://"):
                    place_order(user, {mug.pk: 1})
                with _celery(eager=True), observe(**watch) as timeline:
                    sink.timeline = timeline
                    timeline.note("beat: relay_order_emails")
                    relay_unsent_emails(grace=0, limit=1)
                relayed = timeline.events
            finally:
                task_prerun.disconnect(started, sender=send_order_email)
                task_postrun.disconnect(finished, sender=send_order_email)
                sink.timeline = None

    participants = [
        Participant("beat", "beat"),
        Participant("web", "web process"),
        Participant("db", "database"),
        Participant("worker", "Celery worker"),
        Participant("smtp", "SMTP server"),
    ]
    return Diagram(
        "Placing an order: outbox rows, commit, Celery, SMTP, and the relay",
        participants,
        [
            Group("the order and its outbox rows, in one transaction", _order_steps(placed)),
            Group(
                "later: beat's relay, for a row still unsent (broker down, message lost)",
                _order_steps(relayed),
            ),
        ],
    )


# --- 4. a failed sign-in and the lock-out ------------------------------------


def record_lockout():
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    get_user_model().objects.create_user("diagram-locked", password="the-right-one")
    client = Client(REMOTE_ADDR="192.0.2.7")
    watch = {
        "tables": ["profiles_loginevent", "profiles_loginthrottle", "auth_user"],
        "signals": ["user_login_failed"],
    }

    def attempt():
        with observe(**watch) as timeline:
            response = client.post(
                "/accounts/login/", {"username": "diagram-locked", "password": "wrong"}
            )
            timeline.note(f"HTTP {response.status_code}")
        return timeline.events

    limit = settings.PROFILES_LOCKOUT_ATTEMPTS
    earlier = [attempt() for _ in range(limit - 1)]
    last_counted, refused = attempt(), attempt()

    participants = [
        Participant("browser", "browser"),
        Participant("view", "LoginView, backends"),
        Participant("receivers", "receivers"),
        Participant("db", "database"),
    ]

    def steps(events):
        arrows = [Message("browser", "view", "POST /accounts/login/")]
        for event in events:
            if event.kind == "note":
                arrows.append(Message("view", "browser", event.label, reply=True))
            else:
                arrows.extend(translate([event], caller="view"))
        return arrows

    def count(kind, label):
        return sum(e.kind == kind and e.label == label for events in earlier for e in events)

    answers = sorted({e.label for events in earlier for e in events if e.kind == "note"})
    summary = (
        f"attempts 1 to {limit - 1}, wrong password: {count('send', 'user_login_failed.send()')}"
        f" x user_login_failed, {count('sql', 'INSERT profiles_loginevent')}"
        f" x INSERT profiles_loginevent; answered {', '.join(answers)}"
    )
    checked = any(e.label == "SELECT auth_user" for e in refused)
    return Diagram(
        "A failed sign-in: user_login_failed and the lock-out",
        participants,
        [
            Note(("browser", "db"), summary),
            Group(f"attempt {limit}: the last failure the lock-out counts", steps(last_counted)),
            Group(
                f"attempt {limit + 1}: locked out",
                [
                    *steps(refused),
                    Note(
                        ("view", "db"),
                        "the password was checked too"
                        if checked
                        else "no SELECT auth_user: the password was never checked",
                    ),
                ],
            ),
        ],
    )


def draw(name):
    """Record diagram `name` and render it, marked with the Django version it ran on."""
    diagram = DIAGRAMS[name]()
    diagram.title += f" (Django {django.VERSION[0]}.{django.VERSION[1]})"
    return render_svg(diagram)


DIAGRAMS = {
    "save-autocommit-vs-atomic": record_save,
    "sync-async-receivers": record_sync_async,
    "order-emails": record_order_emails,
    "failed-sign-in-lockout": record_lockout,
}
