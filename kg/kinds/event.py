"""Other dated events: embassy closures, recognitions, troop build-ups, invasions, exercises ..."""
from __future__ import annotations

from ..model import Event
from . import FactKind, Style, register
from .meeting import party_edges, party_triples


@register
class EventKind(FactKind):
    name = "event"
    order = 30
    record_type = Event
    data_files = ("event_triggers.tsv", "event_markers.tsv")
    ontology_class = "kgo:Event"
    shape = "kgs:EventShape"
    style = Style("#c5283d")
    acting = False  # resolution keeps weak names and offices only where they act

    def extract(self, context, sentence) -> list:
        from ..extract.events import events_in_sentence
        return events_in_sentence(context, sentence)

    def record(self, draft, actors, place, report_date):
        if not (actors or place):
            return None
        return Event(draft.id, draft.attrs.get("event_type") or "event", actors, draft.evidence, draft.cue, place,
                     draft.attrs.get("cameo"), draft.date, report_date)

    def edges(self, record):
        return party_edges(record)

    def triples(self, record, iris):
        from ..export.rdf import KGO, TYPE, text
        node = iris(record.id)
        yield node, TYPE, KGO.Event
        yield node, KGO.eventType, text(record.event_type)
        yield from party_triples(record, iris)

    def panel(self, record):
        return dict(participants=list(record.participants), type=record.event_type, place=record.place)
