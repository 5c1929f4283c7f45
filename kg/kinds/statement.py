"""Statements: a speaker says something to addressees or about entities (speech cues, CAMEO 01-02 ...)."""
from __future__ import annotations

from ..model import Statement
from . import FactKind, Style, register


@register
class StatementKind(FactKind):
    name = "statement"
    order = 10
    record_type = Statement
    data_files = ("speech_cues.tsv", "speech_nouns.tsv", "addressee_markers.txt", "complementizers.txt")
    ontology_class = "kgo:Statement"
    shape = "kgs:StatementShape"
    style = Style("#6b6b6b", arrows="to", width=None)

    def extract(self, context, sentence) -> list:
        from ..extract.statements import statements_in_sentence
        return statements_in_sentence(context, sentence)

    def record(self, draft, actors, place, report_date):
        from ..resolve import unique_ids
        if not actors:
            return None
        addressees = [a for a in unique_ids(m.entity_id for m in draft.addressees) if a != actors[0]]
        about = [a for a in unique_ids(m.entity_id for m in draft.about) if a not in actors]
        return Statement(draft.id, actors[0], draft.evidence, draft.cue, draft.attrs.get("speech_act") or "say",
                         draft.attrs.get("cameo"), addressees, about, draft.attrs.get("quote"),
                         draft.attrs.get("content"), draft.date, report_date,
                         refers_back=bool(draft.attrs.get("refers_back")), news_day=draft.news_day,
                         occasion=draft.occasion)

    def edges(self, record):
        if record.addressees:
            return [(record.speaker, a, "addressee") for a in record.addressees]
        if record.about:
            return [(record.speaker, a, "about") for a in record.about]
        return [(record.speaker, record.speaker, "self")]

    def triples(self, record, iris):
        from ..export.rdf import KGO, TYPE, text
        node = iris(record.id)
        yield node, TYPE, KGO.Statement
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

    def panel(self, record):
        return dict(speaker=record.speaker, addressees=list(record.addressees), about=list(record.about),
                    act=record.speech_act, quote=record.quote, content=record.content)

    def participants(self, record):
        return [record.speaker]
