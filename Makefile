# Two entry points: `make demo` and `make test`. Both work on a fresh clone with only
# python3 (>= 3.10) and make: the virtual environment is created on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev
RUNTIME := $(VENV)/.installed-runtime

.PHONY: demo test lint typecheck unit docs clean fuzz

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# `make demo` needs only the runtime dependencies; `make test` needs the dev tools too.
$(RUNTIME): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUNTIME)

$(STAMP): $(RUNTIME)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(RUNTIME)
	$(BIN)/python examples/demo.py

test: lint typecheck unit docs

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks examples fuzz
	$(BIN)/ruff format --check src tests benchmarks examples fuzz
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy --strict src/hanzi_annot

unit: $(STAMP)
	$(BIN)/python -m pytest --cov --cov-branch --cov-report=term -q

docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet --site-dir build/site

# Bounded Atheris run (FUZZ_SECONDS per target, default 60, or FUZZ_RUNS inputs with a
# fixed seed); see docs/malformed.md.
fuzz: $(STAMP)
	PYTHON=$(BIN)/python FUZZ_SECONDS=$(or $(FUZZ_SECONDS),60) FUZZ_RUNS=$(FUZZ_RUNS) fuzz/run.sh

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache .coverage
