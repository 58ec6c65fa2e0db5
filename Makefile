# The README's commands: `make build`, `make test` and `make report`.
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# One cache of caller x theme analyses for the build and every scratch copy
# the tests make: keyed by the printed figures and the code, never stale.
export MELDPUNT_CALLER_THEME_CACHE := $(CURDIR)/target/caller_theme_cache

.PHONY: build test quality report report-serve bench docs gx-suites add-answer clean

$(INSTALLED): requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# The report site (reports/): npm ci whenever node_modules is missing or older than the lock file.
REPORTS := reports
REPORT_NODE_MODULES := $(REPORTS)/node_modules/.package-lock.json
# Debian's Chromium, for the browser tests (never a browser that npm downloads).
CHROMIUM := /usr/bin/chromium
# GX's Data Docs site, written by the quality gate.
DATA_DOCS := gx/uncommitted/data_docs/local_site

$(REPORT_NODE_MODULES): $(REPORTS)/package.json $(REPORTS)/package-lock.json
	cd $(REPORTS) && npm ci --no-audit --no-fund
	touch $@

$(CHROMIUM):
	@if [ "$$(id -u)" != 0 ]; then \
		echo "The browser test needs Debian's Chromium at $(CHROMIUM): run 'sudo apt-get install chromium'" >&2; exit 1; fi
	apt-get install -y --no-install-recommends chromium fonts-dejavu-core \
		|| { apt-get update && apt-get install -y --no-install-recommends chromium fonts-dejavu-core; }

## build: install the pinned dependencies into .venv and build the warehouse
build: $(INSTALLED)
	$(BIN)/python -m meldpunt1712.publish

## test: every test - the build with all its dbt tests, the GX checkpoint, Python tests, the report site in a browser, SQL lint
test: build quality report $(CHROMIUM)
	$(BIN)/python -m pytest
	cd $(REPORTS) && npm test
	$(BIN)/sqlfluff lint models tests analyses
	@echo "GX Data Docs of the published file: $(CURDIR)/$(DATA_DOCS)/index.html"

## quality: the great-expectations checkpoint on the published file; writes GX's Data Docs
quality: $(INSTALLED)
	$(BIN)/python -m meldpunt1712.quality_gate

## report: the report site in reports/build/, a snapshot of the published warehouse and its Data Docs (after make build)
report: $(INSTALLED) $(REPORT_NODE_MODULES) quality
	cd $(REPORTS) && npm run build
	rm -rf $(REPORTS)/build/quality && cp -r $(DATA_DOCS) $(REPORTS)/build/quality

## report-serve: serve reports/build/ on http://127.0.0.1:8000 (browsers run no modules from file://)
report-serve:
	python3 -m http.server 8000 --bind 127.0.0.1 --directory $(REPORTS)/build

## add-answer: read a new answer (ANSWER=path/to/answer.txt) into source/ and the seeds; then make build
add-answer: $(INSTALLED)
	@test -n "$(ANSWER)" || { echo "usage: make add-answer ANSWER=path/to/answer.txt" >&2; exit 2; }
	$(BIN)/python -m meldpunt1712.add_answer "$(ANSWER)"
	$(BIN)/python -m meldpunt1712.quality_gate --update-suites

## gx-suites: regenerate the great-expectations suites in gx/ after the seeds changed
gx-suites: $(INSTALLED)
	$(BIN)/python -m meldpunt1712.quality_gate --update-suites

## bench: median wall time of a warm dbt build
bench: $(INSTALLED)
	$(BIN)/python -m meldpunt1712.bench_build

## docs: generate the dbt docs site (offline): open target/static_index.html
docs: $(INSTALLED)
	$(BIN)/dbt docs generate --static

clean:
	rm -rf target logs dbt_packages warehouse/build/*.duckdb warehouse/build/*.wal
	rm -rf $(REPORTS)/build $(REPORTS)/screenshots $(REPORTS)/src/.observablehq/cache
