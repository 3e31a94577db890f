# Passerelle: `make run` to try it, `make test` to check it. Both set everything up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: install install-dev run setup-db test test-fast lint bench bench-matching clean
.PHONY: load

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Running needs the application only; the test tools (browser driver, linters) come with `make test`.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

setup-db: install
	mkdir -p instance
	$(FLASK) db upgrade
	$(FLASK) reference load
	$(FLASK) demo load
	$(BIN)/python -m whitenoise.compress --quiet static

run: setup-db
	@echo ""
	@echo "Passerelle : http://$(HOST):$(PORT)  — comptes de démonstration, un par rôle :"
	@$(FLASK) demo accounts
	@echo ""
	@echo "E-mails envoyés : instance/mail/ (un fichier .eml par message, lisible dans tout logiciel de messagerie)"
	@echo "Le travailleur de la file de tâches démarre à côté du site ; Ctrl-C arrête les deux."
	@$(FLASK) worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(FLASK) run --host $(HOST) --port $(PORT)

test: install-dev
	$(BIN)/python -m pytest

test-fast: install-dev
	$(BIN)/python -m pytest -m "not browser" -x -q

lint: install-dev
	$(BIN)/ruff check webapp matching ingestion reference tests

bench-mail: install
	$(BIN)/python -m webapp.bench.digests

bench-matching: install
	$(BIN)/python -m matching bench

bench: bench-matching

# Load test of issue 18 (minutes; not part of `make test`): gunicorn, 3 workers, on the
# PostgreSQL of LOAD_DATABASE_URL (a private schema), demo ×1 then ×10, wrk (apt-get install wrk).
LOAD_DATABASE_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
load: install
	$(BIN)/python -m webapp.bench.load --database-url $(LOAD_DATABASE_URL) --factors 1,10

clean:
	rm -rf $(VENV) instance/*.sqlite .pytest_cache
