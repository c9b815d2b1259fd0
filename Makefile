# Two commands do all the set-up on a fresh machine:
#   make run   — virtualenv, packages, database, demo court (once), serve on http://127.0.0.1:8000
#   make test  — the whole test suite (DATABASE_URL chooses SQLite or PostgreSQL)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: run test drills replica-tests backup restore venv migrate seed messages lint clean

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check uv==0.13.9 || true
	if [ -x $(VENV)/bin/uv ]; then $(VENV)/bin/uv pip install --quiet --python $(PY) -r requirements-dev.txt; \
	else $(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt; fi
	touch $@

migrate: venv
	@echo "== 数据库迁移 (migrate)"
	$(PY) manage.py migrate --noinput -v0

seed: migrate
	@echo "== 演示法院 (seed_demo, once; about a minute the first time)"
	$(PY) manage.py seed_demo --once --base-url http://$(HOST)

# Debug (the default here) serves static files from the apps' folders (WhiteNoise's finders): no collectstatic
# on every start; with DJANGO_DEBUG=false they are collected first, as in production.
run: seed
	@mkdir -p staticfiles
	@if [ "$${DJANGO_DEBUG:-true}" = "false" ]; then echo "== collectstatic"; $(PY) manage.py collectstatic --noinput -v0; fi
	@echo "Serving the demo court on http://$(HOST)/  (Ctrl-C to stop)"
	$(PY) manage.py serve $(HOST)

test: venv
	$(PY) -m pytest $(PYTEST_ARGS)

# The read-replica tests alone (they run in `make test` on PostgreSQL too): a real primary + hot standby in a
# temporary directory (PostgreSQL binaries, run as the postgres user); DATABASE_URL must name a PostgreSQL server.
replica-tests: venv
	$(PY) -m pytest tests/replica tests/scale/test_replica_router.py -p no:randomly $(PYTEST_ARGS)

# Back up the database and MEDIA_ROOT into one verified directory (BACKUP_DIR, default settings.BACKUP_ROOT), and
# restore one: make restore BACKUP=var/backups/wanian-… TARGET_DB=<new database, or an SQLite file> MEDIA=<empty dir>
# (add FORCE=1 to restore over a database or directory that is not empty; docs/deployment.md "Backup and restore").
backup: venv
	$(PY) manage.py backup $(if $(BACKUP_DIR),--output-dir $(BACKUP_DIR)) $(BACKUP_ARGS)

restore: venv
	@test -n "$(BACKUP)" && test -n "$(TARGET_DB)" && test -n "$(MEDIA)" || \
	  { echo "usage: make restore BACKUP=<backup dir> TARGET_DB=<database name or SQLite file> MEDIA=<media dir> [FORCE=1]"; exit 2; }
	$(PY) manage.py restore $(BACKUP) --target-database $(TARGET_DB) --media-root $(MEDIA) $(if $(FORCE),--force) $(RESTORE_ARGS)

# The fault drills on PostgreSQL with real workers on Redis (bench/fault_drills.sh; results in bench/README.md).
drills: venv
	PY=$(PY) bench/fault_drills.sh

# Recompile the English catalogue after editing locale/en/LC_MESSAGES/django.po (needs gettext's msgfmt).
messages: venv
	$(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=staticfiles
	$(PY) manage.py compilemessages -l en --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
