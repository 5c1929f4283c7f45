# Two commands for a new machine:  make demo  (set up and build the sample corpus)  and  make test.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/kg build --sample -o out
	@echo "Open out/graph.html in a browser; the RDF is in out/graph.ttl and out/graph.trig."

test: $(STAMP)
	$(BIN)/python -m pytest -q --nbmake tests notebooks
	$(BIN)/ruff check kg tests scripts

lint: $(STAMP)
	$(BIN)/ruff check kg tests scripts

clean:
	rm -rf out .pytest_cache .ruff_cache
