# Medical-education headless CMS. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help run test lint format install migrate demo backup restore clean audit api-examples screenshots load bench

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-10s %s\n", $$1, $$2}'

run: install ## Set up SQLite, load the demo content, serve admin + API on http://127.0.0.1:8000 (with the worker)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_content
	@echo "Admin: http://$(HOST):$(PORT)/admin/   API: http://$(HOST):$(PORT)/api/v1/"
	@# The worker (scheduled publishing, review reminders) runs beside the web server and stops with it.
	@$(MANAGE) run_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(MANAGE) runserver $(HOST):$(PORT)

test: install ## Run the whole test suite (pytest)
	$(VENV)/bin/pytest

screenshots: install ## Regenerate docs/screenshots/ with the browser tests (needs /usr/bin/chromium)
	E2E_SCREENSHOT_DIR=docs/screenshots $(VENV)/bin/pytest -q -p no:cacheprovider -m e2e tests/e2e

lint: install ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install ## Apply ruff fixes and formatting
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

install: $(VENV)/.installed ## Create .venv and install requirements.txt

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

migrate: install ## Apply database migrations
	$(MANAGE) migrate --noinput

demo: install ## Load (or refresh) the demo content without serving
	$(MANAGE) load_demo_content

backup: install ## Archive database + media to var/backups/medcms-<timestamp>.tar.gz (or BACKUP=path)
	$(MANAGE) backup_site $(if $(BACKUP),--output "$(BACKUP)")

restore: install ## Restore BACKUP=path (FORCE=1 replaces a database that has content)
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=var/backups/medcms-<timestamp>.tar.gz [FORCE=1]"; exit 2; }
	$(MANAGE) restore_site "$(BACKUP)" $(if $(filter 1 yes true,$(FORCE)),--force)

clean: ## Remove the virtualenv, local database and media
	rm -rf $(VENV) var

audit: install ## Check requirements.txt against known vulnerabilities (pip-audit; needs the network, not part of make test)
	$(PY) -m pip install --quiet pip-audit==2.10.1
	$(VENV)/bin/pip-audit --requirement requirements.txt --progress-spinner off \
		$$(grep -v '^\s*#' .ci/audit-ignore.txt | awk 'NF {print "--ignore-vuln", $$1}')

api-examples: install ## Regenerate the example responses in docs/api.md from fresh demo content
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	export DATABASE_URL="sqlite:///$$tmp/examples.sqlite3" MEDIA_ROOT="$$tmp/media" && \
	$(MANAGE) migrate --noinput -v0 && $(MANAGE) load_demo_content -v0 && \
	$(MANAGE) api_examples --docs docs/api.md

load: install ## Load test: gunicorn + wrk, 32 connections for 60 s on the demo API (needs wrk; not part of make test)
	$(PY) bench/load.py $(LOAD_ARGS)

bench: install ## Benchmark against stock Wagtail API v2 at 100 and 1,000 articles (needs wrk; minutes; BENCH_ARGS="--sizes 100,1000,10000")
	$(PY) bench/run.py $(BENCH_ARGS)
