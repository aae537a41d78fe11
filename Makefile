# The four journeys: `make run`, `make test`, `make docs`, `make bench`.
# Everything runs from .venv, made on first use with the newest python3 on PATH
# that every pinned requirement supports: 3.11.5 to 3.14 (pymdown-extensions and
# mkdocs-material need 3.11 or newer, Django 5.2 supports up to 3.14 since 5.2.8).

SHELL := /bin/bash
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.requirements-installed
PORT ?= 8000
DOCS_PORT ?= $(shell echo $$(($(PORT) + 1)))
SUPPORTED_PYTHON := import sys; assert (3, 11, 5) <= sys.version_info[:3] < (3, 15)
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 python3.11 python3; do \
	$$p -c '$(SUPPORTED_PYTHON)' 2>/dev/null && { echo $$p; break; }; done)

.PHONY: run production test test-browser test-instrumented lint format docs docs-build bench clean help

help:
	@echo "make run    the site on http://127.0.0.1:$(PORT), a Celery worker, beat and the docs"
	@echo "make test   lint, the test suite, the docs build and the exercise verification"
	@echo "make test-browser  only the pages in a real Chromium (make test runs them too)"
	@echo "make docs   the docs on http://127.0.0.1:$(DOCS_PORT)"
	@echo "make bench  the benchmarks"
	@echo "make production  gunicorn, Celery and beat in production mode (docs: going-further/production)"

$(PY):
	@test -n "$(PYTHON)" || { echo "Need Python 3.11.5 to 3.14 on PATH (found none)."; \
		echo "Install one: https://www.python.org/downloads/ or your system's python3.12 package,"; \
		echo "or point make at it: make run PYTHON=/path/to/python3.12"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Reinstall only when requirements.txt changed since the last install.
$(STAMP): requirements.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

# One cross-platform command does the work (mysite/management/commands/run.py):
# migrate and seed only when needed, then web, worker, beat and docs; Ctrl-C stops all
# and exits 0, so make reports no error. `exec` lets the signal reach Python directly.
run: $(STAMP)
	@exec $(PY) manage.py run --port $(PORT) --docs-port $(DOCS_PORT)

# Production mode on one machine: migrate, check --deploy, collectstatic, then gunicorn,
# a Celery worker and beat (bin/production, Procfile.production). Needs DJANGO_SECRET_KEY;
# meant for DATABASE_URL (PostgreSQL) and REDIS_URL.
production: $(STAMP)
	@$(PY) bin/production

# The learner's check: the whole suite, pages in a real Chromium included (they skip,
# saying why, where there is none). It runs in parallel (pytest-xdist; tests/scheduling.py
# says how tests are spread), the exercise verification beside it, its report printed
# after the suite's. The suite builds the docs with --strict (tests/docs/test_docs_build.py).
# One process more than cores: a third of the suite's time is spent waiting on other
# processes (a Celery worker, a production server), and the extra process keeps the
# cores busy meanwhile: 0.89x the time of one per core on 2 cores (bench/make_test.py).
TEST_PROCESSES ?= $(shell $(PY) -c "import os; print((os.cpu_count() or 1) + 1)")
PYTEST_PARALLEL = $(PY) -m pytest -n $(TEST_PROCESSES) --dist loadgroup
test: lint
	@report=$$(mktemp); \
	$(PY) manage.py exercises verify > "$$report" 2>&1 & verifying=$$!; \
	echo "$(PYTEST_PARALLEL)  (and manage.py exercises verify beside it)"; \
	$(PYTEST_PARALLEL); suite=$$?; \
	wait $$verifying; verified=$$?; \
	echo; echo "$(PY) manage.py exercises verify"; cat "$$report"; rm -f "$$report"; \
	test $$suite -eq 0 && test $$verified -eq 0

# The learner's exercise files are left out: they are theirs, half-written or not. Their
# shipped versions are linted from git (tests/exercises/test_shipped_files.py).
lint: $(STAMP)
	@learner_files=$$($(PY) -m exercises.manifest); \
	echo "$(BIN)/ruff check . && $(BIN)/ruff format --check .  (all but the exercise files)"; \
	$(BIN)/ruff check --extend-exclude "$$learner_files" . && \
	$(BIN)/ruff format --check --extend-exclude "$$learner_files" .

# Only the page tests, in a real Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH).
test-browser: $(STAMP)
	$(PYTEST_PARALLEL) -m browser

docs-build: $(STAMP)
	$(BIN)/mkdocs build --strict --quiet --site-dir "$$(mktemp -d)/site"

# Redraw docs/diagrams/*.svg from runs of the real code (in a throwaway test database).
.PHONY: diagrams
diagrams: $(STAMP)
	$(PY) manage.py draw_diagrams

docs: $(STAMP)
	SITE_URL=http://127.0.0.1:$(PORT) $(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(DOCS_PORT)

bench: $(STAMP)
	@ls bench/*.py >/dev/null 2>&1 || { echo "No benchmarks yet."; exit 0; }
	@for script in bench/*.py; do $(PY) $$script || exit 1; done

# The whole suite with the "Signals sent" instrumentation recording every send:
# proves it changes nothing about dispatch.
test-instrumented: $(STAMP)
	SIGNALS_INSTRUMENT=1 $(PY) -m pytest
	$(PY) tests/django_own_suites.py

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf var site .pytest_cache .ruff_cache
