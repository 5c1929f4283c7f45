"""RDF export: the graph as Turtle (everything) and TriG (one named graph per article).

Vocabulary: ``ontology/kg.ttl`` (prefix kgo). Statements and meetings are nodes of their own
(n-ary relations) with speaker/addressee or participants, date at its precision, quote, cue,
CAMEO code and provenance (document, sentence, character offsets into the article as read).
Entities live in the default graph; each article's facts live in the graph ``<base>graph/<doc>``.
IRIs depend only on the input, so they are stable across runs.
"""
from __future__ import annotations

from urllib.parse import quote

import networkx as nx
from rdflib import RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV

from ..graph import entities, records
from ..model import DateValue, Document, Evidence, Meeting, Mention, Statement
from ..resolve import slug

KGO = Namespace("https://w3id.org/kg-news/ontology#")
SCHEMA = Namespace("https://schema.org/")
TIME = Namespace("http://www.w3.org/2006/time#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
DEFAULT_BASE = "https://example.org/kg/"

PRECISION = {"day": (XSD.date, TIME.unitDay), "month": (XSD.gYearMonth, TIME.unitMonth),
             "year": (XSD.gYear, TIME.unitYear)}
STATUS = {"held": KGO.Held, "planned": KGO.Planned, "cancelled": KGO.Cancelled}
MODE = {"in_person": KGO.InPerson, "phone": KGO.Phone, "video": KGO.Video}
NNI = XSD.nonNegativeInteger


class Iris:
    def __init__(self, base: str = DEFAULT_BASE):
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def __call__(self, path: str) -> URIRef:
        return URIRef(self.base + quote(path, safe="/-_.~"))

    def entity(self, entity_id: str) -> URIRef:
        return self(f"entity/{entity_id}")

    def document(self, doc_id: str) -> URIRef:
        return self(f"doc/{doc_id}")

    def graph(self, doc_id: str) -> URIRef:
        return self(f"graph/{doc_id}")


def bind(graph: Graph) -> None:
    for prefix, namespace in (("kgo", KGO), ("schema", SCHEMA), ("time", TIME), ("sem", SEM), ("prov", PROV),
                              ("skos", SKOS), ("dcterms", DCTERMS), ("xsd", XSD), ("rdfs", RDFS)):
        graph.bind(prefix, namespace)


def text(value: str) -> Literal:
    return Literal(value)


def entity_triples(graph: nx.MultiDiGraph, iris: Iris):
    for entity in entities(graph):
        node = iris.entity(entity.id)
        yield node, RDF.type, KGO[entity.type]
        if entity.type == "Event":  # a named event is also an entity (kgo:Event alone is any dated happening)
            yield node, RDF.type, KGO.Entity
        yield node, RDFS.label, text(entity.label)
        for alias in sorted(entity.aliases):
            yield node, SKOS.altLabel, text(alias)
        for doc_id in sorted(entity.documents):
            yield node, KGO.mentionedIn, iris.document(doc_id)
        for role in entity.roles:
            role_node = iris(f"entity/{entity.id}/role/{slug(role.label)}")
            yield node, KGO.hasRole, role_node
            yield role_node, RDF.type, KGO.Role
            yield role_node, RDFS.label, text(role.label)
            yield role_node, KGO.position, text(role.position)
            if role.of:
                yield role_node, KGO.roleIn, iris.entity(role.of)
        for note in entity.merge_notes:
            yield node, KGO.mergeNote, text(note)


def document_triples(document: Document, iris: Iris):
    node = iris.document(document.id)
    yield node, RDF.type, KGO.Document
    yield node, KGO.sourceFile, text(document.source)
    yield node, KGO.language, text(document.language)
    if document.title:
        yield node, SCHEMA.headline, text(document.title)
    if document.published:
        if "T" in document.published:
            yield node, SCHEMA.datePublished, Literal(document.published[:16] + ":00", datatype=XSD.dateTime)
        else:
            yield node, SCHEMA.datePublished, Literal(document.published, datatype=XSD.date)
    if document.url:
        yield node, SCHEMA.url, Literal(document.url, datatype=XSD.anyURI)
    if document.outlet:
        yield node, KGO.outlet, text(document.outlet)
    if document.dateline:
        yield node, KGO.dateline, text(document.dateline)
    for prop, values in ((KGO.editor, document.editors), (KGO.author, document.authors),
                         (KGO.contributor, document.contributors), (KGO.sourceAgency, document.source_agencies)):
        for value in values:
            yield node, prop, text(value)


def evidence_triples(node: URIRef, evidence: Evidence, iris: Iris):
    yield node, KGO.source, iris.document(evidence.doc_id)
    yield node, KGO.sentence, text(evidence.sentence)
    yield node, KGO.sentenceIndex, Literal(evidence.sentence_index, datatype=NNI)
    yield node, KGO.charStart, Literal(evidence.start, datatype=NNI)
    yield node, KGO.charEnd, Literal(evidence.end, datatype=NNI)


def date_triples(node: URIRef, date: DateValue | None, report_date: str | None):
    if date is not None:
        datatype, unit = PRECISION[date.precision]
        yield node, KGO.date, Literal(date.value, datatype=datatype)
        yield node, KGO.datePrecision, unit
        yield node, KGO.dateExpression, text(date.expression)
    if report_date:
        yield node, KGO.reportDate, Literal(report_date, datatype=XSD.date)


def record_triples(record, iris: Iris):
    node = iris(record.id)
    yield from evidence_triples(node, record.evidence, iris)
    yield from date_triples(node, record.date, record.report_date)
    yield node, KGO.cue, text(record.cue)
    if record.cameo:
        yield node, KGO.cameoCode, text(record.cameo)
    if isinstance(record, Statement):
        yield node, RDF.type, KGO.Statement
        yield node, KGO.speaker, iris.entity(record.speaker)
        for addressee in record.addressees:
            yield node, KGO.addressee, iris.entity(addressee)
        for about in record.about:
            yield node, KGO.about, iris.entity(about)
        yield node, KGO.speechAct, text(record.speech_act)
        if record.quote:
            yield node, KGO.quote, text(record.quote)
        if record.content:
            yield node, KGO.content, text(record.content)
    elif isinstance(record, Meeting):
        yield node, RDF.type, KGO.Meeting
        for participant in record.participants:
            yield node, KGO.participant, iris.entity(participant)
        if record.place:
            yield node, KGO.place, iris.entity(record.place)
        yield node, KGO.status, STATUS[record.status]
        if record.mode:
            yield node, KGO.mode, MODE[record.mode]
    else:
        yield node, RDF.type, KGO.Event
        yield node, KGO.eventType, text(record.event_type)
        for participant in record.participants:
            yield node, KGO.participant, iris.entity(participant)
        if record.place:
            yield node, KGO.place, iris.entity(record.place)


def mention_triples(mention: Mention, document: Document, iris: Iris):
    start = document.raw_offset(mention.start)
    node = iris(f"{mention.doc_id}/mention/{start}-{start + len(mention.text)}")
    yield node, RDF.type, KGO.Mention
    yield node, KGO.refersTo, iris.entity(mention.entity_id)
    yield node, KGO.source, iris.document(mention.doc_id)
    yield node, KGO.text, text(mention.text)
    yield node, KGO.sentenceIndex, Literal(mention.sentence, datatype=NNI)
    yield node, KGO.charStart, Literal(start, datatype=NNI)
    yield node, KGO.charEnd, Literal(start + len(mention.text), datatype=NNI)


def to_dataset(graph: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> Dataset:
    """An rdflib Dataset: entities in the default graph, each article in its own named graph."""
    iris = Iris(base)
    dataset = Dataset()
    bind(dataset)
    default = dataset.default_graph if hasattr(dataset, "default_graph") else dataset.default_context
    for triple in entity_triples(graph, iris):
        default.add(triple)
    for value, individual in (*STATUS.items(), *MODE.items()):  # labels, so queries read without the ontology
        default.add((individual, RDFS.label, text(value)))
    documents: dict[str, Document] = graph.graph["documents"]
    per_doc: dict[str, Graph] = {}
    for doc_id in sorted(documents):
        per_doc[doc_id] = dataset.graph(iris.graph(doc_id))
        for triple in document_triples(documents[doc_id], iris):
            per_doc[doc_id].add(triple)
    for mention in graph.graph["mentions"]:
        for triple in mention_triples(mention, documents[mention.doc_id], iris):
            per_doc[mention.doc_id].add(triple)
    for record in records(graph):
        for triple in record_triples(record, iris):
            per_doc[record.evidence.doc_id].add(triple)
    return dataset


def to_graph(dataset: Dataset) -> Graph:
    """All triples of a dataset in one graph (for graph.ttl)."""
    merged = Graph()
    bind(merged)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        merged.add((s, p, o))
    return merged
