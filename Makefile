# site-data: two commands on a fresh machine: `make site-data` then `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: site-data test validate check lint schema goldens bench clean help

help:
	@echo "make site-data   create the environment if missing, install, build every shipped report"
	@echo "make test        run the test suite"
	@echo "make validate    check data/ (structure, references, translations); writes nothing"
	@echo "make lint        check the numbers for contradictions"
	@echo "make check       fail if site-data/ or schemas/ are stale (for CI)"
	@echo "make schema      regenerate schemas/ from the models"
	@echo "make goldens     regenerate tests/golden/ after an intended output change"
	@echo "make bench       measure build and ingest speed (not part of make test)"

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

site-data: $(STAMP)
	$(PY) -m pipeline build

test: $(STAMP)
	$(PY) -m pytest

validate: $(STAMP)
	$(PY) -m pipeline validate

lint: $(STAMP)
	$(PY) -m pipeline lint

check: $(STAMP)
	$(PY) -m pipeline build --check
	$(PY) -m pipeline schema --check

schema: $(STAMP)
	$(PY) -m pipeline schema

goldens: $(STAMP)
	$(PY) -m tests.regenerate_goldens

bench: $(STAMP)
	$(PY) -m bench

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
