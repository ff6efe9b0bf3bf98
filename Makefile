# One command to set up and run the dashboard, one to set up and run the tests.
#   make run    create .venv, install requirements, start the dashboard on the bundled corpus
#   make test   the same setup, plus Debian's chromium for the browser test, then ruff and the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test setup browser bench clean

$(BIN)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

setup: $(BIN)/.installed

browser:
	@bash scripts/install_chromium.sh

run: setup
	$(BIN)/streamlit run app.py

test: setup browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python -m bench.bench_annotate

clean:
	rm -rf $(VENV) .pytest_cache
