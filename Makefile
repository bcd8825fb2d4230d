# Civic Talent: `make run` serves the platform with demo data; `make test` runs every check.
# Everything is installed into this folder (.venv, node_modules); nothing is installed by hand.

SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(PYTHON)
VENV_BIN := .venv/bin
CT := $(VENV_BIN)/civictalent

.PHONY: run test lint typecheck audit pytest pytest-postgres pytest-all install assets migrate demo bench screenshots clean help

help:
	@echo "make run    install, migrate, load demo data and serve at http://127.0.0.1:8000"
	@echo "make test   install and run the whole test suite, lint and type checks"
	@echo "make bench  run the benchmarks and write bench/results/ and docs/performance.md"
	@echo "make screenshots  every page as every role at 1280 and 390 px: var/screenshots/index.html"

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

.venv/.installed: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --quiet --reinstall-package civictalent
	@touch $@

node_modules/.installed: package-lock.json package.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

static_build/.built: node_modules/.installed $(wildcard static/scss/*.scss)
	@mkdir -p static_build/css static_build/js static_build/govuk-assets
	npx --no-install sass --load-path=node_modules --no-source-map --style=compressed --quiet-deps \
		static/scss/main.scss static_build/css/main.css
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js static_build/js/
	cp node_modules/@github/markdown-toolbar-element/dist/index.js static_build/js/markdown-toolbar-element.js
	cp -r node_modules/govuk-frontend/dist/govuk/assets/images static_build/govuk-assets/
	find static_build -name '*.map' -delete
	@touch $@

install: .venv/.installed node_modules/.installed
assets: static_build/.built

# --- make run ---------------------------------------------------------------------------
run: export DJANGO_SETTINGS_MODULE := config.settings.dev
run: install assets
	$(CT) serve --prepare --demo

# --- make test --------------------------------------------------------------------------
# Under CI=true, PostgreSQL and Chromium must be present (.ci/run installs them) and the
# whole suite runs on PostgreSQL too: at the same time as on SQLite, one pass per core
# (scripts/test-both-databases.sh), which takes about two thirds of the time of one after the other.
test: install assets lint typecheck audit pytest-all

# ruff (style, security, complexity, time zones), then the app layers and pure-module contracts
# in pyproject.toml ([tool.importlinter]).
lint: install
	$(VENV_BIN)/ruff check .
	$(VENV_BIN)/ruff format --check .
	$(VENV_BIN)/lint-imports --no-cache

typecheck: install
	$(VENV_BIN)/mypy civictalent config

# Known vulnerabilities in the locked dependencies (skipped, with a message, when the advisory
# data cannot be reached from this network). Security lint is ruff's S rules (bandit's checks).
audit: install
	UV=$(UV) $(VENV_BIN)/python scripts/audit_dependencies.py

pytest: install assets
	env -u DATABASE_URL $(VENV_BIN)/pytest

pytest-postgres: install assets
	@if [ -n "$$TEST_POSTGRES_URL" ]; then \
		echo "Running the suite again on PostgreSQL"; \
		DATABASE_URL="$$TEST_POSTGRES_URL" $(VENV_BIN)/pytest; \
	elif [ "$$CI" = "true" ]; then \
		echo "CI=true but TEST_POSTGRES_URL is not set: .ci/run must start PostgreSQL." >&2; exit 1; \
	else \
		echo "Skipping the PostgreSQL run: set TEST_POSTGRES_URL=postgres://user:pass@host/db to include it."; \
	fi

pytest-all: install assets
	@if [ -n "$$TEST_POSTGRES_URL" ]; then \
		bash scripts/test-both-databases.sh; \
	elif [ "$$CI" = "true" ]; then \
		echo "CI=true but TEST_POSTGRES_URL is not set: .ci/run must start PostgreSQL." >&2; exit 1; \
	else \
		env -u DATABASE_URL $(VENV_BIN)/pytest && \
		echo "Skipped the PostgreSQL run: set TEST_POSTGRES_URL=postgres://user:pass@host/db to include it."; \
	fi

# Every page as every role allowed to see it, at 1280 and 390 px, with a contact sheet to look at
# them all: var/screenshots/index.html (tests/screenshots.py).
screenshots: install assets
	env -u DATABASE_URL $(VENV_BIN)/pytest tests/screenshots.py -p no:cacheprovider -q

bench: install assets
	$(VENV_BIN)/python bench/run.py

clean:
	rm -rf .venv .tools node_modules static_build var/staticfiles
