"""kombu's filesystem transport, with each message written whole before it is seen.

kombu's own `_put` creates the message file in the queue folder and then writes
into it. A worker that lists the folder in between moves the still-empty file
away, fails to decode it and stops ("Unrecoverable error: JSONDecodeError",
celery/kombu#1551): the worker is gone and the message is lost. Here the
message is written under a name no queue reads, then renamed into place.
`os.replace` is atomic within one folder, on POSIX and on Windows, so a reader
sees either no file or the whole message.

Registered under the "filesystem" alias by mysite/celery.py, so every process
that loads the Celery app (site, worker, tests) writes this way.
"""

import os
import uuid
from time import monotonic

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.json import dumps


class Channel(filesystem.Channel):
    def _put(self, queue, payload, **kwargs):
        """Put `payload` onto `queue`, visible to readers only once complete."""
        name = f"{int(round(monotonic() * 1000))}_{uuid.uuid4()}.{queue}.msg"
        final = os.path.join(self.data_folder_out, name)
        # "….msg.part" never matches the "<queue>.msg" that _get looks for.
        partial = final + ".part"
        try:
            with open(partial, "wb") as file:
                file.write(dumps(payload).encode())
            os.replace(partial, final)
        except OSError as exc:
            if os.path.exists(partial):
                os.remove(partial)
            raise ChannelError(f"Cannot add file {final!r} to directory") from exc


class Transport(filesystem.Transport):
    Channel = Channel
