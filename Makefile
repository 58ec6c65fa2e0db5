# The README's two commands: `make build` and `make test`.
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# One cache of caller x theme analyses for the build and every scratch copy
# the tests make: keyed by the printed figures and the code, never stale.
export MELDPUNT_CALLER_THEME_CACHE := $(CURDIR)/target/caller_theme_cache

CHROMIUM := /usr/bin/chromium

.PHONY: build test bench docs gx-suites clean

$(INSTALLED): requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

## build: install the pinned dependencies into .venv and build the warehouse
build: $(INSTALLED)
	$(BIN)/python -m meldpunt1712.publish

## test: every test - the build with all its dbt tests, Python tests, SQL lint, the GX checkpoint
test: build $(CHROMIUM)
	$(BIN)/python -m pytest
	$(BIN)/sqlfluff lint models tests analyses
	$(BIN)/python -m meldpunt1712.quality_gate

# The browser the tests open pages in (GX's Data Docs): Debian's Chromium, installed once.
$(CHROMIUM):
	apt-get install -y --no-install-recommends chromium || \
		(apt-get update && apt-get install -y --no-install-recommends chromium)

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
