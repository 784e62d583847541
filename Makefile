# Two commands for users:  `make lab` (set up + open the notebooks) and `make test`.
# Everything lives in a local virtual environment, built from pyproject.toml when it is
# missing or older than pyproject.toml; a second run with nothing changed installs nothing.
# `make test-oldest` runs the tests again at the oldest versions pyproject.toml declares.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Two workers; a notebook's cells must stay on one worker (nbval shares one kernel).
PYTEST_ARGS ?= -n 2 --dist loadfile

.PHONY: setup setup-oldest lab test test-oldest notebooks bench student slides plan-slides handouts clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 11) else f"Python >= 3.11 is needed, {sys.executable} is {v.major}.{v.minor}")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

# Token authentication stays on (JupyterLab prints the URL with its token); localhost only.
# JupyterLab refuses to start as root (containers, CI) unless told that is intended.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)
lab: $(STAMP)
	$(BIN)/jupyter lab --ip=127.0.0.1 --ServerApp.root_dir=notebooks $(ALLOW_ROOT)

# Lint and type checks first (seconds), then every test.
test: $(STAMP)
	$(BIN)/ruff check
	$(BIN)/mypy bp_helpers
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The oldest versions the project supports: every direct dependency pinned to its lower bound
# in pyproject.toml (tools/oldest.py prints them as pip constraints; the rest float to what pip
# picks), on the oldest Python it supports. Built anew whenever pyproject.toml changes, so it
# is what a fresh install at the floors gets, not an upgrade of the last one.
PYTHON_OLDEST ?= python3.11
OLDEST        ?= .venv-oldest
OLDEST_STAMP  := $(OLDEST)/.installed

setup-oldest: $(OLDEST_STAMP)

$(OLDEST_STAMP): pyproject.toml tools/oldest.py
	@command -v $(PYTHON_OLDEST) >/dev/null || { echo "the oldest run needs $(PYTHON_OLDEST), the oldest Python supported (set PYTHON_OLDEST=...)" >&2; exit 1; }
	@$(PYTHON_OLDEST) tools/oldest.py >/dev/null
	rm -rf $(OLDEST)
	$(PYTHON_OLDEST) -m venv $(OLDEST)
	$(OLDEST)/bin/python -m pip install --quiet --upgrade pip
	$(OLDEST)/bin/python tools/oldest.py >$(OLDEST)/floors.txt
	$(OLDEST)/bin/python -m pip install --quiet --constraint $(OLDEST)/floors.txt -e '.[test]'
	@touch $@

# The same checks at the oldest versions: lint, types, unit tests and every notebook under
# nbval. The browser tests run in `make test` only.
test-oldest: $(OLDEST_STAMP)
	$(OLDEST)/bin/ruff check
	$(OLDEST)/bin/mypy bp_helpers
	$(OLDEST)/bin/python -m pytest $(PYTEST_ARGS) -m "not browser" tests notebooks

# Re-execute every notebook top to bottom and store its outputs (see tools/refresh_notebooks.py).
notebooks: $(STAMP)
	$(BIN)/python tools/refresh_notebooks.py

# Classroom kit, beside the two commands: built from the stored notebooks into build/ (git-ignored).
# The student edition: solutions replaced by stubs, worked solutions removed (tools/build_student.py).
student: $(STAMP)
	$(BIN)/python -m tools.build_student

# One offline reveal.js deck per notebook, with reveal.js and MathJax copied beside (tools/build_slides.py).
slides: $(STAMP)
	$(BIN)/python -m tools.build_slides

# After changing a notebook: re-break its slides so that every slide fits 1280x720 (tools/plan_slides.py).
plan-slides: $(STAMP)
	$(BIN)/python -m tools.plan_slides

# PDFs in A4 and US Letter, and a booklet of all, printed by headless Chromium (tools/build_handouts.py).
handouts: $(STAMP)
	$(BIN)/python -m tools.build_handouts

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_training.py
	$(BIN)/python benchmarks/bench_panels.py
	$(BIN)/python benchmarks/bench_browser.py

clean:
	rm -rf $(VENV) $(OLDEST) artifacts build .pytest_cache .hypothesis
