"""Settings for the Django Signals Cookbook.

Every value that differs between a laptop and a server comes from the
environment (django-environ). With no variables set, everything runs
embedded: SQLite, a file cache, Celery on kombu's filesystem transport and an
email backend that keeps every message for the Outbox page.
"""

from pathlib import Path

import django
import environ
from django.conf import global_settings
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
env.read_env(BASE_DIR / ".env")

# Runtime state (database, cache, broker folders, uploads) lives here, never in git.
VAR_DIR = Path(env("DJANGO_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DJANGO_DEBUG", default=True)

if DEBUG:
    SECRET_KEY = env(
        "DJANGO_SECRET_KEY", default="django-insecure-local-development-only-not-a-secret"
    )
else:
    try:
        SECRET_KEY = env("DJANGO_SECRET_KEY")
    except ImproperlyConfigured:
        raise ImproperlyConfigured(
            "DJANGO_DEBUG=0 (production mode) needs DJANGO_SECRET_KEY in the environment."
        ) from None

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
INTERNAL_IPS = ["127.0.0.1", "::1"]

# Where the site links to the docs and the docs link to the site (see `make docs`).
DOCS_URL = env("DOCS_URL", default="http://127.0.0.1:8001/")
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# The project's apps, in teaching order. Each may have a `cookbook.py` with
# its home-page cards and demo data (see mysite/cookbook.py).
PROJECT_APPS = [
    "mysite",
    "polls",
    "profiles",
    "blog",
    "orders",
    "signals_lab",
    "exercises",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    *PROJECT_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# The toolbar exists only in development; production mode never imports it.
DEBUG_TOOLBAR = DEBUG and env.bool("DJANGO_DEBUG_TOOLBAR", default=True)
if DEBUG_TOOLBAR:
    INSTALLED_APPS.append("debug_toolbar")
    MIDDLEWARE.insert(0, "debug_toolbar.middleware.DebugToolbarMiddleware")
    # Collapsed to its handle until clicked, so it does not cover the page being taught.
    DEBUG_TOOLBAR_CONFIG = {"SHOW_COLLAPSED": True}

# The learner's exercise files (exercises/apps.py) run in development only. With
# DEBUG off, Django no longer refuses a receiver without **kwargs when it connects,
# so a half-done exercise would connect and then fail every save it hears: a
# deployment runs no exercise.
EXERCISES_LOAD_LEARNER_FILES = env.bool("EXERCISES_LOAD_LEARNER_FILES", default=DEBUG)

ROOT_URLCONF = "mysite.urls"
WSGI_APPLICATION = "mysite.wsgi.application"
ASGI_APPLICATION = "mysite.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mysite.context_processors.cookbook",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so the Celery worker a test starts sees the same rows.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
    # Wait for a lock rather than fail at once when web and worker write together.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: shared by every process ------------------------------------------
# Never the per-process memory cache: the worker and each web process would
# then hold their own copy, and an invalidation in one would not reach the others.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="cookbook"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# --- Celery (read by mysite/celery.py through the CELERY_ namespace) ---------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://localhost//")
CELERY_BROKER_FOLDER = VAR_DIR / "broker"
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_FOLDER / "queue"),
        "data_folder_out": str(CELERY_BROKER_FOLDER / "queue"),
        "control_folder": str(CELERY_BROKER_FOLDER / "control"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {}
# A request must never hang on a broker that is down: give up quickly and say so.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS.setdefault("max_retries", 2)
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2}
CELERY_TASK_IGNORE_RESULT = True
# --- Celery: a worker killed mid-task (orders/delivery.py, docs/orders/delivery.md) ---
# Acknowledge a message only once its task has finished, so a worker that dies
# mid-task leaves the message with the broker, to be delivered again.
CELERY_TASK_ACKS_LATE = True
# With acks_late alone, a task whose pool child was killed (SIGKILL, the OOM
# killer) is acknowledged anyway and lost; this puts it back in the queue instead.
# Safe here because our tasks may run twice: send_order_email claims its row.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# Redis (and SQS) hand an unacknowledged message to another worker only after the
# visibility timeout; the default is one hour. 600 s is well above our longest task
# (a few SMTP replies of EMAIL_TIMEOUT each) and below the retry delays we use
# (countdowns stay under it: a longer one would be redelivered early). RabbitMQ
# ignores it: it redelivers as soon as the dead worker's connection closes.
CELERY_BROKER_VISIBILITY_TIMEOUT = env.int("CELERY_BROKER_VISIBILITY_TIMEOUT", default=600)
CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] = CELERY_BROKER_VISIBILITY_TIMEOUT
# One message at a time per process: a late-acked message held in a prefetch
# buffer would wait behind a slow task instead of going to a free worker.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True

# --- Email ---------------------------------------------------------------
# Every message is kept for the Outbox page; with EMAIL_URL it is also relayed by SMTP.
EMAIL_URL = env("EMAIL_URL", default="")
SMTP_RELAY = None
if EMAIL_URL:
    _smtp = env.email_url("EMAIL_URL")
    SMTP_RELAY = {
        "host": _smtp["EMAIL_HOST"],
        "port": _smtp["EMAIL_PORT"],
        "username": _smtp["EMAIL_HOST_USER"],
        "password": _smtp["EMAIL_HOST_PASSWORD"],
        "use_tls": bool(_smtp.get("EMAIL_USE_TLS")),
        "use_ssl": bool(_smtp.get("EMAIL_USE_SSL")),
        # Also bounds how long a worker waits for a server that answers late.
        "timeout": env.float("EMAIL_TIMEOUT", default=10),
    }
if django.VERSION >= (6, 1):
    # Django 6.1 configures email with MAILERS and deprecates EMAIL_BACKEND.
    MAILERS = {"default": {"BACKEND": "mysite.mail.OutboxBackend"}}
else:
    EMAIL_BACKEND = "mysite.mail.OutboxBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="cookbook@example.com")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
STAFF_EMAILS = env.list("STAFF_EMAILS", default=["staff@example.com"])

# --- Auth, i18n, static -----------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"

# --- Logging: receivers log, they never print ---------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"short": {"format": "%(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "short"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
}

# --- profiles: login lock-out (profiles/backends.py) -----------------------------
# The lock-out gate runs first; ModelBackend checks the password.
AUTHENTICATION_BACKENDS = [
    "profiles.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failed attempts for one username from one IP that lock it, and the window they count in.
PROFILES_LOCKOUT_ATTEMPTS = env.int("PROFILES_LOCKOUT_ATTEMPTS", default=5)
PROFILES_LOCKOUT_WINDOW_SECONDS = env.int("PROFILES_LOCKOUT_WINDOW_SECONDS", default=15 * 60)
# How many reverse proxies of ours add to X-Forwarded-For; 0 trusts only REMOTE_ADDR.
PROFILES_TRUSTED_PROXY_COUNT = env.int("PROFILES_TRUSTED_PROXY_COUNT", default=0)

# --- Production mode ----------------------------------------------------------
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True

# --- Production shape: gunicorn, whitenoise, persistent connections ------------------
# (bin/production, Procfile.production, docs/going-further/production.md)
# --8<-- [start:production]
if not DEBUG:
    # Static files from the web process itself: right after SecurityMiddleware, so
    # they skip sessions and auth. Hashed, compressed copies made by collectstatic
    # may be cached by browsers for ten years (their names change when they do).
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )
    STATIC_BACKEND = "whitenoise.storage.CompressedManifestStaticFilesStorage"
    STORAGES = {
        **globals().get("STORAGES", global_settings.STORAGES),
        "staticfiles": {"BACKEND": STATIC_BACKEND},
    }
    # Keep each gunicorn thread's connection open between requests instead of
    # connecting for every one; check it before reuse, so a database restart
    # costs one reconnect, not an error page. (Not in development: runserver
    # makes a thread per request, which would only leave connections behind.)
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# --8<-- [end:production]

# --- Signals lab: the "Signals sent" panel and the instrumentation ----------------
# SIGNALS_INSTRUMENT=1 records every signal sent in the process (a whole test run
# proves it changes nothing). Off, the instrumentation is not installed at all; the
# toolbar panel installs it for each request the toolbar shows, and removes it after.
# --8<-- [start:signals_panel]
SIGNALS_INSTRUMENT = env.bool("SIGNALS_INSTRUMENT", default=False)
if DEBUG_TOOLBAR:
    from debug_toolbar.settings import PANELS_DEFAULTS

    DEBUG_TOOLBAR_PANELS = [*PANELS_DEFAULTS, "signals_lab.panels.SignalsSentPanel"]
# --8<-- [end:signals_panel]

# --- orders: the email outbox and its relay (orders/outbox.py) ----------------------
# A Redis broker that accepts the connection and then never answers would make a
# publish wait forever: bound each socket read, not just the connect.
REDIS_BROKER_SOCKET_TIMEOUTS = {"socket_timeout": 2, "socket_connect_timeout": 2}
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        **REDIS_BROKER_SOCKET_TIMEOUTS,
        **CELERY_BROKER_TRANSPORT_OPTIONS,
    }
# An unsent order email older than this is queued again by the relay.
ORDERS_OUTBOX_GRACE_SECONDS = env.int("ORDERS_OUTBOX_GRACE_SECONDS", default=60)
# --- orders: delivery of one email (orders/delivery.py) -------------------------------
# Attempts in all (the first and the retries) before an email is a dead letter.
ORDERS_EMAIL_MAX_ATTEMPTS = env.int("ORDERS_EMAIL_MAX_ATTEMPTS", default=6)
# The first retry waits this long, each next one twice as long (10 s ... 160 s).
ORDERS_EMAIL_RETRY_SECONDS = env.float("ORDERS_EMAIL_RETRY_SECONDS", default=10.0)
# How long a claim lasts: longer than one SMTP conversation can take (each socket
# operation may wait EMAIL_TIMEOUT), so a live worker never loses its claim.
ORDERS_EMAIL_LEASE_SECONDS = env.float("ORDERS_EMAIL_LEASE_SECONDS", default=120.0)
# Celery beat (the Procfile's `beat:` line) runs the relay this often.
CELERY_BEAT_SCHEDULE = {
    "relay-order-emails": {
        "task": "orders.tasks.relay_order_emails",
        "schedule": env.float("ORDERS_OUTBOX_RELAY_EVERY", default=30.0),
    },
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# --- Security (issue 11): outbox access, toolbar secrets, bad input -------------------
# The Outbox page shows every message sent, customers' addresses and orders included:
# open to anyone only in development, staff only in production mode.
OUTBOX_PUBLIC = env.bool("OUTBOX_PUBLIC", default=DEBUG)
# The toolbar's History panel shows every client's POST data: ours masks password fields.
if DEBUG_TOOLBAR:
    DEBUG_TOOLBAR_PANELS = [
        "mysite.toolbar.HistoryPanel" if panel.endswith(".HistoryPanel") else panel
        for panel in DEBUG_TOOLBAR_PANELS
    ]
# NUL bytes and other control characters in any URL or form answer 400
# (mysite/middleware.py), before the trace middleware below records anything.
MIDDLEWARE.append("mysite.middleware.reject_control_characters")

# --- signals_lab: "What just fired", the trace block (signals_lab/middleware.py) ----
# After any action, the page the learner lands on shows what the action sent, and
# what the Celery worker then did. None (the default) follows DEBUG.
SIGNALS_TRACE = env.bool("SIGNALS_TRACE", default=None)
MIDDLEWARE.append("signals_lab.middleware.TraceMiddleware")  # last: it records the view

# --- plainpath: the site says what is missing (mysite/dev_notices.py) ---------------
# Development only: unapplied migrations answer a friendly 503 page, and every page
# says when no Celery worker or no docs server runs, with the command that starts it.
if DEBUG:
    # First, so the toolbar never renders (and queries) on the 503 page.
    MIDDLEWARE.insert(0, "mysite.dev_notices.UnappliedMigrationsMiddleware")
TEMPLATES[0]["OPTIONS"]["context_processors"].append("mysite.dev_notices.dev_notices")
# Django's own "django" logger prints to the console and then propagates to the root
# logger, which prints again: every django.request warning came out twice.
# Configuring "django" resets its children, so runserver's request lines get their own
# handler back, as Django's default logging has it.
from django.utils.log import DEFAULT_LOGGING  # noqa: E402

LOGGING.setdefault("loggers", {})["django"] = {"handlers": [], "propagate": True}
for _part in ("formatters", "handlers", "loggers"):
    LOGGING[_part]["django.server"] = DEFAULT_LOGGING[_part]["django.server"]

# The docs follow the ports `manage.py run` uses (DOCS_PORT, else PORT + 1).
_docs_port = env.int("DOCS_PORT", default=env.int("PORT", default=8000) + 1)
DOCS_URL = env("DOCS_URL", default=f"http://127.0.0.1:{_docs_port}/")
# "Watching for file changes" is runserver's INFO line, not news: keep the banner clean.
LOGGING["loggers"]["django.utils.autoreload"] = {"level": "WARNING"}
