# Two commands do all set-up: `make report` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CORPUS ?= data/raw
GROUP_BY ?=
PROCESSED ?=
SCHEDULER ?=
REPORTS ?= reports
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]-*.ipynb))

.PHONY: install process report test unit nbval notebooks lab bench bench-scale eval train lint clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

## report: execute every notebook on CORPUS (or the PROCESSED tables) with papermill, render HTML to reports/
report: install
	$(PY) -m helpers.build_reports --corpus "$(CORPUS)" --reports "$(REPORTS)" --group-by "$(GROUP_BY)" --processed "$(PROCESSED)" $(NOTEBOOKS)

## process: run the pipeline over CORPUS (on the Dask SCHEDULER if given); prints the key for PROCESSED=
process: install
	$(PY) -m helpers.pipeline "$(CORPUS)" $(if $(SCHEDULER),--scheduler "$(SCHEDULER)")

## test: unit tests, then nbval on the stored notebook outputs
test: install unit nbval

unit: install
	$(PY) -m pytest -q tests

nbval: install
	$(PY) -m pytest -q --nbval -p no:cacheprovider $(NOTEBOOKS)

## notebooks: re-execute in place on data/raw to refresh stored outputs, sync .py twins
notebooks: install
	$(PY) -m helpers.build_reports --in-place $(NOTEBOOKS)

lab: install
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks

bench: install
	$(PY) -m helpers.bench

bench-scale: install
	$(PY) -m helpers.bench.scale

eval: install
	$(PY) -m helpers.evaluate

## train: refit the quotation-kind model on ../shared/gold/quote-kinds-dev (writes src/helpers/quote_kinds_model.json)
train: install
	$(PY) -m helpers.framing_kinds_train

lint: install
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/ruff format --check src tests

clean:
	rm -rf reports/*.html reports/*.ipynb reports/figures data/processed/corpus-*
