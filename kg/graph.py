"""Stage 6, graph: the corpus as a networkx MultiDiGraph that every exporter reads.

Nodes are entities (attribute ``entity`` holds the Entity record). Edges are dated facts, keyed by
``<record id>#<n>`` and carrying the record (Statement, Meeting or Event) in ``record``:
- a statement is an edge from the speaker to each addressee; with no addressee, to each entity it is
  about; with neither, a self-loop on the speaker (the statement still has a node of its own in RDF);
- a meeting is an edge from its first participant (the subject, when the text names one) to each
  other participant; a one-party meeting links the party to the place, or loops on it;
- an event is drawn like a meeting; an event with only a place loops on the place.
The graph also holds the documents and mentions (``graph.graph``) for provenance.
"""
from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from .kinds import kind_of
from .model import Corpus, Entity, Record


def build_graph(corpus: Corpus) -> nx.MultiDiGraph:
    graph = entity_graph(corpus.entities, documents=corpus.documents, mentions=corpus.mentions)
    for record in sorted(corpus.records(), key=lambda r: r.id):
        add_fact(graph, record, record.date.value if record.date else None, record_edges(record))
    return graph


def entity_graph(entities: dict[str, Entity], **attributes: object) -> nx.MultiDiGraph:
    """A graph of the entities alone (graph attributes as given), for the facts' edges to be added to."""
    graph = nx.MultiDiGraph(**attributes)
    for entity_id, entity in sorted(entities.items()):
        graph.add_node(entity_id, entity=entity, type=entity.type, label=entity.label,
                       aliases=sorted(entity.aliases), mentions=entity.mention_count)
    return graph


def add_fact(graph: nx.MultiDiGraph, record: Record, date: str | None, edges: list[tuple[str, str, str]],
             keep: set[str] | None = None) -> None:
    """The edges of one fact, keyed ``<record id>#<n>`` (those between entities of `keep`, if given), carrying the
    record (a model record, or what the page keeps of one, kg.export.html.PageRecord: both have id and kind)."""
    for n, (source, target, role) in enumerate(edges):
        if keep is None or (source in keep and target in keep):
            graph.add_edge(source, target, key=f"{record.id}#{n}", kind=record.kind, role=role, record=record,
                           date=date)


def record_edges(record: Record) -> list[tuple[str, str, str]]:
    """(source, target, role) edges of a record, as its kind draws them (see kg/kinds)."""
    return kind_of(record).edges(record)


def entities(graph: nx.MultiDiGraph) -> list[Entity]:
    return [data["entity"] for _, data in sorted(graph.nodes(data=True))]


def records(graph: nx.MultiDiGraph) -> Iterator[Record]:
    """Each statement, meeting and event once, in id order."""
    seen: dict[str, Record] = {}
    for _, _, data in graph.edges(data=True):
        seen.setdefault(data["record"].id, data["record"])
    yield from (seen[k] for k in sorted(seen))
