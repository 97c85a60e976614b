# Two set-up commands on a fresh machine with Python 3.11: `make html` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
# Building installs only the runtime lock; the targets that test, measure or lint add the dev lock.
STAMP := $(VENV)/.installed-runtime
DEV_STAMP := $(VENV)/.installed-dev
# --no-deps: the locks list every package with its hash; pip resolving again would ask for versions
# outside them (an extra like lxml[html_clean] that the pinned lxml does not declare).
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps
CONTENT ?= content
OUTPUT ?= output
PORT ?= 8000

.PHONY: html serve publish test test-deps lint lock translations bench fuzz fuzz-rebuild clean eval eval-ingest eval-stories eval-search
N ?= 5000
REPS ?= 1
MIX ?= all

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements.txt
	touch $@

# Both locks in one install, so a package in both (pinned alike: the dev lock is constrained by the
# runtime one) is resolved once.
$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(PIP) -r requirements.txt -r requirements-dev.txt
	touch $@

html: $(STAMP)
	$(BIN)/pelican $(CONTENT) -s pelicanconf.py -o $(OUTPUT)

# Build, then preview on localhost until Ctrl-C (plugins/preview/server.py: 404.html, feed/OPML types).
serve: $(STAMP)
	FEED_SITEURL=http://localhost:$(PORT) $(BIN)/pelican $(CONTENT) -s pelicanconf.py -o $(OUTPUT)
	$(BIN)/python plugins/preview/server.py $(OUTPUT) --port $(PORT)

publish: $(STAMP)
	$(BIN)/pelican $(CONTENT) -s publishconf.py -o $(OUTPUT)

# The page tests need Chromium, Java and fonts (installed from Debian when missing) and axe-core.
test-deps: $(DEV_STAMP) node_modules/.package-lock.json
	tests/setup/system-deps.sh

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

test: test-deps lint
	$(BIN)/python -m pytest

# Lint, format check and type check (configured in pyproject.toml); `make test` runs it first.
lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Recompile both locks with hashes after editing requirements.in or requirements-dev.in (existing pins
# are kept; `make lock LOCK_FLAGS=--upgrade` moves them).
LOCK_FLAGS ?=
LOCK := $(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 --custom-compile-command "make lock"
lock: $(DEV_STAMP)
	$(LOCK) $(LOCK_FLAGS) requirements.in -o requirements.txt
	$(LOCK) $(LOCK_FLAGS) requirements-dev.in -o requirements-dev.txt

# Speed and memory against plain Pelican on generated archives of N articles (N="5000 20000" for
# several sizes) in each language mix (MIX=zh|ar|fa|mixed|all); not part of `make test`.
bench: $(DEV_STAMP)
	$(BIN)/python tests/bench/run.py $(N) --mix $(MIX) --reps $(REPS)

# Evaluation on labeled real data (tests/eval/), each printing its scores and every mismatch:
# ingestion fields on the real-world set (tests/eval/real/), same-event links against pairs.yml,
# search against queries.yml (typed into the built site in Chromium).
eval: eval-ingest eval-stories eval-search

eval-ingest: $(DEV_STAMP)
	$(BIN)/python tests/eval/run.py

eval-stories: $(DEV_STAMP)
	$(BIN)/python tests/eval/same_event.py

eval-search: test-deps
	$(BIN)/python tests/eval/search.py

# Builds of FUZZ_FILES mutated archive files (FUZZ_BATCH per build): no aborted build, every file in
# the report, nothing written outside the output folder. `make test` runs a few hundred of them.
FUZZ_FILES ?= 10000
FUZZ_BATCH ?= 1000
FUZZ_SEED ?= 12
fuzz: $(DEV_STAMP)
	$(BIN)/python tests/fuzz/run.py --files $(FUZZ_FILES) --batch $(FUZZ_BATCH) --seed $(FUZZ_SEED)

# Rebuilds against clean builds on SEQUENCES seeded random edit sequences (kills included); prints
# and fails on any difference. `make test` runs two of them.
SEQUENCES ?= 50
fuzz-rebuild: $(DEV_STAMP)
	$(BIN)/python tests/incremental/equivalence.py --sequences $(SEQUENCES) --steps 4 --seed 1000 --kill

# Re-extract interface strings and merge them into the catalogs (then translate the new ones).
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -o theme/translations/messages.pot --no-location --omit-header .
	$(BIN)/pybabel update -i theme/translations/messages.pot -d theme/translations --no-fuzzy-matching

clean:
	rm -rf $(OUTPUT) .pytest_cache node_modules
