# Two commands do all set-up: `make report` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# make report: CORPUS (default data/raw), GROUP_BY, PROCESSED, REPORTS (default reports),
# PARAMS (YAML file of notebook parameters), TERMS (comma-separated), TARGET, REFERENCE,
# KEEP_CODE=1 (code cells in the HTML). Empty variables leave the PARAMS file or the
# notebooks' defaults in place.
CORPUS ?=
GROUP_BY ?=
PROCESSED ?=
SCHEDULER ?=
REPORTS ?=
PARAMS ?=
TERMS ?=
TARGET ?=
REFERENCE ?=
KEEP_CODE ?=
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]-*.ipynb))
# executed copies of the notebooks on the UN speeches, rerun by nbval (make test-notebooks)
TEST_CORPUS := ../shared/corpora/ungdc-arm-aze/ungdc_subset.jsonl
TEST_NOTEBOOKS := $(sort $(wildcard tests/notebooks/[0-9][0-9]-*.ipynb))
REPORT_ARGS = $(if $(CORPUS),--corpus "$(CORPUS)") $(if $(GROUP_BY),--group-by "$(GROUP_BY)") \
	$(if $(PROCESSED),--processed "$(PROCESSED)") $(if $(REPORTS),--reports "$(REPORTS)") \
	$(if $(PARAMS),--params "$(PARAMS)") $(if $(TERMS),--terms "$(TERMS)") \
	$(if $(TARGET),--target "$(TARGET)") $(if $(REFERENCE),--reference "$(REFERENCE)") \
	$(if $(KEEP_CODE),--keep-code)

.PHONY: install process report test unit nbval notebooks test-notebooks lab bench bench-scale eval train lint clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

## report: check the inputs, execute every notebook on CORPUS (or the PROCESSED tables), render HTML to reports/
report: install
	@$(PY) -m helpers.build_reports $(REPORT_ARGS) $(NOTEBOOKS)

## process: run the pipeline over CORPUS (on the Dask SCHEDULER if given); prints the key for PROCESSED=
process: install
	$(PY) -m helpers.pipeline "$(or $(CORPUS),data/raw)" $(if $(SCHEDULER),--scheduler "$(SCHEDULER)")

## test: unit tests, then nbval on the stored notebook outputs (seed, and the UN speeches in
## tests/notebooks: skipped with the reason when ../shared is absent)
test: install unit nbval

unit: install
	$(PY) -m pytest -q tests

nbval: install
	$(PY) -m pytest -q --nbval -p no:cacheprovider --nbval-sanitize-with tests/nbval-sanitize.cfg \
		$(NOTEBOOKS) $(TEST_NOTEBOOKS)

## notebooks: re-execute in place on data/raw to refresh stored outputs, sync .py twins
notebooks: install
	$(PY) -m helpers.build_reports --in-place $(NOTEBOOKS)

## test-notebooks: re-execute every notebook on the UN speeches (GROUP_BY=iso3) into tests/notebooks
test-notebooks: install
	nice -n 10 $(PY) -m helpers.build_reports --store tests/notebooks --corpus "$(TEST_CORPUS)" --group-by iso3 $(NOTEBOOKS)

lab: install
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

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
	rm -rf reports/*.html reports/*.ipynb reports/figures reports/tests data/processed/corpus-*
