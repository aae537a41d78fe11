"""gunicorn settings, read by Procfile.production and bench/load.py.

Used as `gunicorn mysite.wsgi --config python:mysite.gunicorn`.
gthread workers: WEB_WORKERS processes (about one per core) of WEB_THREADS
threads each (for the time a request waits on the database, Redis or the broker).
"""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("WEB_WORKERS", "2"))
threads = int(os.environ.get("WEB_THREADS", "4"))
# A request that takes longer than this is a bug or a stuck dependency: the worker
# is restarted rather than left to hold its threads.
timeout = 30
graceful_timeout = 20
accesslog = "-"
