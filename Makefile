# Open Integriteit — the two commands: `make run` and `make test`. Both install what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := cd src && ../$(PY) manage.py
PORT ?= 8000
# Links in mails: the web server and the worker must use the same base URL.
BASE_URL = http://127.0.0.1:$(PORT)
PG_URL ?= postgres://postgres@127.0.0.1:5432/open_integriteit
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: local-env run test lint typecheck migrations-check test-sqlite test-postgres test-browser test-cluster mutation bench bench-cluster bench-profile bench-staff bench-registers bench-statistics bench-report totp messages system-deps browser-deps pdf-deps postgres-up redis-up clean

$(VENV)/.installed-base: requirements/base.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/base.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed-base requirements/dev.txt
	$(PY) -m pip install --quiet -r requirements/dev.txt
	touch $@

# Every time: adds keys a var/local.env from before lacks (the audit key); never overwrites one.
local-env:
	@$(PYTHON) scripts/init_local_env.py var/local.env

## run: install, migrate the embedded SQLite database, load the demo, start server + worker
run: $(VENV)/.installed-base local-env pdf-deps
	@if [ -n "$$(find var -perm /077 -print -quit)" ]; then chmod -R go= var; \
	  echo "Made var/ readable by you only (chmod -R go= var): it holds the database, keys, files and mails."; fi
	$(MANAGE) migrate --noinput
	$(MANAGE) collectstatic --noinput --verbosity 0
	cd src && OI_BASE_URL=$(BASE_URL) ../$(PY) manage.py load_demo
	@# Demo only: receipt codes of invented reporters, kept by load_demo in var/ (0600); never in the product (ADR 0004).
	@if [ -f var/demo-receipts.txt ]; then cat var/demo-receipts.txt; echo; fi
	@echo "Public registers (side jobs, financial interests, gifts): $(BASE_URL)/openbaar/provincie-voorbeeld/ and $(BASE_URL)/openbaar/gemeente-voorbeeldstad/"
	@echo "Starting Open Integriteit on $(BASE_URL)/ (Ctrl+C stops server and worker)"
	@cd src && OI_BASE_URL=$(BASE_URL) ../$(PY) manage.py qcluster & worker=$$!; \
	  trap 'kill -INT $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  cd src && OI_BASE_URL=$(BASE_URL) ../$(VENV)/bin/gunicorn open_integriteit.wsgi:application \
	    --bind 127.0.0.1:$(PORT) --workers 3 --threads 2 --access-logfile - \
	    --access-logformat '%(t)s "%(r)s" %(s)s %(b)s'

## totp: print the current two-factor code of a demo user: make totp USER=coordinator
totp: $(VENV)/.installed-base local-env
	@$(MANAGE) demo_totp $(USER)

## test: everything CI runs
test: lint typecheck migrations-check test-sqlite test-postgres test-browser test-cluster

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(VENV)/.installed-dev
	$(VENV)/bin/mypy

migrations-check: $(VENV)/.installed-dev
	cd src && OI_SQLITE_PATH=:memory: DJANGO_SETTINGS_MODULE=open_integriteit.conf.ci ../$(PY) manage.py makemigrations --check --dry-run

test-sqlite: $(VENV)/.installed-dev system-deps
	$(VENV)/bin/pytest -m "not browser and not cluster" -p no:cacheprovider

postgres-up:
	@bash scripts/postgres_up.sh

test-postgres: $(VENV)/.installed-dev system-deps postgres-up
	DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -m "not browser and not cluster" -p no:cacheprovider

## Redis on 127.0.0.1:6379 for the two-server tests: installed and started when missing.
redis-up:
	@command -v redis-server >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server)
	@redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save "" --appendonly no
	@for i in $$(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && exit 0; sleep 1; done; echo "Redis did not start"; exit 1

## test-cluster: two gunicorn servers + two workers on one PostgreSQL and Redis (tests/cluster)
test-cluster: $(VENV)/.installed-dev system-deps postgres-up redis-up
	$(VENV)/bin/pytest -m cluster -p no:cacheprovider

test-browser: $(VENV)/.installed-dev browser-deps
	$(VENV)/bin/pytest -m browser -p no:cacheprovider

## Debian packages the tests need (pg_dump, xgettext, pdftoppm for the annual report's page images); installed once.
system-deps: pdf-deps
	@command -v pg_dump >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-client)
	@command -v pdftoppm >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends poppler-utils)
	@command -v xgettext >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gettext)

## The libraries WeasyPrint needs for the case-file PDF (server and tests); installed once.
pdf-deps:
	@ldconfig -p | grep -q libpangoft2-1.0 && ldconfig -p | grep -q libharfbuzz-subset || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)

browser-deps:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core)

## mutation: mutation testing of the legal core (not part of `make test`); one module at a time, on SQLite:
##   make mutation MODULES="reports/deadlines.py cases/workflow.py" (default: the whole legal core)
MODULES ?=
TESTS ?=
PHASES ?=
mutation: $(VENV)/.installed-dev
	nice -n 10 $(PY) scripts/mutation.py $(MODULES) $(if $(TESTS),--tests "$(TESTS)") $(if $(PHASES),--phases "$(PHASES)")

## bench: production server on 127.0.0.1, 8 clients, >= 2000 anonymous submissions (SQLite; PostgreSQL if DATABASE_URL is set)
bench: $(VENV)/.installed-dev
	$(PY) bench/submit_bench.py

## bench-staff: the coordinator's pages with 10,000 open reports and 2,000 cases: p95 and queries per page (SQLite; PostgreSQL if DATABASE_URL is set)
bench-staff: $(VENV)/.installed-dev
	$(PY) bench/staff_bench.py

## bench-cluster: the same on PostgreSQL, one server and then two servers sharing the database and Redis
bench-cluster: $(VENV)/.installed-dev postgres-up redis-up
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} $(PY) bench/submit_bench.py --cluster

## bench-profile: per-submission server cost in one process (SQL statements, CPU, cProfile); not timing-sensitive
bench-profile: $(VENV)/.installed-dev
	$(PY) bench/profile_submission.py

## bench-registers: HR import of 50,000 rows (< 60 s, twice), then 200,000 declarations: p95 and queries of the public registers and their CSV/JSON (SQLite; PostgreSQL if DATABASE_URL is set)
bench-registers: $(VENV)/.installed-dev
	$(PY) bench/registers_bench.py

## bench-statistics: ten years of a large organisation (500 cases, 5,000 register entries, 2,000 adviser contacts a year): year_figures for all ten years < 1 s, queries per figure constant (SQLite; PostgreSQL if DATABASE_URL is set)
bench-statistics: $(VENV)/.installed-dev
	$(PY) bench/statistics_bench.py

## bench-report: the annual report with ten years of the same data set: the document and each format (HTML, PDF, Word, XLSX) < 5 s, one more year of data costs no queries and (almost) no time (SQLite; PostgreSQL if DATABASE_URL is set)
bench-report: $(VENV)/.installed-dev pdf-deps
	$(PY) bench/report_bench.py

## messages: refresh the Dutch catalogue after changing UI text, then translate the new entries
messages: $(VENV)/.installed-dev system-deps
	cd src/open_integriteit && DJANGO_SETTINGS_MODULE=open_integriteit.conf.ci ../../$(PY) ../manage.py makemessages -l nl --no-obsolete --no-location
	cd src/open_integriteit && DJANGO_SETTINGS_MODULE=open_integriteit.conf.ci ../../$(PY) ../manage.py compilemessages -l nl

clean:
	rm -rf $(VENV) var/static
