# The README's commands: `make build`, `make check` (= `make test` and `make proof`) and `make report`.
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# One cache of caller x theme analyses for the build and every scratch copy
# the tests make: keyed by the printed figures and the code, never stale.
export MELDPUNT_CALLER_THEME_CACHE := $(CURDIR)/target/caller_theme_cache

.PHONY: build check test proof test-python test-site lint validate-metrics quality report report-serve bench docs gx-suites add-answer clean

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
REPORT_INDEX := $(REPORTS)/build/index.html
REPORT_INPUTS := $(REPORTS)/package.json $(REPORTS)/observablehq.config.js \
	$(shell find $(REPORTS)/src $(REPORTS)/scripts $(REPORTS)/lib -type f -not -path '*/.observablehq/*')
# GX's Data Docs site, written by the quality gate; its CDN styles and scripts come from the npm
# packages pinned in gx/data_docs_assets/ (npm ci whenever node_modules is older than the lock file).
DATA_DOCS := gx/uncommitted/data_docs/local_site
DATA_DOCS_ASSETS := gx/data_docs_assets
DATA_DOCS_NODE_MODULES := $(DATA_DOCS_ASSETS)/node_modules/.package-lock.json

$(REPORT_NODE_MODULES): $(REPORTS)/package.json $(REPORTS)/package-lock.json
	cd $(REPORTS) && npm ci --no-audit --no-fund
	touch $@

$(DATA_DOCS_NODE_MODULES): $(DATA_DOCS_ASSETS)/package.json $(DATA_DOCS_ASSETS)/package-lock.json
	cd $(DATA_DOCS_ASSETS) && npm ci --no-audit --no-fund
	touch $@

$(CHROMIUM):
	@if [ "$$(id -u)" != 0 ]; then \
		echo "The browser test needs Debian's Chromium at $(CHROMIUM): run 'sudo apt-get install chromium'" >&2; exit 1; fi
	apt-get install -y --no-install-recommends chromium fonts-dejavu-core \
		|| { apt-get update && apt-get install -y --no-install-recommends chromium fonts-dejavu-core; }

# The published file is rebuilt when anything it is built from changed (make's own rule), and
# when a plain `dbt build` wrote the build file after it: the tests judge the build publish made.
PUBLISHED := warehouse/meldpunt_1712.duckdb
BUILD_FILE := warehouse/build/meldpunt_1712.duckdb
BUILD_INPUTS := dbt_project.yml profiles.yml $(wildcard tests/*.sql) \
	$(shell find seeds models macros tests/generic source meldpunt1712 -type f -not -name '*.pyc')
# The gate's stamp: written only when the checkpoint passed on the current published file.
GATE_PASSED := gx/uncommitted/gate-passed
GX_INPUTS := $(shell find gx -type f -not -path 'gx/uncommitted/*' -not -path '*/node_modules/*')
# The oldest DuckDB 1.x in a venv of its own, for the test that it reads the published file.
OLD_DUCKDB_VENV := .venv-duckdb-1.0.0
OLD_DUCKDB := $(OLD_DUCKDB_VENV)/.installed

## build: install the pinned dependencies into .venv and build the warehouse (again only when an input changed)
build: $(PUBLISHED)

$(PUBLISHED): $(INSTALLED) $(BUILD_INPUTS) $(wildcard $(BUILD_FILE))
	$(BIN)/python -m meldpunt1712.publish

$(OLD_DUCKDB):
	python3 -m venv $(OLD_DUCKDB_VENV)
	$(OLD_DUCKDB_VENV)/bin/pip install --quiet --disable-pip-version-check --only-binary=:all: duckdb==1.0.0
	touch $@

## check: every test - make test, then make proof (what CI runs)
check: test proof

## test: every test but the proofs (make proof) - the build with all its dbt tests, the GX checkpoint, the Python tests that read the build, the report site in a browser, SQL lint, MetricFlow's checks
test: build $(CHROMIUM) $(OLD_DUCKDB)
	@$(MAKE) --no-print-directory -j 4 --output-sync=target test-python test-site lint validate-metrics
	@echo "GX Data Docs of the published file: $(CURDIR)/$(DATA_DOCS)/index.html"

# The four run side by side (make test): pytest keeps two cores busy most of the time, not all, so the
# gate and the site's build (test-site's prerequisites) run beside it rather than before.
# The tests marked slow (scratch copies of the warehouse built or published, fault injection) are make proof's.
# sqlfluff compiles through dbt, so it gets a DuckDB file of its own (the tests read the build file).
test-python:
	$(BIN)/python -m pytest -n 2 --dist loadgroup --no-loadscope-reorder -m "not slow"
test-site: report
	cd $(REPORTS) && npm test
lint:
	MELDPUNT_BUILD_DUCKDB_PATH=$(CURDIR)/target/sqlfluff.duckdb $(BIN)/sqlfluff lint models tests analyses

## proof: the tests marked slow - fault injection on the build (every published figure +1 and every kind of damage, each caught and named), and every test that builds or publishes a scratch copy of the warehouse (generated answers and PDFs through build and gate, a second year, failed and concurrent publishes, the yearly figures, the two-year report site)
proof: build report $(CHROMIUM) $(OLD_DUCKDB)
	$(BIN)/python -m pytest -n 2 --dist loadgroup --no-loadscope-reorder -m slow

## validate-metrics: MetricFlow's checks of the semantic layer, its SQL run on the published file read-only (after make build)
validate-metrics:
	DBT_TARGET=published $(BIN)/mf validate-configs

## quality: the great-expectations checkpoint on the published file; writes GX's Data Docs (offline: local assets)
quality: $(GATE_PASSED)

$(GATE_PASSED): $(INSTALLED) $(PUBLISHED) $(GX_INPUTS) $(DATA_DOCS_NODE_MODULES)
	rm -f $@
	$(BIN)/python -m meldpunt1712.quality_gate
	node $(DATA_DOCS_ASSETS)/localise.js $(DATA_DOCS)
	touch $@

## report: the report site in reports/build/, a snapshot of the published warehouse and its Data Docs (after make build)
report: $(REPORT_INDEX)

$(REPORT_INDEX): $(INSTALLED) $(REPORT_NODE_MODULES) $(GATE_PASSED) $(REPORT_INPUTS)
	cd $(REPORTS) && npm run build
	rm -rf $(REPORTS)/build/quality && cp -r $(DATA_DOCS) $(REPORTS)/build/quality

## report-serve: serve reports/build/ on http://127.0.0.1:8000 (browsers run no modules from file://)
report-serve:
	python3 -m http.server 8000 --bind 127.0.0.1 --directory $(REPORTS)/build

## add-answer: read a new answer (ANSWER=path/to/answer.pdf, the PDF as the parliament publishes it, or a text) into source/, the seeds and the GX suites; then make build
add-answer: $(INSTALLED)
	@test -n "$(ANSWER)" || { echo "usage: make add-answer ANSWER=path/to/answer.pdf [ADD_ANSWER_OPTIONS='--new-labels']" >&2; exit 2; }
	$(BIN)/python -m meldpunt1712.add_answer "$(ANSWER)" $(ADD_ANSWER_OPTIONS)

## gx-suites: regenerate the great-expectations suites in gx/ after the seeds changed
gx-suites: $(INSTALLED)
	$(BIN)/python -m meldpunt1712.quality_gate --update-suites

## bench: figures, never timed tests: warm dbt build (REFERENCE=dir: alternating with another dbt project), the 2018 caller x theme analysis, reading a six-page answer PDF
bench: $(INSTALLED)
	$(BIN)/python -m benchmarks.build $(if $(REFERENCE),--reference $(REFERENCE))
	$(BIN)/python -m benchmarks.caller_theme --tables 2018 --runs 5
	$(BIN)/python -m benchmarks.answer_pdf --runs 5

## docs: generate the dbt docs site (offline): open target/static_index.html
docs: $(INSTALLED)
	$(BIN)/dbt docs generate --static

clean:
	rm -rf target logs dbt_packages warehouse/build/*.duckdb warehouse/build/*.wal $(PUBLISHED) $(GATE_PASSED)
	rm -rf $(REPORTS)/build $(REPORTS)/screenshots $(REPORTS)/src/.observablehq/cache
