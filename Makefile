# `make run` starts the app, `make test` runs the suite; both set up .venv on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test lint migrate superuser clean ml demo

$(VENV)/.runtime: requirements.txt requirements-nodeps.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -r requirements-nodeps.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt requirements-ml.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# The diffusers video engine and the Bark audio engine (torch, diffusers, transformers).
ml: $(VENV)/.runtime requirements-ml.txt
	$(PY) -m pip install --quiet -r requirements-ml.txt

migrate: $(VENV)/.runtime
	$(PY) manage.py migrate --noinput

# A small demo world: people, follows, published videos, remixes, likes and comments (idempotent).
demo: migrate
	$(PY) manage.py seed_demo

run: migrate
	exec $(PY) -m sora.launcher

superuser: migrate
	$(PY) manage.py createsuperuser

# Two workers (pytest-xdist), each handed a module's tests of one kind at a time, in the order
# collected (tests/conftest.py; xdist would otherwise hand out the groups with the most tests
# first): the suite's browsers, app processes and timers mostly wait, so two share two cores well.
# TEST_WORKERS=0 runs it in this process.
TEST_WORKERS ?= 2
test: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m pytest $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadgroup --no-loadscope-reorder) $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(PY) -m ruff check .

clean:
	rm -rf $(VENV) var test-artifacts
