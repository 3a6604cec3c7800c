# The two commands a maintainer needs: `make site` and `make test`.
# Everything installs into .venv from PyPI with the exact versions in constraints.txt.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install site test sweep serve normalize check clean bench eval

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $@

install: $(STAMP)

# Strict: a warning (a hedge left unlisted, say) stops publishing too.
site: $(STAMP)
	$(BIN)/briefing build --strict

test: $(STAMP)
	$(BIN)/python -m pytest -m "not sweep"

# Every page of the 100-source synthetic briefing at 360, 390 and 1280 px, and axe-core on the
# largest page of each kind (tests/test_reading.py); CI runs it after `make test`.
sweep: $(STAMP)
	$(BIN)/python -m pytest -m sweep

serve: $(STAMP)
	$(BIN)/briefing serve

normalize: $(STAMP)
	$(BIN)/briefing normalize

check: $(STAMP)
	$(BIN)/briefing normalize --check
	$(BIN)/briefing check

# Stage timings and memory at N = 100, 1000, 5000 synthetic sources (bench/run.py); writes
# bench/results.md. Quick run: make bench BENCH_SIZES=20,50. More options: BENCH_ARGS=--help.
bench: $(STAMP)
	BENCH_SIZES="$(BENCH_SIZES)" $(BIN)/python bench/run.py $(BENCH_ARGS)

# Precision and recall of shared-claim detection against the hand-labelled seeds
# (eval/claims.yaml); a measurement, not a test: it never fails on a low score.
eval: $(STAMP)
	$(BIN)/python eval/evaluate.py

clean:
	rm -rf build site .site-staging* $(VENV)
