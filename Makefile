# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test bench lint-examples clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/onecrew make examples/lighthouse.txt -o out/demo --cards
	@echo "watch out/demo/film.mp4; open out/demo/storyboard.html or out/demo/film.otio"

test: $(STAMP)
	$(BIN)/python -m pytest

$(VENV)/.bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench,ray]'
	touch $@

bench: $(VENV)/.bench
	$(BIN)/python bench/plan.py
	$(BIN)/python bench/film.py
	$(BIN)/python bench/engine.py
	$(BIN)/python bench/workers.py
	$(BIN)/python bench/understanding.py

clean:
	rm -rf $(VENV) out .pytest_cache .hypothesis
