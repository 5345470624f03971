# ocop — the two set-up commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV ?= .venv
PY := $(VENV)/bin/python
OCOP := $(VENV)/bin/ocop
PYTEST_ARGS ?=
# Debian packages the suite needs: browser tests, PDF checks, fonts with Vietnamese glyphs,
# office files, gettext for the message catalogues, Pango/HarfBuzz for WeasyPrint's PDFs,
# redis-server (the tests of the Redis sessions/rate-limit setting start a private one).
DEB_PACKAGES := chromium gettext poppler-utils fonts-dejavu fonts-noto-core fonts-liberation2 \
	libreoffice-writer-nogui libreoffice-calc-nogui libpango-1.0-0 libpangoft2-1.0-0 \
	libharfbuzz-subset0 redis-server

.PHONY: help install system-deps venv messages migrate reference demo run serve worker test check bench load clean

help:
	@echo "make run    — install, migrate, load reference and demo data, serve http://127.0.0.1:8000"
	@echo "make test   — install, then run the whole test suite"
	@echo "make check  — linters, type checks, import contracts, migrations check"
	@echo "make bench  — national-scale benchmarks (not part of test or CI)"
	@echo "make load   — load and soak test under gunicorn + PostgreSQL (not part of test or CI)"

install: system-deps venv messages

system-deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

# The venv is rebuilt only when the pinned requirements change (a stamp records their hash).
venv:
	@PY312=$$(command -v python3.12 || pyenv which python3.12 2>/dev/null || true); \
	if [ -z "$$PY312" ]; then echo "Python 3.12 is required (see .python-version)"; exit 1; fi; \
	[ -x $(PY) ] || $$PY312 -m venv $(VENV); \
	want=$$(cat requirements/*.txt pyproject.toml | sha256sum | cut -d' ' -f1); \
	if [ "$$(cat $(VENV)/.ocop-stamp 2>/dev/null)" != "$$want" ]; then \
	  $(PY) -m pip install -q --upgrade pip && \
	  $(PY) -m pip install -q -r requirements/dev.txt && \
	  $(PY) -m pip install -q --no-deps -e . && \
	  echo "$$want" > $(VENV)/.ocop-stamp; \
	fi

messages:
	@$(OCOP) compilemessages --ignore=.venv --ignore=var --ignore=node_modules -v 0

migrate: install
	$(OCOP) migrate --no-input -v 0

reference: migrate
	$(OCOP) geo load

demo: reference
	$(OCOP) demo

run: demo
	@$(OCOP) collectstatic --no-input -v 0
	@echo ""
	@echo "  ocop is running at http://127.0.0.1:8000/  (public catalogue; verify a certificate at /xac-thuc/)"
	@echo "  staff pages: http://127.0.0.1:8000/lam-viec/"
	@echo "  demo login: canbo.tinh / ocop-demo-2026   (provincial OCOP office, Vĩnh Long)"
	@echo "  other demo users: see README.md. Stop with Ctrl+C."
	@echo ""
	@trap 'kill 0' EXIT INT TERM; \
	  $(OCOP) worker --no-reload & \
	  $(OCOP) serve 127.0.0.1:8000

test: install
	$(VENV)/bin/pytest $(PYTEST_ARGS)

check: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint ocop --check --quiet
	$(VENV)/bin/djlint ocop --lint --quiet
	$(VENV)/bin/lint-imports
	$(OCOP) makemigrations --check --dry-run -v 0
	$(OCOP) criteria validate
	$(VENV)/bin/mypy
	$(PY) scripts/check_catalogues.py

bench: install
	$(PY) bench/run.py

# Load and soak (bench/load.py): wrk against gunicorn on 127.0.0.1, PostgreSQL with the national
# data set (LOAD_DATABASE_URL, made on first run), then 10,000 reminder tasks through two workers.
load: install
	@command -v wrk >/dev/null || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get install -y -qq --no-install-recommends wrk >/dev/null; }
	$(PY) bench/load.py

clean:
	rm -rf var/test.sqlite3 .pytest_cache
