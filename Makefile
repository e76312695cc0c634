# Wijkkracht — the two commands: `make run` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

UV_VERSION := 0.13.9
VENV := .venv
TOOLS := .tools
UV := $(TOOLS)/bin/uv
PYTHON := $(VENV)/bin/python
MANAGE := $(PYTHON) manage.py
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))

# A Python >= 3.12: the first that qualifies among the usual names and pyenv's versions.
FIND_PYTHON = for c in python3.13 python3.12 python3 $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	  p=$$(command -v $$c 2>/dev/null) || continue; \
	  $$p -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null && { echo $$p; exit 0; }; \
	done; echo "No Python 3.12 or newer found. Install one (e.g. pyenv install 3.13)." >&2; exit 1

.PHONY: help install run serve test lint bench bench-tools clean test-tools messages

help:
	@echo "make run    install, migrate, load the demo and serve http://127.0.0.1:8000 with a worker and the scheduler"
	@echo "make test   install test tools and run lint, migration check and all tests (SQLite and PostgreSQL)"
	@echo "make bench  seed benchmark data and write docs/benchmarks.md"
	@echo "make serve  production server (gunicorn) on 127.0.0.1:\$${PORT:-8000}; settings from the environment"

$(UV):
	@PY=$$($(FIND_PYTHON)) && echo "Using $$PY" && $$PY -m venv $(TOOLS) && $(TOOLS)/bin/pip install -q "uv==$(UV_VERSION)"

# Installs the locked dependencies (runtime and dev) into .venv; re-runs only when the lock changes.
$(VENV)/.synced: uv.lock pyproject.toml | $(UV)
	@PY=$$($(FIND_PYTHON)) && $(UV) sync --frozen --all-groups --python $$PY -q
	@touch $@

install: $(VENV)/.synced

# The web server, the task worker (mail, reminders) and the scheduler of periodic jobs, side by side;
# Ctrl+C stops all three.
RUN_PORT ?= 8000
run: install
	@mkdir -p var
	@$(MANAGE) migrate --noinput -v0
	@$(MANAGE) seed_demo
	@echo "Serving http://127.0.0.1:$(RUN_PORT) with a task worker and the scheduler (stop all with Ctrl+C)"
	@$(MANAGE) worker -v0 & pids=$$!; \
	$(MANAGE) scheduler --loop -v0 & pids="$$pids $$!"; \
	$(MANAGE) runserver 127.0.0.1:$(RUN_PORT) --insecure --noreload & pids="$$pids $$!"; \
	trap 'kill $$pids 2>/dev/null; wait; echo "Stopped."; exit 0' INT TERM; \
	wait -n; kill $$pids 2>/dev/null; wait

# Production: gunicorn with wijkkracht.conf.production; every setting comes from the environment (DJANGO_SECRET_KEY,
# DJANGO_ALLOWED_HOSTS, DATABASE_URL, ...: docs/operations.md). Collects the static files first; migrations are a
# separate, deliberate step (`manage.py migrate`, docs/operations.md "Upgrade").
serve: install
	@DJANGO_SETTINGS_MODULE=wijkkracht.conf.production $(MANAGE) collectstatic --noinput -v0
	PYTHONPATH=$(CURDIR)/src DJANGO_SETTINGS_MODULE=wijkkracht.conf.production exec $(VENV)/bin/gunicorn -c src/wijkkracht/conf/gunicorn.py

# What the tests need from Debian: Chromium for the browser tests (never a downloaded browser), GNU gettext
# for the translation check and the PostgreSQL client (pg_dump, pg_restore) for the backup round trip.
test-tools:
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v xgettext >/dev/null 2>&1 || missing="$$missing gettext"; \
	command -v pg_dump >/dev/null 2>&1 || missing="$$missing postgresql-client"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

lint: install
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/mypy
	DJANGO_SETTINGS_MODULE=wijkkracht.conf.test $(MANAGE) makemigrations --check --dry-run

test: install test-tools lint
	@echo "== Tests on SQLite"
	$(VENV)/bin/pytest -q
	@echo "== Tests on PostgreSQL ($(PG_URL))"
	@if $(PYTHON) -c "import psycopg,sys; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
	  DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -q -m "not e2e"; \
	elif [ -n "$$WIJKKRACHT_REQUIRE_POSTGRES" ]; then echo "PostgreSQL is required but not reachable at $(PG_URL)"; exit 1; \
	else echo "PostgreSQL not reachable at $(PG_URL): skipped (CI requires it)"; fi

bench: install bench-tools
	$(PYTHON) bench/pages_bench.py $(BENCH_ARGS)
	$(PYTHON) bench/matching_bench.py $(BENCH_ARGS)
	$(PYTHON) bench/http_bench.py $(HTTP_BENCH_ARGS)

# What the HTTP benchmark needs from Debian: wrk (the load generator) and the PostgreSQL client.
bench-tools:
	@missing=""; command -v wrk >/dev/null 2>&1 || missing="$$missing wrk"; \
	command -v pg_dump >/dev/null 2>&1 || missing="$$missing postgresql-client"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

clean:
	rm -rf $(VENV) $(TOOLS) var staticfiles

# Update the English catalogue from the code and compile it (translate new entries in the .po file).
messages: install
	cd src/wijkkracht && ../../$(PYTHON) ../../manage.py makemessages -l en --no-location --no-obsolete \
	  --ignore 'tests/*' --ignore 'bench/*'
	cd src/wijkkracht && ../../$(PYTHON) ../../manage.py compilemessages -l en -l nl
