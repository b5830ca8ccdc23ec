# Everything a new machine needs: a Python 3.11 interpreter and make.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE := corpus/examples/county_union_2024H1_scraped.txt

.PHONY: demo test lint bench corpus evaluate clean-venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/summarylens analyse $(EXAMPLE)
	$(BIN)/summarylens compare corpus/reports/postal/2022H1.txt corpus/reports/postal/2022Y.pdf

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests tools bench cli.py

test: lint
	$(BIN)/python -m pytest

corpus: $(VENV)/.installed
	$(BIN)/python tools/corpus_build.py

evaluate: $(VENV)/.installed
	$(BIN)/summarylens evaluate

bench: $(VENV)/.installed
	$(BIN)/python bench/ingest_bench.py
	$(BIN)/python bench/clean_bench.py
	$(BIN)/python bench/analyse_bench.py
	$(BIN)/python bench/compare_bench.py

clean-venv:
	rm -rf $(VENV)
