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
    graph = nx.MultiDiGraph(documents=corpus.documents, mentions=corpus.mentions)
    for entity_id, entity in sorted(corpus.entities.items()):
        graph.add_node(entity_id, entity=entity, type=entity.type, label=entity.label,
                       aliases=sorted(entity.aliases), mentions=entity.mention_count)
    for record in sorted(corpus.records(), key=lambda r: r.id):
        for n, (source, target, role) in enumerate(record_edges(record)):
            graph.add_edge(source, target, key=f"{record.id}#{n}", kind=record.kind, role=role, record=record,
                           date=record.date.value if record.date else None)
    return graph


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
