"""SHACL validation of a built graph (``kg validate OUT``) through pyshacl.

The build's TriG (or its Turtle, when it wrote no TriG) is read with rdflib (kg.api.to_rdflib) and its graphs merged
into one data graph: in TriG entities sit in the default graph and each article's facts in a named graph, and a
fact's shape needs both (a speaker must be a kgo:Person), while pyshacl would validate each graph of a Dataset on
its own. The ontology (kg.ttl) is the
ont graph, so shapes targeting kgo:Entity reach kgo:Person, and RDFS inference (the default) also types
resources by the domains and ranges of their properties, so an untyped record with a kgo:speaker is checked
as a statement and the IRI it names as an entity (``inference="none"`` is faster and checks neither).
"""
from __future__ import annotations

import functools
import time
from dataclasses import dataclass
from pathlib import Path

import pyshacl
from pyshacl.errors import ReportableRuntimeError
from rdflib import Graph, Literal, Node, URIRef
from rdflib.namespace import RDF, SH, NamespaceManager
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.util import guess_format

from .api import to_rdflib
from .sparql import GraphNotFound, ontology_dir

INFERENCE = ("rdfs", "none")


class ValidationInputError(Exception):
    """The graph, the shapes or the ontology cannot be read (the message names the file)."""


@dataclass(frozen=True, order=True)
class Violation:
    """One validation result, as prefixed names: the focus node, the property path and the shape's message."""

    focus: str
    path: str
    message: str


@dataclass
class Report:
    conforms: bool
    violations: list[Violation]
    triples: int
    seconds: float


@functools.lru_cache(maxsize=512)
def prepared(sparql: str) -> Query:
    return prepareQuery(sparql)


class PreparedQueryGraph(Graph):
    """A Graph that parses each SPARQL text once.

    pyshacl sends a SPARQL-based constraint's query text once per focus node, and parsing it (pyparsing)
    took 9 of the 10 seconds of validating the sample; the texts repeat, so parsed queries are cached.
    """

    def query(self, query_object, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003 - rdflib's signature
        if isinstance(query_object, str):
            query_object = prepared(query_object)
        return super().query(query_object, *args, **kwargs)


def read_rdf(path: Path, what: str) -> Graph:
    """A shapes or ontology file as a Graph (format from its suffix, Turtle by default)."""
    if not path.is_file():
        raise ValidationInputError(f"{path}: no such {what} file")
    graph = Graph()
    try:
        graph.parse(path, format=guess_format(str(path)) or "turtle")
    except (SyntaxError, ValueError, OSError) as err:
        where = f"line {err.lines + 1}: " if isinstance(getattr(err, "lines", None), int) else ""
        reason = getattr(err, "_why", None) or " ".join(str(err).split())[:200]
        raise ValidationInputError(f"{path}: {where}cannot read the {what} ({reason})") from err
    return graph


def data_graph(out: str | Path) -> PreparedQueryGraph:
    """Every triple of the build's TriG or Turtle in one graph (see the module docstring for why merged)."""
    try:
        dataset = to_rdflib(out)
    except GraphNotFound as err:
        raise ValidationInputError(str(err)) from err
    merged = PreparedQueryGraph()
    merged.addN((s, p, o, merged) for s, p, o, _ in dataset.quads((None, None, None, None)))
    for prefix, namespace in dataset.namespaces():
        merged.bind(prefix, namespace, override=True)
    return merged


def validate(out: str | Path, shapes: str | Path | None = None, ontology: str | Path | None = None,
             inference: str = "rdfs") -> Report:
    """Validate a build folder's graph.trig (else graph.ttl) against the SHACL shapes (default: the ontology's
    shapes.ttl)."""
    if inference not in INFERENCE:
        raise ValueError(f"inference must be one of {INFERENCE}, not {inference!r}")
    shapes_graph = read_rdf(Path(shapes) if shapes else ontology_dir() / "shapes.ttl", "shapes")
    ont_graph = read_rdf(Path(ontology) if ontology else ontology_dir() / "kg.ttl", "ontology")
    data = data_graph(out)
    triples = len(data)
    started = time.perf_counter()
    try:
        # inplace: the merged graph is ours, so pyshacl may add the ontology and the inferred triples to it
        # instead of copying it (the copy would be a plain Graph, without the parsed-query cache)
        conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes_graph, ont_graph=ont_graph,
                                                inference=inference, inplace=True)
    except ReportableRuntimeError as err:
        raise ValidationInputError(f"{shapes or 'shapes.ttl'}: {' '.join(str(err).split())[:300]}") from err
    return Report(conforms, violations(results, data.namespace_manager), triples, time.perf_counter() - started)


def violations(results: Graph, names: NamespaceManager) -> list[Violation]:
    """The results of a pyshacl report graph, sorted (pyshacl's order varies between runs)."""
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        component = results.value(result, SH.sourceConstraintComponent)
        message = messages[0] if messages else short(component, names)
        found.append(Violation(short(results.value(result, SH.focusNode), names),
                               short(results.value(result, SH.resultPath), names), message))
    return sorted(found)


def short(term: Node | None, names: NamespaceManager) -> str:
    """A term as a prefixed name where a prefix is bound (kgo:speaker), else <iri>; a literal as Turtle."""
    if term is None:
        return "-"
    if isinstance(term, URIRef | Literal):
        return term.n3(names)
    return str(term)  # a blank node: a complex property path or a nameless focus


def format_report(report: Report, source: str | Path, limit: int = 50) -> str:
    """The summary line, then one line per violation (focus, path, message), at most ``limit`` of them."""
    figures = f"{report.triples} triples, {report.seconds:.1f} s"
    if report.conforms:
        return f"{source}: conforms ({figures})\n"
    count = len(report.violations)
    lines = [f"{source}: does not conform: {count} violation{'s' if count != 1 else ''} ({figures})"]
    lines += [f"{v.focus}  {v.path}  {v.message}" for v in report.violations[:limit]]
    if len(report.violations) > limit:
        lines.append(f"... and {len(report.violations) - limit} more")
    return "\n".join(lines) + "\n"
