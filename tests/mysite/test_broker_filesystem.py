"""The zero-setup broker writes each message whole before a worker can see it.

kombu's filesystem transport creates a message file, then writes into it; a
worker reading in between gets an empty file and stops (celery/kombu#1551).
mysite/broker_filesystem.py writes elsewhere and renames the file into place.
"""

import json
import threading

import pytest
from kombu import Connection
from kombu.transport import filesystem

from mysite import broker_filesystem

QUEUE = "q"


@pytest.fixture
def open_channel(tmp_path):
    connections = []

    def open_channel(transport):
        options = {"data_folder_in": str(tmp_path), "data_folder_out": str(tmp_path)}
        connection = Connection(transport=transport, transport_options=options)
        connections.append(connection)
        return connection.default_channel

    yield open_channel
    for connection in connections:
        connection.release()


def read(channel):
    """What a worker polling the queue now would get."""
    try:
        return channel._get(QUEUE)
    except filesystem.Empty:
        return "nothing"
    except json.JSONDecodeError:
        return "an empty message"


def test_the_app_uses_the_whole_message_transport():
    from mysite.celery import app

    if not app.conf.broker_url.startswith("filesystem://"):
        pytest.skip("this run's broker is not the filesystem one")
    with app.connection_for_write() as connection:
        assert isinstance(connection.transport, broker_filesystem.Transport)


def test_with_kombus_own_put_a_reader_in_the_window_takes_an_empty_message(
    open_channel, monkeypatch
):
    channel = open_channel(filesystem.Transport)
    seen, real_lock = [], filesystem.lock

    def lock_then_read(file, flags):  # kombu locks the new file, then writes it
        real_lock(file, flags)
        seen.append(read(channel))

    monkeypatch.setattr(filesystem, "lock", lock_then_read)
    channel._put(QUEUE, {"body": "hello"})
    assert seen == ["an empty message"]
    assert read(channel) == "nothing", "and the message itself is lost"


def test_ours_shows_a_reader_nothing_until_the_message_is_whole(open_channel, monkeypatch):
    channel = open_channel(broker_filesystem.Transport)
    seen = []
    real_open, real_replace = open, broker_filesystem.os.replace

    def open_then_read(*args, **kwargs):
        file = real_open(*args, **kwargs)
        seen.append(read(channel))
        return file

    def read_then_replace(source, target):
        seen.append(read(channel))
        real_replace(source, target)

    monkeypatch.setattr(broker_filesystem, "open", open_then_read, raising=False)
    monkeypatch.setattr(broker_filesystem.os, "replace", read_then_replace)
    channel._put(QUEUE, {"body": "hello"})
    monkeypatch.undo()
    assert seen == ["nothing", "nothing"]
    assert read(channel) == {"body": "hello"}


def test_a_reader_racing_a_writer_gets_every_message_whole(open_channel):
    writer = open_channel(broker_filesystem.Transport)
    reader = open_channel(broker_filesystem.Transport)
    count, received, errors = 300, [], []
    done = threading.Event()

    def read_all():
        while len(received) < count and not done.is_set():
            try:
                message = reader._get(QUEUE)
            except filesystem.Empty:
                continue
            except Exception as error:  # noqa: BLE001 - counted below
                errors.append(repr(error))
                continue
            received.append(message["n"])

    thread = threading.Thread(target=read_all)
    thread.start()
    for n in range(count):
        writer._put(QUEUE, {"n": n})
    thread.join(timeout=30)
    done.set()
    assert errors == []
    assert sorted(received) == list(range(count))
