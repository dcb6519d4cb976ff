# Nidaa — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/nidaa
PYTEST_ARGS ?=

.PHONY: install system-deps run test test-sqlite test-postgres lint bench-tor eval-tor bench-intake bench-web bench-hostile bench-evaluation bench-missions messages demo clean worker

install: system-deps $(VENV)/.installed nidaa/locale/.compiled node_modules/.installed

system-deps:
	@bash scripts/system-deps.sh

$(VENV)/.installed: requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.txt
	$(BIN)/python -m pip install -q --no-deps -e .
	@mkdir -p $(dir $@) && touch $@

# axe-core for the browser tests' accessibility checks (tests/browser).
node_modules/.installed: package.json package-lock.json | system-deps
	npm ci --no-audit --no-fund
	@touch $@

nidaa/locale/.compiled: $(wildcard nidaa/locale/*/LC_MESSAGES/*.po) | $(VENV)/.installed
	@if ls nidaa/locale/*/LC_MESSAGES/*.po >/dev/null 2>&1; then DEBUG=1 $(BIN)/nidaa manage compilemessages --ignore=.venv --ignore=var -v 0; fi
	@mkdir -p $(dir $@) && touch $@

run: install
	DEBUG=1 $(BIN)/nidaa manage migrate --no-input -v 0
	DEBUG=1 $(BIN)/nidaa manage load_demo
	@echo "Nidaa is on http://127.0.0.1:8000/ (admin: see README)"
	DEBUG=1 $(BIN)/nidaa manage runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check nidaa tests scripts
	$(BIN)/ruff format --check nidaa tests scripts
	$(BIN)/mypy nidaa
	$(BIN)/lint-imports
	DEBUG=1 $(BIN)/nidaa manage makemigrations --check --dry-run -v 1

test-sqlite: install
	$(BIN)/pytest -n 2 -q $(PYTEST_ARGS)

# PostgreSQL is exercised wherever one answers (CI always has one).
test-postgres: install
	@if $(BIN)/python scripts/pg_reachable.py "$(PG_URL)"; then \
	  echo "== PostgreSQL: $(PG_URL)"; \
	  DATABASE_URL="$(PG_URL)" $(BIN)/pytest -n 2 -q $(PYTEST_ARGS); \
	elif [ -n "$$CI" ]; then echo "CI needs PostgreSQL at $(PG_URL)"; exit 1; \
	else echo "== PostgreSQL not reachable at $(PG_URL): skipped"; fi

test: lint test-sqlite test-postgres

# The task worker (alerts, periodic digest and reminders) for production, where
# HUEY_REDIS_URL or REDIS_URL points at Redis; without it tasks run in-process.
worker: install
	$(BIN)/nidaa manage run_huey

bench-tor: install
	$(BIN)/python scripts/bench_tor.py --documents 1000

# The reader's per-field scores on the seeds, the developed part of ../shared/tor-corpus/dev and its held-out part.
eval-tor: install
	$(BIN)/python scripts/eval_tor.py

# 10,000 generated e-mails from an .mbox through `nidaa mail import`: SQLite, then PostgreSQL if one answers.
bench-intake: install
	@if $(BIN)/python scripts/pg_reachable.py "$(PG_URL)"; then \
	  $(BIN)/python scripts/bench_intake.py --messages 10000 --pg "$(PG_URL)"; \
	else $(BIN)/python scripts/bench_intake.py --messages 10000; fi

# Issue 10's hostile inputs (zip and Flate bombs, 300,000 HTML attributes, 50,000-part
# messages, long lines) at 1, 10 and 100 times: time and peak memory of each read.
# Also runs scripts/bench_hostile_tor.py (the ToR reader's patterns) when it exists.
bench-hostile: install
	$(BIN)/python scripts/bench_hostile.py --scales 1,10,100

# 100,000 calls in PostgreSQL (database nidaa_bench, reused), gunicorn, wrk on 127.0.0.1.
bench-web: install
	$(BIN)/python scripts/bench_web.py --pg "$(PG_URL)"

# 2,000 applications x 5 evaluators x 10 criteria in PostgreSQL (database
# nidaa_bench_evaluation, reused): consolidation, the results page under
# gunicorn + wrk, the minutes of 200 ranked applicants.
bench-evaluation: install
	$(BIN)/python scripts/bench_evaluation.py --pg "$(PG_URL)"

# 20,000 participants, 400 sessions in a fresh SQLite database: import rate, page p95, 60 pages of sheets.
bench-missions: install
	$(BIN)/python scripts/bench_missions.py --participants 20000

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
