"""Run one piece of work from several threads at the same moment.

For the PostgreSQL race tests: each thread gets its own database connection
(Django opens one per thread) and closes it when done.
"""

import threading

from django.db import connection


def at_once(count, work):
    """Run `work()` in `count` threads released together; return each result or error."""
    barrier = threading.Barrier(count)
    results = []

    def run():
        try:
            barrier.wait(timeout=30)  # start together, so they really race
            results.append(work())
        except Exception as error:  # noqa: BLE001 - the caller inspects it
            results.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def errors_in(results):
    return [result for result in results if isinstance(result, Exception)]
