"""The Python API: ``import kg`` gives build, load, query, to_networkx and to_rdflib.

    import kg
    result = kg.build(["articles/"], "out")          # writes out/graph.ttl, graph.trig, graph.html
    graph = kg.load("out")                           # a queryable graph (pyoxigraph, in memory)
    frame = kg.query("out", "SELECT ?s WHERE { ?s a kgo:Person }")   # pandas.DataFrame if pandas is installed
    nxg = kg.to_networkx("out")                      # networkx.MultiDiGraph of entities and dated edges
    dataset = kg.to_rdflib("out")                    # rdflib.Dataset of out/graph.trig, named graphs kept
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from .sparql import GraphNotFound, Results, bundled_queries, open_store, run

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
        return run(self.store, sparql, params)

    def query(self, sparql: str, params: dict[str, str] | None = None, frame: bool = True) -> Any:
        """Rows of a SELECT as a pandas DataFrame (when pandas is installed and frame=True) or a list of dicts.
        ``sparql`` may also be the name of a bundled query (``"timeline"``)."""
        queries = bundled_queries()
        if sparql in queries:
            sparql = queries[sparql].read_text(encoding="utf-8")
        records = self.results(sparql, params).records()
        if frame:
            try:
                import pandas
            except ImportError:
                return records
            return pandas.DataFrame.from_records(records, columns=self.results(sparql, params).variables)
        return records


def build(inputs: list[str | Path] | str | Path, out_dir: str | Path | None = None, **options: Any):
    """Build the graph of articles; with out_dir, also write graph.ttl/trig/html there (see kg.pipeline.build)."""
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


def query(source: str | Path | Graph, sparql: str, params: dict[str, str] | None = None, frame: bool = True) -> Any:
    """Run SPARQL (or a bundled query's name) on a graph; a DataFrame when pandas is installed."""
    graph = source if isinstance(source, Graph) else load(source)
    return graph.query(sparql, params, frame)


EDGES = """
SELECT ?record ?kind ?source ?target ?role ?date ?cue ?doc WHERE {
  {
    ?record a kgo:Statement ; kgo:speaker ?source .
    BIND("statement" AS ?kind)
    OPTIONAL { ?record kgo:addressee ?addressee }
    OPTIONAL { ?record kgo:about ?about }
    BIND(COALESCE(?addressee, ?about, ?source) AS ?target)
    BIND(IF(BOUND(?addressee), "addressee", IF(BOUND(?about), "about", "self")) AS ?role)
  } UNION {
    ?record a kgo:Meeting ; kgo:participant ?source , ?target .
    BIND("meeting" AS ?kind) BIND("participant" AS ?role)
    FILTER(STR(?source) < STR(?target))
  } UNION {
    ?record kgo:eventType ?type ; kgo:participant ?source , ?target .
    BIND("event" AS ?kind) BIND("participant" AS ?role)
    FILTER(STR(?source) < STR(?target))
  }
  ?record kgo:cue ?cue ; kgo:source ?doc .
  OPTIONAL { ?record kgo:date ?date }
}
"""
NODES = """
SELECT ?entity ?type ?label (GROUP_CONCAT(DISTINCT ?alias; separator="|") AS ?aliases) WHERE {
  VALUES ?type { kgo:Person kgo:Organization kgo:Country kgo:Place kgo:Event }
  ?entity a ?type ; rdfs:label ?label .
  OPTIONAL { ?entity skos:altLabel ?alias }
} GROUP BY ?entity ?type ?label
"""


def to_networkx(source: Any) -> nx.MultiDiGraph:
    """A networkx MultiDiGraph of entities and dated edges, from a build result or any graph source.

    From RDF, meetings and events link every pair of participants once; statements link the speaker to
    each addressee, else to what they are about, else to itself. Node and edge attributes are plain values.
    """
    graph_attr = getattr(source, "graph", None)
    if isinstance(graph_attr, nx.MultiDiGraph):
        return graph_attr
    opened = source if isinstance(source, Graph) else load(source)
    result = nx.MultiDiGraph()
    for row in opened.results(NODES).records():
        result.add_node(row["entity"], type=row["type"].rsplit("#", 1)[-1], label=row["label"],
                        aliases=sorted(a for a in (row["aliases"] or "").split("|") if a))
    for row in sorted(opened.results(EDGES).records(), key=lambda r: (r["record"], r["target"] or "")):
        if row["source"] in result and row["target"] in result:
            result.add_edge(row["source"], row["target"], key=f"{row['record']}>{row['target']}", kind=row["kind"],
                            role=row["role"], date=row["date"], cue=row["cue"], doc=row["doc"])
    return result


def to_rdflib(out: str | Path) -> rdflib.Dataset:
    """An rdflib Dataset of a build folder's graph.trig (or of a TriG file), for code that prefers rdflib.

    Each article keeps its named graph, the entities stay in the default graph, and the default graph is the
    union of all of them (``default_union``), as in ``kg query``. The file's prefixes (kgo, schema, prov ...)
    are bound. A missing folder or file, or a TriG rdflib cannot parse, raises kg.sparql.GraphNotFound with a
    one-line message naming the file (and line).
    """
    from rdflib import Dataset
    from rdflib.plugins.parsers.notation3 import BadSyntax

    path = Path(out)
    trig = path / "graph.trig" if path.is_dir() else path
    if not path.exists():
        raise GraphNotFound(f"{path}: no such file or folder")
    if not trig.is_file():
        raise GraphNotFound(f"{path}: no graph.trig in this folder")
    dataset = Dataset(default_union=True)
    try:
        dataset.parse(trig, format="trig")  # binds the prefixes the file declares
    except BadSyntax as err:
        raise GraphNotFound(f"{trig}: line {err.lines + 1}: cannot read TriG ({err._why})") from err
    except (SyntaxError, ValueError, OSError) as err:
        raise GraphNotFound(f"{trig}: cannot read TriG ({' '.join(str(err).split())[:200]})") from err
    return dataset
