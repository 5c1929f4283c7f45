"""Meetings: talks between participants, held, planned or cancelled, in person, by phone or video."""
from __future__ import annotations

from ..model import Meeting
from . import FactKind, Style, register


def party_edges(record) -> list[tuple[str, str, str]]:
    """A meeting or event: from its first participant to each other; one party links to the place or loops."""
    parties = record.participants or [record.place]  # an event may have only a place
    if len(parties) > 1:
        return [(parties[0], other, "participant") for other in parties[1:]]
    if record.place and record.place != parties[0]:
        return [(parties[0], record.place, "place")]
    return [(parties[0], parties[0], "self")]


def party_triples(record, iris):
    from ..export.rdf import KGO
    node = iris(record.id)
    for participant in record.participants:
        yield node, KGO.participant, iris.entity(participant)
    if record.place:
        yield node, KGO.place, iris.entity(record.place)


@register
class MeetingKind(FactKind):
    name = "meeting"
    order = 20
    record_type = Meeting
    data_files = ("meeting_triggers.tsv", "meeting_status.tsv", "meeting_modes.tsv", "meeting_markers.tsv")
    ontology_class = "kgo:Meeting"
    shape = "kgs:MeetingShape"
    style = Style("#1b998b")

    def extract(self, context, sentence) -> list:
        from ..extract.meetings import meetings_in_sentence
        return meetings_in_sentence(context, sentence)

    def record(self, draft, actors, place, report_date):
        completion = draft.attrs.get("completion") or ("visit" if draft.attrs.get("destination") else None)
        if not actors and completion not in ("plural", "definite"):
            return None  # fewer than two parties: merge_meetings completes them from the article or drops it
        return Meeting(draft.id, actors, draft.evidence, draft.cue, draft.attrs.get("status") or "held",
                       draft.attrs.get("mode"), place, draft.attrs.get("cameo"), draft.date, report_date,
                       completion=completion, past=bool(draft.attrs.get("past")))

    def merge(self, records, entities):
        from ..resolve import merge_meetings
        return merge_meetings(records, entities)

    def edges(self, record):
        return party_edges(record)

    def triples(self, record, iris):
        from ..export.rdf import KGO, MODE, STATUS, TYPE
        node = iris(record.id)
        yield node, TYPE, KGO.Meeting
        yield from party_triples(record, iris)
        yield node, KGO.status, STATUS[record.status]
        if record.mode:
            yield node, KGO.mode, MODE[record.mode]

    def panel(self, record):
        return dict(participants=list(record.participants), status=record.status, mode=record.mode,
                    place=record.place)
