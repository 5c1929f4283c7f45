"""Push a built graph into an external SPARQL store over the SPARQL 1.1 Graph Store HTTP Protocol.

Each graph of graph.trig (the default graph with the entities, then one graph per article) is sent as
Turtle with PUT, which replaces that graph in the store: pushing twice leaves the store as after one push.
The graphs are read one at a time from the TriG file, so memory does not grow with the corpus. A build without
graph.trig (kg build without --trig) has no named graphs: its graph.ttl goes into the default graph, the first
TURTLE_BATCH triples with PUT (replacing the default graph) and the rest in batches as large with POST (adding).
Reference store: Oxigraph server (``oxigraph serve``), whose Graph Store endpoint is ``/store``.
"""
from __future__ import annotations

import http.client
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import pyoxigraph as ox

from .prefixes import PREFIXES
from .sparql import build_rdf

TURTLE_BATCH = 100_000  # triples of graph.ttl sent in one request (memory stays bounded)


class PushError(Exception):
    """The store refused a graph or could not be reached."""


@dataclass
class PushReport:
    graphs: int = 0
    triples: int = 0


def graphs_of(trig: Path) -> Iterator[tuple[ox.NamedNode | ox.DefaultGraph, list[ox.Triple]]]:
    """(graph name, its triples) for each graph of a TriG file written by kg (graphs are contiguous)."""
    current, triples = None, []
    for quad in ox.parse(path=str(trig), format=ox.RdfFormat.TRIG):
        if current is not None and quad.graph_name != current:
            yield current, triples
            triples = []
        current = quad.graph_name
        triples.append(quad.triple)
    if current is not None:
        yield current, triples


def requests_of(path: Path) -> Iterator[tuple[str, ox.NamedNode | ox.DefaultGraph, list[ox.Triple]]]:
    """(method, graph name, triples) of the requests that push a TriG file (a PUT per graph) or a Turtle file
    (its triples into the default graph: a PUT, then POSTs)."""
    if path.suffix.lower() != ".ttl":
        for name, triples in graphs_of(path):
            yield "PUT", name, triples
        return
    method, batch = "PUT", []
    for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        batch.append(triple)
        if len(batch) == TURTLE_BATCH:
            yield method, ox.DefaultGraph(), batch
            method, batch = "POST", []
    if batch or method == "PUT":  # an empty file still empties the default graph
        yield method, ox.DefaultGraph(), batch


def rdf_file(path: Path) -> Path:
    """The file to push: a folder's graph.trig, else its graph.ttl; or the file named."""
    if not path.is_dir():
        return path
    return build_rdf(path) or path / "graph.ttl"


def push(source: str | Path, endpoint: str, timeout: float = 60.0) -> PushReport:
    """PUT every graph of a build (a folder with graph.trig or graph.ttl, or such a file) to a Graph Store
    endpoint."""
    path = Path(source)
    rdf = rdf_file(path)
    if not rdf.is_file():
        raise PushError(f"{path}: no graph.trig or graph.ttl to push (build first: kg build ... -o OUT)")
    url = urlsplit(endpoint)
    if url.scheme not in ("http", "https") or not url.hostname:
        raise PushError(f"{endpoint}: expected an http(s) Graph Store URL such as http://127.0.0.1:7878/store")
    connection_type = http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection
    connection = connection_type(url.hostname, url.port, timeout=timeout)
    report = PushReport()
    try:
        for method, name, triples in requests_of(rdf):
            target = "default" if isinstance(name, ox.DefaultGraph) else "graph=" + quote(name.value, safe="")
            body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
            connection.request(method, f"{url.path or '/'}?{target}", body=body,
                               headers={"Content-Type": "text/turtle; charset=utf-8"})
            response = connection.getresponse()
            detail = response.read().decode("utf-8", errors="replace").strip()
            if response.status >= 300:
                raise PushError(f"{endpoint}: the store answered {response.status} {response.reason} for "
                                f"{'the default graph' if target == 'default' else name.value}: {detail[:200]}")
            report.graphs += method == "PUT"
            report.triples += len(triples)
    except (SyntaxError, ValueError) as err:
        raise PushError(f"{rdf}: cannot read RDF ({' '.join(str(err).split())[:200]})") from err
    except (OSError, http.client.HTTPException) as err:
        raise PushError(f"{endpoint}: cannot reach the store ({err})") from err
    finally:
        connection.close()
    return report
