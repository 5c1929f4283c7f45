"""The Python API: ``import kg`` gives build, load, query, to_networkx and to_rdflib.

    import kg
    result = kg.build(["articles/"], "out")          # writes out/graph.ttl, graph.html (trig=True: graph.trig)
    graph = kg.load("out")                           # a queryable graph (pyoxigraph, in memory)
    frame = kg.query("out", "SELECT ?s WHERE { ?s a kgo:Person }")   # pandas.DataFrame if pandas is installed
    nxg = kg.to_networkx("out")                      # networkx.MultiDiGraph of entities and dated edges
    dataset = kg.to_rdflib("out")                    # rdflib.Dataset of out/graph.trig (or graph.ttl)
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from .sparql import GraphNotFound, Results, build_rdf, bundled_queries, open_store, run

if TYPE_CHECKING:
    import rdflib


class Graph:
    """A built graph opened for querying."""

    def __init__(self, source: str | Path):
        self.source = Path(source)
        self.store = open_store(source)

    def __len__(self) -> int:
        return len(self.store)

    def results(self, sparql: str, params: dict[str, str] | None = None) -> Results:
        return run(self.store, sparql, params or {})

    def query(self, sparql: str, params: dict[str, str] | None = None, frame: bool = True) -> Any:
        """Rows of a SELECT as a pandas DataFrame (when pandas is installed and frame=True) or a list of dicts.
        ``sparql`` may also be the name of a bundled query (``"timeline"``)."""
        queries = bundled_queries()
        if sparql in queries:
            sparql = queries[sparql].read_text(encoding="utf-8")
        results = self.results(sparql, params)
        records = results.records()
        if frame:
            try:
                import pandas
            except ImportError:
                return records
            return pandas.DataFrame.from_records(records, columns=results.variables)
        return records


def build(inputs: list[str | Path] | str | Path, out_dir: str | Path | None = None, **options: Any):
    """Build the graph of articles; with out_dir, also write graph.ttl/html there, and graph.trig with trig=True
    (see kg.pipeline.build)."""
    from .pipeline import build as build_files
    from .pipeline import run_pipeline
    from .settings import Settings

    inputs = [inputs] if isinstance(inputs, str | Path) else list(inputs)
    if out_dir is None:
        return run_pipeline(inputs, Settings(options.get("lang_code", "id"), progress=False))
    return build_files(inputs, out_dir, progress=options.pop("progress", False), **options)


def load(source: str | Path) -> Graph:
    """Open a build folder, an RDF file or a kg store for querying."""
    return Graph(source)


def query(source: str | Path | Graph, sparql: str, params: dict[str, str] | None = None, frame: bool = True,
          **named: str) -> Any:
    """Run SPARQL (or a bundled query's name) on a graph; a DataFrame when pandas is installed. Parameters as a
    dict or by name: ``kg.query(out, "speaker_statements", speakerName="Antony Blinken")``."""
    graph = source if isinstance(source, Graph) else load(source)
    return graph.query(sparql, {**(params or {}), **named} or None, frame)


def to_networkx(source: Any) -> nx.MultiDiGraph:
    """A networkx MultiDiGraph of the entities and dated edges of a build folder (or an RDF file, a store, a
    kg.load graph): exactly the build's nodes (keyed by entity id) and edges (keyed ``<fact id>#<n>``), with the
    attributes of ``kg export`` (kind, date and precision, speech act, CAMEO code, quad class and Goldstein score,
    status, mode, quote, cue, article, outlet, URL, sentence ...), all plain values, so that nx.write_graphml and
    nx.write_gexf take the graph as it is. From the result of kg.build without a folder, its graph in memory, whose
    attributes hold kg's records; from that of a build into a folder, the graph of its files.
    """
    from .export.flat import read_graph

    graph_attr = getattr(source, "graph", None)
    if isinstance(graph_attr, nx.MultiDiGraph):
        return graph_attr
    written = getattr(source, "outputs", None)
    if written:  # a build into a folder: its graph is in the files
        source = Path(written[0]).parent
    return read_graph(source.source if isinstance(source, Graph) else source)  # a file keeps the build's order


def to_rdflib(out: str | Path) -> rdflib.Dataset:
    """An rdflib Dataset of a build folder's graph.trig, else its graph.ttl (or of a TriG or Turtle file), for
    code that prefers rdflib.

    From TriG each article keeps its named graph and the entities stay in the default graph; from Turtle (a build
    without --trig) every triple is in the default graph. The default graph is the union of all graphs
    (``default_union``), as in ``kg query``. The file's prefixes (kgo, schema, prov ...) are bound. A missing
    folder or file, or a file rdflib cannot parse, raises kg.sparql.GraphNotFound with a one-line message naming
    the file (and line).
    """
    from rdflib import Dataset
    from rdflib.plugins.parsers.notation3 import BadSyntax

    path = Path(out)
    if not path.exists():
        raise GraphNotFound(f"{path}: no such file or folder")
    source = build_rdf(path) if path.is_dir() else path
    if source is None:
        raise GraphNotFound(f"{path}: no graph.trig or graph.ttl in this folder")
    trig = source.suffix.lower() != ".ttl"
    what = "TriG" if trig else "Turtle"
    dataset = Dataset(default_union=True)
    try:  # binds the prefixes the file declares
        if trig:
            dataset.parse(source, format="trig")
        else:
            dataset.default_graph.parse(source, format="turtle")
    except BadSyntax as err:
        raise GraphNotFound(f"{source}: line {err.lines + 1}: cannot read {what} ({err._why})") from err
    except (SyntaxError, ValueError, OSError) as err:
        raise GraphNotFound(f"{source}: cannot read {what} ({' '.join(str(err).split())[:200]})") from err
    return dataset
