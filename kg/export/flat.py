"""A build's RDF as a flat networkx graph: the build's own nodes and edges, every attribute a plain value.

Nodes are the entities (keyed by entity id, as in the build's graph), edges the facts as each kind draws them
(keyed ``<fact id>#<n>``, as in the build's graph): the fact kinds' own ``edges`` rule is applied to the roles
read from RDF, so the graph cannot disagree with the build. Attributes are strings, integers or floats only
(lists joined with "; ", missing values left out), so that GraphML, GEXF and CSV writers take them as they are.

The triples are read in file order (graph.ttl, else graph.trig): a meeting is drawn from its first participant,
RDF has no order, but kg writes a fact's participants in order and pyoxigraph's parser keeps the file's order.
A persistent store has no file order: its meetings of three or more parties may start from another party.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote

import networkx as nx
import pyoxigraph as ox

from ..cameo import describe
from ..kinds import kinds
from ..model import ENTITY_TYPES
from ..prefixes import PREFIXES
from ..sparql import BUILD_RDF, RDF_FORMATS, STORE_MARKER, GraphNotFound, build_rdf
from ..subgraph import period
from .rdf import MODE, PRECISION, STATUS


def expand(prefixed: str) -> str:
    """A prefixed name of kg's files as a full IRI: "kgo:Held" -> "https://w3id.org/kg-news/ontology#Held"."""
    prefix, local = prefixed.split(":", 1)
    return PREFIXES[prefix] + local


KGO = PREFIXES["kgo"]
RDF_TYPE = expand("rdf:type")
LABEL = expand("rdfs:label")
ALT_LABEL = expand("skos:altLabel")
MENTION = KGO + "Mention"
ENTITY_CLASSES = {KGO + name: name for name in ENTITY_TYPES}
# the roles of a fact, as the fields the kinds' edges() rules read (lists where a fact may have several)
ROLE_FIELDS = {"speaker": "speaker", "addressee": "addressees", "about": "about", "participant": "participants",
               "place": "place", "actor": "actor", "target": "target"}
LIST_FIELDS = ("addressees", "about", "participants")
FACT_LITERALS = {"date": "date", "date_expression": "dateExpression", "report_date": "reportDate",
                 "speech_act": "speechAct", "cameo": "cameoCode", "status": "sanctionStatus", "event_type": "eventType",
                 "measure": "measure", "quote": "quote", "content": "content", "cue": "cue", "sentence": "sentence",
                 "sentence_index": "sentenceIndex", "char_start": "charStart", "char_end": "charEnd"}
INTEGERS = ("sentence_index", "char_start", "char_end")
# the individuals of the files, back to the words of the model: kgo:Held -> "held", time:unitDay -> "day"
INDIVIDUALS = {"status": {expand(iri): word for word, iri in STATUS.items()},
               "mode": {expand(iri): word for word, iri in MODE.items()},
               "datePrecision": {expand(unit): word for word, (_, unit) in PRECISION.items()}}
DOCUMENT_FIELDS = {"headline": expand("schema:headline"), "outlet": KGO + "outlet", "url": expand("schema:url"),
                   "published": expand("schema:datePublished")}
WANTED = {RDF_TYPE, LABEL, ALT_LABEL, KGO + "hasRole", KGO + "mentionedIn", KGO + "source", KGO + "datePrecision",
          KGO + "status", KGO + "mode", *(KGO + p for p in ROLE_FIELDS), *(KGO + p for p in FACT_LITERALS.values()),
          *DOCUMENT_FIELDS.values()}

# the columns of the exports, in order (an attribute a node or edge lacks is left out, or an empty cell)
NODE_COLUMNS = ("label", "entity_type", "aliases", "roles", "articles", "start", "end", "iri")
EDGE_COLUMNS = ("fact", "kind", "role", "date", "date_precision", "start", "end", "date_expression", "report_date",
                "speech_act", "cameo", "cameo_name", "quad_class", "goldstein", "status", "mode", "event_type",
                "measure", "place", "quote", "content", "cue", "article", "headline", "outlet", "url", "published",
                "sentence", "sentence_index", "char_start", "char_end")
LIST_SEPARATOR = "; "

Properties = dict[str, list]  # predicate IRI -> objects (pyoxigraph terms), in file order


def rdf_file(source: Path) -> Path | None:
    """The RDF file of a build folder that keeps the file order (graph.ttl, else graph.trig), or the file itself."""
    if source.is_file():
        return source
    return build_rdf(source, tuple(reversed(BUILD_RDF)))


def quads(source: str | Path | ox.Store) -> Iterable[ox.Quad]:
    """The quads of a build folder, an RDF file or a store; a path kg cannot read raises GraphNotFound."""
    if isinstance(source, ox.Store):
        return source.quads_for_pattern(None, None, None, None)
    path = Path(source)
    if not path.exists():
        raise GraphNotFound(f"{path}: no such file or folder")
    if path.is_dir() and (path / STORE_MARKER).is_file():
        return ox.Store.read_only(str(path)).quads_for_pattern(None, None, None, None)
    found = rdf_file(path)
    if found is None:
        raise GraphNotFound(f"{path}: no graph.ttl, graph.trig or kg store in this folder")
    fmt = RDF_FORMATS.get(found.suffix.lower())
    if fmt is None:
        raise GraphNotFound(f"{found}: not an RDF file kg reads (.trig, .ttl, .nt, .nq)")
    return parsed(found, fmt)


def parsed(path: Path, fmt: ox.RdfFormat) -> Iterator[ox.Quad]:
    try:
        yield from ox.parse(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as err:
        raise GraphNotFound(f"{path}: cannot read RDF ({' '.join(str(err).split())[:200]})") from err


def collect(source: Iterable[ox.Quad]) -> dict[str, Properties]:
    """The properties exports need, by subject. Mentions (most of a graph's triples) are passed over: kg writes
    each one's type first, so the rest of its block is skipped without being kept."""
    subjects: dict[str, Properties] = {}
    skipping = None
    for quad in source:
        subject = quad.subject.value
        if subject == skipping:
            continue
        predicate = quad.predicate.value
        if predicate == RDF_TYPE and quad.object.value == MENTION:
            skipping = subject
            subjects.pop(subject, None)
            continue
        if predicate in WANTED:
            subjects.setdefault(subject, {}).setdefault(predicate, []).append(quad.object)
    return subjects


def first(properties: Properties, predicate: str) -> str | None:
    values = properties.get(predicate)
    return values[0].value if values else None


def entity_id(iri: str) -> str:
    """The entity id of an entity IRI: its last two path segments ("person/sergei-lavrov")."""
    return unquote("/".join(iri.rsplit("/", 2)[-2:]))


class Reader:
    """Turns the collected properties into the flat graph (see the module's docstring)."""

    def __init__(self, subjects: dict[str, Properties]):
        self.subjects = subjects
        self.kinds = {expand(kind.ontology_class): kind for kind in kinds()}
        self.entities: dict[str, str] = {}  # entity IRI -> entity id
        self.facts: list[str] = []
        for subject, properties in subjects.items():
            types = {term.value for term in properties.get(RDF_TYPE, ())}
            if KGO + "cue" in properties and types & self.kinds.keys():
                self.facts.append(subject)
            elif types & ENTITY_CLASSES.keys():
                self.entities[subject] = entity_id(subject)
        self.base = self.find_base()

    def find_base(self) -> str:
        """The base IRI of the build, from an entity's IRI (<base>entity/<id>)."""
        for iri in self.entities:
            tail = "entity/" + "/".join(iri.rsplit("/", 2)[-2:])
            if iri.endswith(tail):
                return iri[: -len(tail)]
        return ""

    def local(self, iri: str, folder: str = "") -> str:
        """A resource's id under the base ("doc/x" -> "x" with folder "doc/"); a foreign IRI as it is."""
        prefix = self.base + folder
        return unquote(iri[len(prefix):]) if self.base and iri.startswith(prefix) else iri

    def graph(self) -> nx.MultiDiGraph:
        graph = nx.MultiDiGraph()
        for iri, node in sorted(self.entities.items(), key=lambda item: item[1]):
            graph.add_node(node, **self.node_attributes(iri))
        facts = sorted((self.local(iri), iri) for iri in self.facts)
        for fact_id, iri in facts:
            properties = self.subjects[iri]
            kind = next(self.kinds[t.value] for t in properties[RDF_TYPE] if t.value in self.kinds)
            attributes = self.fact_attributes(fact_id, kind.name, properties)
            for n, (source, target, role) in enumerate(kind.edges(self.roles(properties))):
                data = {**attributes, "role": role}
                graph.add_edge(source, target, key=f"{fact_id}#{n}",
                               **{column: data[column] for column in EDGE_COLUMNS if column in data})
        for node in graph:
            dated = [data for *_, data in graph.edges(node, data=True)] + \
                    [data for *_, data in graph.in_edges(node, data=True)]
            starts = [data["start"] for data in dated if "start" in data]
            if starts:  # the node is on Gephi's timeline from its first fact to its last
                graph.nodes[node]["start"] = min(starts)
                graph.nodes[node]["end"] = max(data["end"] for data in dated if "end" in data)
        for _, data in graph.nodes(data=True):  # the column order of the exports
            ordered = {column: data[column] for column in NODE_COLUMNS if column in data}
            data.clear()
            data.update(ordered)
        return graph

    def roles(self, properties: Properties) -> SimpleNamespace:
        """A fact's roles as the fields its kind's edges() rule reads, entity ids in file order."""
        view = SimpleNamespace()
        for predicate, field in ROLE_FIELDS.items():
            ids = [entity_id(term.value) for term in properties.get(KGO + predicate, ())]
            setattr(view, field, ids if field in LIST_FIELDS else (ids[0] if ids else None))
        return view

    def node_attributes(self, iri: str) -> dict:
        properties = self.subjects[iri]
        types = [term.value for term in properties.get(RDF_TYPE, ())]
        roles = sorted(filter(None, (first(self.subjects.get(term.value, {}), LABEL)
                                     for term in properties.get(KGO + "hasRole", ()))))
        attributes = {"label": first(properties, LABEL) or entity_id(iri),
                      "entity_type": next(ENTITY_CLASSES[t] for t in types if t in ENTITY_CLASSES),
                      "aliases": LIST_SEPARATOR.join(sorted({term.value for term in properties.get(ALT_LABEL, ())})),
                      "roles": LIST_SEPARATOR.join(roles),
                      "articles": len({term.value for term in properties.get(KGO + "mentionedIn", ())}),
                      "iri": iri}
        return {key: value for key, value in attributes.items() if value != ""}

    def fact_attributes(self, fact_id: str, kind: str, properties: Properties) -> dict:
        attributes: dict[str, str | int | float | None] = {"fact": fact_id, "kind": kind}
        for column, predicate in FACT_LITERALS.items():
            value = first(properties, KGO + predicate)
            if value is not None:
                attributes[column] = int(value) if column in INTEGERS else value
        for column, predicate in (("date_precision", "datePrecision"), ("status", "status"), ("mode", "mode")):
            value = first(properties, KGO + predicate)
            if value is not None:
                attributes[column] = INDIVIDUALS[predicate].get(value, value.rsplit("#", 1)[-1])
        days = period(attributes.get("date"))
        if days:
            attributes["start"], attributes["end"] = days[0].isoformat(), days[1].isoformat()
        code = describe(attributes.get("cameo"))
        if code:
            attributes.update(cameo_name=code.name, quad_class=code.quad_class, goldstein=code.goldstein)
        place = first(properties, KGO + "place")
        if place:
            attributes["place"] = first(self.subjects.get(place, {}), LABEL) or entity_id(place)
        document = first(properties, KGO + "source")
        if document:
            attributes["article"] = self.local(document, "doc/")
            for column, predicate in DOCUMENT_FIELDS.items():
                attributes[column] = first(self.subjects.get(document, {}), predicate)
        return {column: value for column, value in attributes.items() if value is not None}


def read_graph(source: str | Path | ox.Store) -> nx.MultiDiGraph:
    """The flat graph of a build folder (graph.ttl, else graph.trig), an RDF file or a store.
    A source kg cannot read raises GraphNotFound with a one-line message naming it."""
    return Reader(collect(quads(source))).graph()
