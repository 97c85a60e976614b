# Two set-up commands on a fresh machine with Python 3.11: `make html` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CONTENT ?= content
OUTPUT ?= output
PORT ?= 8000

.PHONY: html serve publish test test-deps translations bench clean
N ?= 5000
REPS ?= 1
MIX ?= all

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

html: $(STAMP)
	$(BIN)/pelican $(CONTENT) -s pelicanconf.py -o $(OUTPUT)

serve: $(STAMP)
	FEED_SITEURL=http://localhost:$(PORT) $(BIN)/pelican $(CONTENT) -s pelicanconf.py -o $(OUTPUT)
	$(BIN)/pelican --listen --port $(PORT) -s pelicanconf.py -o $(OUTPUT)

publish: $(STAMP)
	$(BIN)/pelican $(CONTENT) -s publishconf.py -o $(OUTPUT)

# The page tests need Chromium, Java and fonts (installed from Debian when missing) and axe-core.
test-deps: $(STAMP) node_modules/.package-lock.json
	tests/setup/system-deps.sh

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

test: test-deps
	$(BIN)/python -m pytest

# Speed and memory against plain Pelican on generated archives of N articles (N="5000 20000" for
# several sizes) in each language mix (MIX=zh|ar|fa|mixed|all); not part of `make test`.
bench: $(STAMP)
	$(BIN)/python tests/bench/run.py $(N) --mix $(MIX) --reps $(REPS)

# Re-extract interface strings and merge them into the catalogs (then translate the new ones).
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -o theme/translations/messages.pot --no-location --omit-header .
	$(BIN)/pybabel update -i theme/translations/messages.pot -d theme/translations --no-fuzzy-matching

clean:
	rm -rf $(OUTPUT) .pytest_cache node_modules
