# Two commands matter: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
SECRET_FILE := $(VENV)/dev-secret-key
# Development encryption keys, one a line: field, blind index, backup (README, Data protection).
KEYS_FILE := $(VENV)/dev-encryption-keys
HOST ?= 127.0.0.1
PORT ?= 8000

# `make run` serves a production-like site (DEBUG off) on loopback, without TLS.
RUN_ENV = SECRET_KEY="$$(cat $(SECRET_FILE))" DEBUG=$${DEBUG:-0} HTTPS=0 \
	FIELD_ENCRYPTION_KEYS="$$(sed -n 1p $(KEYS_FILE))" BLIND_INDEX_KEY="$$(sed -n 2p $(KEYS_FILE))" \
	BACKUP_ENCRYPTION_KEY="$$(sed -n 3p $(KEYS_FILE))" \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost}
# The test suite runs against production settings too, except TLS.
TEST_ENV = SECRET_KEY=test-only-not-secret DEBUG=0 HTTPS=0 ALLOWED_HOSTS=testserver,localhost,127.0.0.1 \
	$(TEST_KEYS)
TEST_KEYS = FIELD_ENCRYPTION_KEYS=dGVzdC1maWVsZC1rZXktMQ== \
	BLIND_INDEX_KEY=dGVzdC1vbmx5LWJsaW5kLWluZGV4LWtleS0zMmJ5dGU= \
	BACKUP_ENCRYPTION_KEY=dGVzdC1iYWNrdXAta2V5MQ==

.PHONY: install run test test-only lint browser-deps html-deps test-deps bench bench-writes scale-test backup restore audit clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is required (found %d.%d)." % sys.version_info[:2])'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

$(SECRET_FILE): | $(STAMP)
	@$(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

$(KEYS_FILE): | $(STAMP)
	@$(PY) -c 'import base64, os; [print(base64.b64encode(os.urandom(n)).decode()) for n in (16, 32, 16)]' > $@
	@chmod 600 $@

install: $(STAMP) $(SECRET_FILE) $(KEYS_FILE)

run: install
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py createcachetable
	$(RUN_ENV) $(PY) manage.py load_guide
	$(RUN_ENV) $(PY) manage.py create_demo_admin
	$(RUN_ENV) $(PY) manage.py load_recruitment_samples
	$(RUN_ENV) $(PY) manage.py load_sample_cases
	$(RUN_ENV) $(PY) manage.py create_demo_workers
	$(RUN_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Serving on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	$(RUN_ENV) GUNICORN_BIND=$(HOST):$(PORT) $(VENV)/bin/gunicorn bijiang_social.wsgi

browser-deps:
	@bash scripts/ensure-browser.sh

# The W3C Nu HTML Checker (vnu-jar from npm into .vnu/, Java from Debian) for the validity test.
html-deps:
	@bash scripts/ensure-vnu.sh

# Programs the tests start themselves (redis-server; pg_dump/pg_restore on PostgreSQL).
test-deps:
	@bash scripts/ensure-test-tools.sh

test: install browser-deps html-deps test-deps test-only

test-only:
	$(TEST_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(TEST_ENV) $(PY) -m pytest $(PYTEST_ARGS)

bench: install
	@command -v wrk >/dev/null || { [ "$$(id -u)" -eq 0 ] && apt-get update -qq && apt-get install -y -qq wrk >/dev/null; } \
		|| { echo "make bench needs wrk: apt-get install wrk" >&2; exit 1; }
	$(PY) bench/bench.py

# The rush of applications against gunicorn on PostgreSQL, then a count of what was stored.
bench-writes: install
	$(PY) bench/writes.py

scale-test: install
	bash scripts/scale-test.sh

# Backups use the same environment as the server they back up (DATABASE_URL, PRIVATE_MEDIA_ROOT…).
backup: install
	$(RUN_ENV) $(PY) manage.py backup

restore: install
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/bijiang-YYYYmmdd-HHMMSS.tar.gz.sm4" >&2; exit 1; }
	$(RUN_ENV) $(PY) manage.py restore "$(FILE)"

lint: install
	$(VENV)/bin/ruff check .
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run

# `make audit`: Lighthouse scores of the main pages (not part of `make test`). Lighthouse comes
# from npm into .audit/ (git-ignored) and drives Debian's chromium.
AUDIT_DIR := .audit
LIGHTHOUSE := $(AUDIT_DIR)/node_modules/.bin/lighthouse
LIGHTHOUSE_VERSION ?= 12.8.2
AUDIT_PORT ?= 8765

$(LIGHTHOUSE):
	npm install --prefix $(AUDIT_DIR) --no-audit --no-fund --silent lighthouse@$(LIGHTHOUSE_VERSION)

audit: install browser-deps $(LIGHTHOUSE)
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(PY) scripts/audit.py --lighthouse $(LIGHTHOUSE) --port $(AUDIT_PORT) $(AUDIT_ARGS)

clean:
	rm -rf $(VENV) staticfiles
