"""The notebooks are stored without outputs (CI executes them with pytest --nbmake)."""
import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 2


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_no_outputs(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert code and all(not c["outputs"] and c["execution_count"] is None for c in code)


def test_the_exploration_notebook_draws_its_figures_and_embeds_the_explorer_by_a_relative_path(tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    path = next(p for p in NOTEBOOKS if p.name == "02_exploration.ipynb")
    notebook = nbformat.read(path, as_version=4)
    nbclient.NotebookClient(notebook, timeout=300, resources={"metadata": {"path": str(tmp_path)}}).execute()
    images = [c for c in notebook.cells if c.cell_type == "code"
              and any("image/png" in output.get("data", {}) for output in c.get("outputs", []))]
    assert len(images) >= 3  # per day, the actor lanes, the ego network
    frame = next(o["data"]["text/html"] for c in notebook.cells if c.cell_type == "code" and "IFrame" in c.source
                 for o in c.outputs if "text/html" in o.get("data", {}))
    assert 'src="sample-out/graph.html"' in frame and (tmp_path / "sample-out" / "graph.html").is_file()
