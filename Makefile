# Two commands do all the set-up on a fresh machine:
#   make run   — virtualenv, packages, database, demo court (once), serve on http://127.0.0.1:8000
#   make test  — the whole test suite (DATABASE_URL chooses SQLite or PostgreSQL)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: run test drills venv migrate seed messages lint clean

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check uv==0.13.9 || true
	if [ -x $(VENV)/bin/uv ]; then $(VENV)/bin/uv pip install --quiet --python $(PY) -r requirements-dev.txt; \
	else $(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt; fi
	touch $@

migrate: venv
	$(PY) manage.py migrate --noinput -v0

seed: migrate
	$(PY) manage.py seed_demo --once

run: seed
	$(PY) manage.py collectstatic --noinput -v0
	@echo "Serving the demo court on http://$(HOST)/  (Ctrl-C to stop)"
	$(PY) manage.py runserver $(HOST)

test: venv
	$(PY) -m pytest $(PYTEST_ARGS)

# The fault drills on PostgreSQL with real workers on Redis (bench/fault_drills.sh; results in bench/README.md).
drills: venv
	PY=$(PY) bench/fault_drills.sh

# Recompile the English catalogue after editing locale/en/LC_MESSAGES/django.po (needs gettext's msgfmt).
messages: venv
	$(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=staticfiles
	$(PY) manage.py compilemessages -l en --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
