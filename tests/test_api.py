"""kg.to_rdflib, and the declared dependencies (each one is used)."""
import re
from importlib.metadata import packages_distributions
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import URIRef

import kg
from kg.pipeline import SAMPLE_DIR, build
from kg.sparql import GraphNotFound

ROOT = Path(__file__).resolve().parent.parent
KGO = "https://w3id.org/kg-news/ontology#"


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    build([SAMPLE_DIR], out, progress=False, html=False, trig=True)
    return out


@pytest.fixture(scope="module")
def turtle_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("turtle")
    build([SAMPLE_DIR], out, progress=False, html=False)
    assert not (out / "graph.trig").exists()
    return out


def test_to_rdflib_keeps_the_article_graphs_and_every_triple(sample_out):
    dataset = kg.to_rdflib(sample_out)
    store = ox.Store()
    store.bulk_load(path=str(sample_out / "graph.trig"), format=ox.RdfFormat.TRIG)
    named = {g.identifier for g in dataset.graphs() if g.identifier != URIRef("urn:x-rdflib:default")}
    assert named == {URIRef(g.value) for g in store.named_graphs()}
    assert any(str(g).startswith("https://example.org/kg/graph/") for g in named)
    assert sum(1 for _ in dataset.quads((None, None, None, None))) == len(store)
    assert dict(dataset.namespaces())["kgo"] == URIRef(KGO)
    # the default graph is the union: a statement (article graph) joins its speaker's label (default graph)
    rows = dataset.query("SELECT ?label WHERE { ?s a kgo:Statement ; kgo:speaker/rdfs:label ?label } LIMIT 1")
    assert len(rows) == 1


def test_to_rdflib_of_a_build_without_trig_has_every_triple_in_the_default_graph(turtle_out, sample_out):
    dataset = kg.to_rdflib(turtle_out)
    triples = {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}
    assert triples == {(s, p, o) for s, p, o, _ in kg.to_rdflib(sample_out).quads((None, None, None, None))}
    assert [g.identifier for g in dataset.graphs()] == [URIRef("urn:x-rdflib:default")]
    assert len(dataset.default_graph) == len(triples) and dict(dataset.namespaces())["kgo"] == URIRef(KGO)
    rows = dataset.query("SELECT ?label WHERE { ?s a kgo:Statement ; kgo:speaker/rdfs:label ?label } LIMIT 1")
    assert len(rows) == 1


def test_to_rdflib_names_the_file_of_a_missing_or_broken_output(tmp_path):
    with pytest.raises(GraphNotFound, match=re.escape(f"{tmp_path / 'nowhere'}: no such file or folder")):
        kg.to_rdflib(tmp_path / "nowhere")
    with pytest.raises(GraphNotFound, match="no graph.trig or graph.ttl in this folder"):
        kg.to_rdflib(tmp_path)
    (tmp_path / "graph.ttl").write_text("<a> <b> <c> .\n<a> <b> .\n<d> <e> <f> .\n", encoding="utf-8")
    with pytest.raises(GraphNotFound, match=re.escape(f"{tmp_path / 'graph.ttl'}: line 2: cannot read Turtle")):
        kg.to_rdflib(tmp_path)
    (tmp_path / "graph.trig").write_text("<g> {\n<a> <b> <c> .\n<a> <b> }\n", encoding="utf-8")
    with pytest.raises(GraphNotFound, match=re.escape(f"{tmp_path / 'graph.trig'}: line 3: cannot read TriG")):
        kg.to_rdflib(tmp_path)
    (tmp_path / "graph.trig").write_bytes(b"\xff\xfe<a> <b> <c> .")
    with pytest.raises(GraphNotFound, match="graph.trig: cannot read TriG") as caught:
        kg.to_rdflib(tmp_path / "graph.trig")
    assert "\n" not in str(caught.value)


# Declared but imported by no code of ours, each for a reason.
USED_WITHOUT_IMPORT = {
    "lxml-html-clean": "trafilatura imports it (through lxml.html.clean)",
    "oxigraph": "tests/test_push.py starts its server command",
    "ruff": "the linter the Makefile runs",
    "nbmake": "the pytest plugin that runs the notebooks (pytest --nbmake)",
    "jupyterlab": "the notebooks extra's application (jupyter lab notebooks/)",
    "ipykernel": "the kernel nbmake runs the notebooks in",
}


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_declared_dependency_is_imported_somewhere():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11 on
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    declared = {normalized(re.match(r"[A-Za-z0-9_.-]+", r).group()) for r in requirements}
    modules: dict[str, set[str]] = {}  # distribution -> the top-level modules it installs
    for module, distributions in packages_distributions().items():
        for distribution in distributions:
            modules.setdefault(normalized(distribution), set()).add(module)
    sources = "\n".join(path.read_text(encoding="utf-8") for folder in ("kg", "tests", "scripts", "notebooks")
                        for pattern in ("*.py", "*.ipynb") for path in (ROOT / folder).rglob(pattern))
    imported = set(re.findall(r"""(?:^|\\n|")\s*(?:import|from)\s+([A-Za-z_]\w*)""", sources, re.MULTILINE))
    imported |= set(re.findall(r"""importorskip\(["']([A-Za-z_]\w*)""", sources))
    unused = {name for name in declared - set(USED_WITHOUT_IMPORT)
              if not (modules.get(name, {name.replace("-", "_")}) & imported)}
    assert not unused, f"declared in pyproject.toml but never imported: {sorted(unused)}"
    assert set(USED_WITHOUT_IMPORT) <= declared  # the exceptions above are still dependencies
