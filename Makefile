# The two commands a maintainer needs: `make site` and `make test`.
# Everything installs into .venv from PyPI with the exact versions in constraints.txt.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt
# Two stamps: building the site needs only the runtime dependencies; the tests add their
# extras (Playwright, scikit-learn, hypothesis, ...) on top, in the same environment.
STAMP := $(VENV)/.runtime-stamp
TEST_STAMP := $(VENV)/.test-stamp
PORT ?= 8000

.PHONY: install install-test site test sweep serve normalize check clean bench eval

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(PIP) -e '.[test]'
	touch $@

install: $(STAMP)
install-test: $(TEST_STAMP)

# Strict: a warning (a hedge left unlisted, say) stops publishing too.
site: $(STAMP)
	$(BIN)/briefing build --strict

# ruff (names, imports, private members) and import-linter (each stage imports only earlier
# ones; no import cycle) first: a structural slip fails before the suite runs.
# The suite runs on two processes (pytest-xdist), each test file whole in one of them, so a
# file's shared builds and browser are made once.
test: $(TEST_STAMP)
	$(BIN)/ruff check --quiet .
	$(BIN)/lint-imports --no-logo --no-cache
	$(BIN)/python -m pytest -m "not sweep" -n 2 --dist loadfile

# Every page of the 100-source synthetic briefing at 360, 390 and 1280 px, and axe-core on the
# largest page of each kind (tests/test_reading.py); each page is loaded once and resized to each
# width. About 5 minutes of processor time on two cores; .ci/run runs it after `make test`.
sweep: $(TEST_STAMP)
	$(BIN)/python -m pytest -m sweep

# The preview: make serve PORT=8123 serves on 127.0.0.1:8123; POLL=1 polls for saves (network shares).
serve: $(STAMP)
	$(BIN)/briefing serve --dev-addr 127.0.0.1:$(PORT)$(if $(POLL), --poll)

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
