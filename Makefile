# Folio: `make run` serves the demo site, `make test` runs the whole suite.
# Everything is set up on first use: a virtualenv in .venv (with the first
# Python >= 3.12 found on PATH or under pyenv), the pinned requirements, and
# Bootstrap from the npm registry into node_modules (served as static files).

VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
BENCH_ARGS ?=

.PHONY: run test bench bench-import lighthouse lint clean help
.DEFAULT_GOAL := help

help:
	@echo "make run    set up, migrate, load demo content once, serve http://$(HOST):$(PORT) with the task worker"
	@echo "make test   set up and run the whole test suite (browser tests included)"
	@echo "make bench  pages per second against static nginx (BENCH_ARGS=--quick: 3 minutes)"
	@echo "make bench-import  a WordPress import of 5,000 posts: time and memory (BENCH_ARGS=--quick)"
	@echo "make lighthouse  Lighthouse scores and weight of the home, article and search pages (Chromium)"
	@echo "make lint   ruff"

$(PY):
	@python=$$(sh scripts/find-python) || exit 1; \
	echo "Creating $(VENV) with $$python"; \
	"$$python" -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt | $(PY)
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@ $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed once to fetch Bootstrap (apt-get install npm)"; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --silent
	touch $@

# The task worker (it sends the notification emails) runs beside the web
# server and is stopped with it.
# Links in emails and the printed demo logins follow HOST and PORT, unless
# FOLIO_SITE_URL says otherwise.
run: export FOLIO_SITE_URL ?= http://$(HOST):$(PORT)
run: $(VENV)/.installed node_modules/.installed
	DJANGO_SETTINGS_MODULE=config.settings.dev $(PY) manage.py migrate --no-input
	DJANGO_SETTINGS_MODULE=config.settings.dev $(PY) manage.py load_demo --if-empty
	@echo "Mail is not sent: read it at $$FOLIO_SITE_URL/dev/outbox/"
	@export DJANGO_SETTINGS_MODULE=config.settings.dev; \
	$(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	trap 'exit 130' INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed-test node_modules/.installed
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# wrk, nginx and nginx's Lua module (the front cache, deploy/) come from
# Debian's packages; installed here when missing (as root).
BENCH_TOOLS := /usr/bin/wrk /usr/sbin/nginx /usr/lib/nginx/modules/ngx_http_lua_module.so
bench: $(VENV)/.installed node_modules/.installed
	@ls $(BENCH_TOOLS) >/dev/null 2>&1 \
	|| { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk nginx libnginx-mod-http-lua >/dev/null; } \
	|| { echo "make bench needs wrk, nginx and its Lua module: apt-get install wrk nginx libnginx-mod-http-lua"; exit 1; }
	$(PY) scripts/bench.py $(BENCH_ARGS)

# A generated WordPress export (5,000 posts, 100,000 comments, 2,000 images)
# imported into a temporary database: time and peak memory.
bench-import: $(VENV)/.installed
	$(PY) scripts/bench_import.py $(BENCH_ARGS)

# Lighthouse (pinned in package.json) drives Debian's Chromium; it never downloads one.
lighthouse: $(VENV)/.installed node_modules/.installed
	$(PY) scripts/lighthouse.py $(LIGHTHOUSE_ARGS)

clean:
	rm -rf $(VENV) node_modules .pytest_cache
