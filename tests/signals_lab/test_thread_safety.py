"""install() and uninstall() while other threads send signals and commit.

The "Signals sent" panel installs the patch around each request it shows, and
the threaded development server runs other requests meanwhile. Those requests
must be dispatched exactly as without the patch: no exception from the patch,
every receiver called once per send, every on_commit callback run once per
committed transaction and never for a rolled-back one.
"""

import itertools
import threading

import pytest
from asgiref.sync import async_to_sync
from django.db import connection, transaction
from django.dispatch import Signal

from signals_lab import instrument

SENDERS = 4
ROUNDS = 80  # per sender thread; each round sends two or three times, commits twice


class Rollback(Exception):
    pass


def run_stress(toggle):
    """Sender threads race a toggler thread; returns what each side counted."""
    signal = Signal()
    calls = itertools.count()  # next() is atomic under the GIL
    ran = itertools.count()

    def first(sender, **kwargs):
        next(calls)
        return "first"

    def second(sender, **kwargs):
        next(calls)
        return "second"

    signal.connect(first, weak=False)
    signal.connect(second, weak=False)
    errors, wrong_responses, toggles = [], [], itertools.count()
    done = threading.Event()

    def sender_thread(number):
        recorder = instrument.Recorder(limit=50, rolling=True)
        for round_ in range(ROUNDS):
            # Half the rounds record, as a request the panel shows does.
            token = instrument.start_recording(recorder) if round_ % 2 else None
            try:
                one_round(number, round_)
            except Exception as error:  # noqa: BLE001 - counted, and the thread goes on
                errors.append(repr(error))
            finally:
                if token is not None:
                    instrument.stop_recording(token)
        connection.close()

    def one_round(number, round_):
        sends = [signal.send, signal.send_robust]
        if round_ % 10 == 0:  # asend crosses threads: fewer of them, for time
            sends.append(async_to_sync(signal.asend))
        for send in sends:
            responses = send(sender=number, round=round_)
            if [response for _, response in responses] != ["first", "second"]:
                wrong_responses.append(responses)
        with transaction.atomic():
            transaction.on_commit(lambda: next(ran))
        try:
            with transaction.atomic():
                transaction.on_commit(lambda: errors.append("ran on rollback"))
                raise Rollback
        except Rollback:
            pass

    def toggler():
        while not done.is_set():
            toggle()
            next(toggles)

    threads = [threading.Thread(target=sender_thread, args=(n,)) for n in range(SENDERS)]
    flipper = threading.Thread(target=toggler)
    flipper.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    done.set()
    flipper.join(timeout=30)
    signal.disconnect(first)
    signal.disconnect(second)
    return {
        "errors": errors,
        "wrong_responses": wrong_responses,
        "receiver_calls": next(calls),
        "callbacks_run": next(ran),
        "toggles": next(toggles),
    }


def install_and_uninstall():
    instrument.install()
    instrument.uninstall()


@pytest.mark.django_db(transaction=True)
def test_toggling_the_patch_loses_nothing_and_raises_nothing():
    result = run_stress(install_and_uninstall)
    sends = SENDERS * (ROUNDS * 2 + ROUNDS // 10)
    commits = SENDERS * ROUNDS
    assert result["errors"][:3] == [], f"{len(result['errors'])} errors"
    assert result["wrong_responses"] == []
    assert result["receiver_calls"] == sends * 2, f"{sends * 2 - result['receiver_calls']} lost"
    assert result["callbacks_run"] == commits, f"{commits - result['callbacks_run']} lost"
    assert result["toggles"] > 10, "the toggler must really race the senders"
    assert not instrument.is_installed() or instrument.everything() is not None
