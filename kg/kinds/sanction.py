"""Sanctions and other coercive measures: an actor imposes (or threatens) a measure on a target, on a date.

Triggers come from the language's ``sanction_triggers.tsv`` (an optional file: a language without it has no
sanctions): word patterns with the measure, its status and its CAMEO code, and the words that introduce the
target ("terhadap", "kepada"). The actor is the subject before the trigger; the target is the first actor named
after the trigger, right after it ("mengusir diplomat Rusia") or after a target word, within a few words. The
date is the trigger's own, resolved with the other facts of the article. A sanction is an edge actor -> target.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..lang import read_table
from ..model import DateValue, Evidence
from . import FactKind, Style, register

DATA_FILE = "sanction_triggers.tsv"
TARGET_REACH = 6  # words between the trigger's end and the target's name
MODIFIER_REACH = 2  # lower-case words allowed right after the trigger before the name ("sanksi baru terhadap")


@dataclass(slots=True)
class Sanction:
    id: str
    actor: str  # entity id
    target: str  # entity id
    evidence: Evidence
    cue: str
    measure: str = "sanctions"
    status: str = "imposed"  # imposed | threatened | planned
    cameo: str | None = None
    date: DateValue | None = None
    report_date: str | None = None
    kind: str = "sanction"

    @property
    def participants(self) -> list[str]:
        return [self.actor, self.target]


@dataclass(frozen=True, slots=True)
class Trigger:
    words: tuple[str, ...]
    measure: str
    status: str
    cameo: str


@dataclass(frozen=True, slots=True)
class SanctionAttrs:
    """What a sanction draft carries besides its mentions."""

    measure: str
    status: str
    cameo: str

    def get(self, name: str, default=None):  # drafts are read like the other kinds' attrs
        return getattr(self, name, default)


@lru_cache(maxsize=8)
def triggers(folder: Path) -> tuple[dict[str, list[Trigger]], frozenset[str]]:
    """Triggers by first word, longest first, and the target words of the language in `folder`."""
    rows = read_table(folder / DATA_FILE, ("pattern", "role"))
    by_first: dict[str, list[Trigger]] = {}
    for row in rows:
        if row["role"] == "trigger":
            words = tuple(row["pattern"].casefold().split())
            by_first.setdefault(words[0], []).append(Trigger(words, row["measure"], row["status"], row["cameo"]))
    for found in by_first.values():
        found.sort(key=lambda t: -len(t.words))
    return by_first, frozenset(r["pattern"].casefold() for r in rows if r["role"] == "target")


def match(lower: list[str], k: int, stop: int, candidates: list[Trigger], lang) -> Trigger | None:
    """The longest trigger at word k (its last word may carry a clitic: "sanksinya")."""
    for trigger in candidates:
        end = k + len(trigger.words)
        if end <= stop and all(lower[k + i] == w or (k + i == end - 1 and lang.without_clitic(lower[k + i]) == w)
                               for i, w in enumerate(trigger.words)):
            return trigger
    return None


def target_after(context, actor, start: int, stop: int, target_words: frozenset[str]):
    """The first actor named within TARGET_REACH words after the trigger (not the actor itself)."""
    modifiers = 0
    for j in range(start, min(stop, start + TARGET_REACH)):
        mention = context.by_start.get(j)
        if mention is not None:
            if context.is_actor(mention) and (actor is None or mention.entity_id != actor.entity_id
                                              or mention.text != actor.text):
                return mention
            return None
        word = context.lower[j]
        if word in target_words:
            continue
        if not (word.isalpha() and not context.words[j][:1].isupper()) or modifiers >= MODIFIER_REACH:
            return None
        modifiers += 1
    return None


@register
class SanctionKind(FactKind):
    name = "sanction"
    order = 40
    record_type = Sanction
    attrs_type = SanctionAttrs
    data_files = (DATA_FILE,)
    ontology_class = "kgo:Sanction"
    shape = "kgs:SanctionShape"
    style = Style("#7b2cbf", arrows="to", listed_when_absent=False)

    def extract(self, context, sentence) -> list:
        from ..extract.events import actor_before
        by_first, target_words = triggers(context.lang.folder)
        if not by_first:
            return []
        from ..dating import date_near
        start, stop = sentence.tokens
        quoted = context.quoted(sentence)
        drafts = []
        k = start
        while k < stop:
            trigger = match(context.lower, k, stop, by_first.get(context.lower[k], ()), context.lang)
            if trigger is None or k in quoted:
                k += 1
                continue
            end = k + len(trigger.words)
            actor = actor_before(context, sentence, k)
            target = target_after(context, actor, end, stop, target_words)
            if actor is not None and target is not None:
                status = trigger.status
                future = k > start and context.lower[k - 1] in context.lang.future_markers
                if future and status == "imposed":
                    status = "planned"
                date = date_near(context, sentence, k, end, (start, stop), future)
                drafts.append(context.draft(self.name, sentence, k, end, [actor], addressees=[target], date=date,
                                            attrs=SanctionAttrs(trigger.measure, status, trigger.cameo)))
            k = end
        return drafts

    def record(self, draft, actors, place, report_date):
        from ..resolve import unique_ids
        targets = [t for t in unique_ids(m.entity_id for m in draft.addressees) if t not in actors]
        if not actors or not targets:
            return None
        attrs = draft.attrs
        return Sanction(draft.id, actors[0], targets[0], draft.evidence, draft.cue, attrs.measure, attrs.status,
                        attrs.cameo, draft.date, report_date)

    def edges(self, record):
        return [(record.actor, record.target, "target")]

    def triples(self, record, iris):
        from ..export.rdf import KGO, TYPE, text
        node = iris(record.id)
        yield node, TYPE, KGO.Sanction
        yield node, KGO.actor, iris.entity(record.actor)
        yield node, KGO.target, iris.entity(record.target)
        yield node, KGO.measure, text(record.measure)
        yield node, KGO.sanctionStatus, text(record.status)

    def panel(self, record):
        # the page's fact cards show any kind's "participants" and "type": given as data, explorer.js is unchanged
        return dict(actor=record.actor, target=record.target, measure=record.measure, status=record.status,
                    participants=record.participants, type=f"{record.measure}, {record.status}")
