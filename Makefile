# The two commands a maintainer needs: `make site` and `make test`.
# Everything installs into .venv from PyPI with the exact versions in constraints.txt.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install site test serve normalize check clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $@

install: $(STAMP)

site: $(STAMP)
	$(BIN)/briefing build

test: $(STAMP)
	$(BIN)/python -m pytest

serve: $(STAMP)
	$(BIN)/briefing serve

normalize: $(STAMP)
	$(BIN)/briefing normalize

check: $(STAMP)
	$(BIN)/briefing normalize --check
	$(BIN)/briefing check

clean:
	rm -rf build site .site-staging* $(VENV)
