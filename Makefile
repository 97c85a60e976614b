# Two set-up commands on a fresh machine with Python 3.11: `make html` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CONTENT ?= content
OUTPUT ?= output
PORT ?= 8000

.PHONY: html serve publish test clean

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

html: $(STAMP)
	$(BIN)/pelican $(CONTENT) -s pelicanconf.py -o $(OUTPUT)

serve: html
	$(BIN)/pelican --listen --port $(PORT) -s pelicanconf.py -o $(OUTPUT)

publish: $(STAMP)
	$(BIN)/pelican $(CONTENT) -s publishconf.py -o $(OUTPUT)

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(OUTPUT) .pytest_cache
