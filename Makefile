# GPE — `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1:8000

.DEFAULT_GOAL := help
.PHONY: help run test test-postgres test-redis-tasks lint format check messages compilemessages migrate demo install bench bench-profile backup restore

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-16s %s\n", $$1, $$2}'

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/activate requirements.txt requirements-test.txt
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

install: $(VENV)/.installed ## Create .venv and install everything

compilemessages: $(VENV)/.installed ## Compile locale/*.po into .mo files
	$(MANAGE) compilemessages --ignore=.venv -v 0

migrate: $(VENV)/.installed ## Apply migrations
	$(MANAGE) migrate --noinput

demo: migrate ## Load the demo content (safe to run twice)
	WAGTAILADMIN_BASE_URL=http://$(HOST) $(MANAGE) load_demo --url http://$(HOST)/

run: compilemessages demo ## Serve the demo site on http://127.0.0.1:8000 (SQLite)
	WAGTAILADMIN_BASE_URL=http://$(HOST) $(MANAGE) runserver $(HOST)

# axe-core for the browser tests' accessibility checks, pinned in tests/browser/package-lock.json.
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix tests/browser --no-audit --no-fund --silent; \
	else echo "npm is missing (apt-get install nodejs npm): the accessibility tests will be skipped"; fi

# Two test processes (pytest-xdist): the suite is CPU-bound and machines have two cores or more.
TEST_WORKERS ?= 2
test: compilemessages $(AXE) ## Run the test suite (DATABASE_URL picks the database; SQLite by default)
	$(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

test-redis-tasks: compilemessages ## The task tests (marker "tasks") through this machine's Redis with the RQ backend
	GPE_TEST_TASKS=rq $(BIN)/pytest -m tasks $(PYTEST_ARGS)

lint: $(VENV)/.installed ## ruff, djhtml and the import contracts (layers), read-only
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	find . -path ./$(VENV) -prune -o -name '*.html' -path '*/templates/*' -print | xargs $(BIN)/djhtml --check

format: $(VENV)/.installed ## Format Python and templates
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	find . -path ./$(VENV) -prune -o -name '*.html' -path '*/templates/*' -print | xargs $(BIN)/djhtml

check: $(VENV)/.installed ## Django checks and missing migrations
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

backup: $(VENV)/.installed ## Database + media + private files into backups/gpe-backup-<time>.tar.gz (personal data: store it encrypted)
	$(MANAGE) backup

restore: $(VENV)/.installed ## Replace the database and files with a backup: make restore ARCHIVE=backups/gpe-backup-….tar.gz
	@test -n "$(ARCHIVE)" || { echo "Name the archive: make restore ARCHIVE=backups/gpe-backup-….tar.gz"; exit 2; }
	$(MANAGE) restore "$(ARCHIVE)"

messages: $(VENV)/.installed ## Extract interface strings into locale/ (fr, es, ar)
	$(MANAGE) makemessages --no-location --no-obsolete --ignore=.venv --ignore=bench -l fr -l es -l ar

$(VENV)/.bench-installed: $(VENV)/.installed bench/requirements.txt
	$(BIN)/pip install --quiet -r bench/requirements.txt
	touch $@

bench: $(VENV)/.installed compilemessages ## Benchmark next to Spirit and machina, report in bench/results/ (BENCH_QUICK=1: ~8 min)
	BENCH_QUICK=$(BENCH_QUICK) $(BIN)/python bench/run.py
