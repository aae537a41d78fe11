# The four journeys: `make run`, `make test`, `make docs`, `make bench`.
# Everything runs from .venv, made on first use with the newest python3 on PATH
# that Django 5.2 supports (3.10 to 3.13).

SHELL := /bin/bash
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.requirements-installed
PORT ?= 8000
DOCS_PORT ?= 8001
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3.10 python3; do \
	$$p -c 'import sys; assert (3, 10) <= sys.version_info[:2] <= (3, 13)' 2>/dev/null \
	&& { echo $$p; break; }; done)

.PHONY: run test test-instrumented lint format docs docs-build bench verify-exercises clean help

help:
	@echo "make run    the site on http://127.0.0.1:$(PORT) with a Celery worker and beat beside it"
	@echo "make test   lint, the test suite, the docs build and the exercise verification"
	@echo "make docs   the docs on http://127.0.0.1:$(DOCS_PORT)"
	@echo "make bench  the benchmarks"

$(PY):
	@test -n "$(PYTHON)" || { echo "Need Python 3.10 to 3.13 on PATH."; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Reinstall only when requirements.txt changed since the last install.
$(STAMP): requirements.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

run: $(STAMP)
	@$(PY) manage.py migrate --noinput -v0
	@$(PY) manage.py seed_demo -v0 >/dev/null
	@echo
	@echo "  Site      http://127.0.0.1:$(PORT)/"
	@echo "  Admin     http://127.0.0.1:$(PORT)/admin/"
	@echo "  Outbox    http://127.0.0.1:$(PORT)/outbox/"
	@echo "  Docs      make docs   (then http://127.0.0.1:$(DOCS_PORT)/)"
	@echo "  Exercises $(PY) manage.py exercises"
	@echo "  Logins"
	@$(PY) manage.py demo_logins
	@echo "  Ctrl-C stops the web server, the Celery worker and Celery beat."
	@echo
	@PORT=$(PORT) PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PY) -m pytest -m "not slow"
	$(MAKE) --no-print-directory docs-build
	$(PY) manage.py exercises verify

docs-build: $(STAMP)
	$(BIN)/mkdocs build --strict --quiet --site-dir "$$(mktemp -d)/site"

# Redraw docs/diagrams/*.svg from runs of the real code (in a throwaway test database).
.PHONY: diagrams
diagrams: $(STAMP)
	$(PY) manage.py draw_diagrams

docs: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(DOCS_PORT)

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
