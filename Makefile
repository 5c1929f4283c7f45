# Two commands for a new machine:  make demo  (set up and build the sample corpus)  and  make test.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED ?= ../shared
SCORER := $(SHARED)/tools/kg_score.py

.PHONY: demo test lint eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/kg build --sample -o out
	@echo "Open out/graph.html in a browser; the RDF is in out/graph.ttl (add --trig for graph.trig)."

test: $(STAMP)
	$(BIN)/python -m pytest -q --nbmake tests notebooks
	$(BIN)/ruff check kg tests scripts

# Build and score the development seeds and the 40 dev passages: each article's misses and spurious facts, the
# overall figures (kg's and the benchmark scorer's), and how often each rule fired and was right.
eval: $(STAMP)
	@echo "######## seeds ($(SHARED)/seeds)"
	$(BIN)/kg eval $(SHARED)/seeds --gold $(SHARED)/benchmark/gold --scorer $(SCORER)
	@echo "######## dev set ($(SHARED)/benchmark/dev/texts)"
	$(BIN)/kg eval $(SHARED)/benchmark/dev/texts --gold $(SHARED)/benchmark/dev/gold --scorer $(SCORER)

lint: $(STAMP)
	$(BIN)/ruff check kg tests scripts

clean:
	rm -rf out .pytest_cache .ruff_cache
