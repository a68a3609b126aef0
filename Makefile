# Two commands: `make run` (set up, build the store, serve at http://127.0.0.1:5000)
# and `make test` (set up, type-check with mypy --strict, run the whole test suite). Nothing needs installing by hand.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test build install clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml requirements-model.txt
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/pip install --quiet --no-deps -r requirements-model.txt
	touch $(STAMP)

install: $(STAMP)

build: $(STAMP)
	$(BIN)/alliancegraph build

run: build
	$(BIN)/alliancegraph serve --host 127.0.0.1 --port 5000

test: $(STAMP)
	$(BIN)/ruff check ontology loaders server tests bench
	$(BIN)/mypy ontology loaders server
	$(BIN)/python -m pytest

# Every benchmark beside its anchor, one table (BENCH_ARGS="--n 100 1000 10000" for all sizes).
bench: $(STAMP)
	$(BIN)/python bench/run_all.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) data
