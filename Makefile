# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/tracker
PORT ?= 8000
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test test-sqlite test-postgres lint setup browser static benchmarks

setup: $(VENV)/.installed static

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

# htmx comes from npm at setup time; the pages work without it.
static: node_modules/htmx.org/dist/htmx.min.js

node_modules/htmx.org/dist/htmx.min.js: package.json
	-npm install --omit=dev --no-audit --no-fund --silent

# Debian's chromium drives the browser tests; test tools cannot download browsers here.
browser:
	@test -x /usr/bin/chromium || { apt-get update -qq && apt-get install -y -qq chromium; }

# The worker runs the uploads queued by the web page; it stops with the server.
run: setup
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py ingest seeds/
	DEBUG=1 $(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

test-sqlite: setup browser
	DATABASE_URL=sqlite:///$(CURDIR)/.test-sqlite.db $(BIN)/pytest

test-postgres: setup browser
	DATABASE_URL=$(PG_URL) $(BIN)/pytest

test: lint test-sqlite test-postgres

benchmarks: setup
	$(BIN)/python benchmarks/extract.py
	DATABASE_URL=$(PG_URL) $(BIN)/python benchmarks/ingest.py
	DATABASE_URL=$(PG_URL) $(BIN)/python benchmarks/web.py
	DATABASE_URL=$(PG_URL) $(BIN)/python benchmarks/load.py --drop
