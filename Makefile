# Two commands for users:  `make lab` (set up + open the notebooks) and `make test`.
# Everything lives in a local virtual environment, built from pyproject.toml when it is
# missing or older than pyproject.toml; a second run with nothing changed installs nothing.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Two workers; a notebook's cells must stay on one worker (nbval shares one kernel).
PYTEST_ARGS ?= -n 2 --dist loadfile

.PHONY: setup lab test notebooks bench student slides plan-slides handouts clean

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
	rm -rf $(VENV) artifacts build .pytest_cache .hypothesis
