"""Measure a build against gold annotations, fact by fact and rule by rule (``kg eval``).

Gold files are JSON, one per article, in the schema of the benchmark kg is developed on: ``id`` (a part of the
article id), ``published``, ``entities`` (name, type, aliases), ``optional_entities``, ``statements`` (speaker,
date, addressee, cue), ``meetings`` (participants, date, place, mode, status, cue) and ``must_not`` (names that
must not become nodes). The matching follows that benchmark's scorer: an entity matches by its name or an alias;
a statement by its speaker, an acceptable date and the cue's words in its sentence, one predicted statement for
one gold statement; a meeting by participants (Jaccard >= 0.5) and an acceptable date. A gold fact without a date
accepts none (or the publication date, or a date in its ``date_approx`` month).

Besides precision and recall, the report judges each rule on the corpus instead of on the sentence it was
written for: for every speech cue, meeting trigger, title, date basis (the date pattern of the fact's sentence,
or the rule that carried a date over) and chrome rule, how often it fired and how often what it made was right.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .model import Corpus, Document, Meeting, Statement

RIGHT, DATE_WRONG, WRONG = "right", "date wrong", "wrong"
OPTIONAL = "optional"  # matched a gold fact that is neither required nor wrong to find: counted in no figure


class GoldError(Exception):
    """A gold folder or file that cannot be used (printed as one line)."""


def norm(text: str) -> str:
    """Case, accents, punctuation and spacing folded away, as the benchmark compares names and cues."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def date_of(value: str | None) -> str | None:
    match = re.match(r"^(\d{4})(-\d{2})?(-\d{2})?", value or "")
    return "".join(g for g in match.groups() if g) if match else None


@dataclass
class GoldDocument:
    id: str
    published: str | None
    names: dict[str, set[str]]  # gold entity name -> its normalized name and aliases
    types: dict[str, str]
    optional: set[str]
    statements: list[dict]
    meetings: list[dict]
    must_not: list[str]

    @classmethod
    def from_json(cls, data: dict) -> GoldDocument:
        names: dict[str, set[str]] = {}
        types: dict[str, str] = {}
        optional = set()
        for entity in data.get("entities", []):
            names[entity["name"]] = {norm(entity["name"])} | {norm(a) for a in entity.get("aliases", [])}
            types[entity["name"]] = entity.get("type", "")
            if entity.get("optional"):
                optional.add(entity["name"])
        for name in data.get("optional_entities", []):  # names that may or may not be found
            if name not in names:
                names[name] = {norm(name)}
                optional.add(name)
        return cls(str(data["id"]), data.get("published"), names, types, optional, data.get("statements", []),
                   data.get("meetings", []), data.get("must_not", []))

    def resolve(self, labels: set[str]) -> str | None:
        """The gold entity named by one of these (normalized) labels: by its name first, then by an alias."""
        return next((n for n in self.names if norm(n) in labels), None) \
            or next((n for n, forms in self.names.items() if forms & labels), None)

    def date_ok(self, fact: dict, predicted: str | None) -> bool:
        gold = fact.get("date")
        if gold is None:
            approx = fact.get("date_approx")
            return predicted is None or predicted == self.published or bool(
                approx and predicted and (predicted.startswith(approx) or approx.startswith(predicted)))
        if predicted is None:
            return False
        return predicted.startswith(gold) if len(gold) < 10 else predicted == gold


def load_gold(folder: str | Path) -> dict[str, GoldDocument]:
    folder = Path(folder)
    if not folder.is_dir():
        raise GoldError(f"{folder}: no such gold folder")
    gold = {}
    for path in sorted(folder.glob("*.json")):
        try:
            document = GoldDocument.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, AttributeError) as err:
            raise GoldError(f"{path}: not a gold annotation ({err.__class__.__name__}: {err})") from err
        gold[document.id] = document
    if not gold:
        raise GoldError(f"{folder}: no gold files (*.json)")
    return gold


def cue_in(cue: str, sentence: str) -> bool:
    """Most of the gold cue's words are in the sentence (sentence splits and punctuation may differ)."""
    words, have = norm(cue).split(), set(norm(sentence).split())
    return bool(words) and sum(w in have for w in words) >= max(1, round(0.7 * len(words)))


def prf(right: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = right / predicted if predicted else (1.0 if not gold else 0.0)
    recall = right / gold if gold else 1.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


@dataclass
class DocumentResult:
    """What matched in one article: verdicts of the predicted facts, and the gold facts nothing matched."""

    entities: dict[str, str | None] = field(default_factory=dict)  # entity id -> gold name (None: spurious)
    missed_entities: list[str] = field(default_factory=list)
    statements: dict[str, str] = field(default_factory=dict)  # statement id -> RIGHT | DATE_WRONG | WRONG
    missed_statements: list[str] = field(default_factory=list)
    meetings: dict[str, str] = field(default_factory=dict)
    missed_meetings: list[str] = field(default_factory=list)
    must_not: list[str] = field(default_factory=list)
    gold_counts: Counter = field(default_factory=Counter)  # required gold facts by kind


class Evaluation:
    """A resolved corpus judged against gold documents (those whose id is part of an article id)."""

    def __init__(self, corpus: Corpus, gold: dict[str, GoldDocument]):
        self.corpus = corpus
        self.gold = gold
        self.labels = {e.id: {norm(e.label)} | {norm(a) for a in e.aliases} for e in corpus.entities.values()}
        self.article_of = {g: next((d for d in corpus.documents if g in d), None) for g in gold}
        self.results: dict[str, DocumentResult] = {}
        statements, meetings = defaultdict(list), defaultdict(list)
        for statement in corpus.statements:
            statements[statement.evidence.doc_id].append(statement)
        for meeting in corpus.meetings:
            meetings[meeting.evidence.doc_id].append(meeting)
        mentioned = defaultdict(list)
        for mention in corpus.mentions:
            if mention.entity_id and mention.entity_id not in mentioned[mention.doc_id]:
                mentioned[mention.doc_id].append(mention.entity_id)
        for gold_id, document in gold.items():
            article = self.article_of[gold_id]
            result = self.results[gold_id] = DocumentResult()
            self.match_entities(document, mentioned.get(article, []), result)
            self.match_statements(document, statements.get(article, []), result)
            self.match_meetings(document, meetings.get(article, []), result)

    def who(self, document: GoldDocument, entity_id: str) -> str:
        labels = self.labels.get(entity_id, set())
        return document.resolve(labels) or "?" + (min(labels) if labels else entity_id)

    def match_entities(self, document: GoldDocument, entity_ids: list[str], result: DocumentResult) -> None:
        free = list(entity_ids)
        for by_name in (True, False):
            for name, forms in document.names.items():
                if name in result.entities.values():
                    continue
                keys = {norm(name)} if by_name else forms
                hit = next((e for e in free if self.labels.get(e, set()) & keys), None)
                if hit is not None:
                    free.remove(hit)
                    result.entities[hit] = name
        result.entities.update({e: None for e in free})
        found = set(result.entities.values())
        result.missed_entities = [n for n in document.names if n not in document.optional and n not in found]
        result.gold_counts["entities"] = len(document.names) - len(document.optional)
        result.must_not = [m for m in document.must_not
                           if any(norm(m) in label for e in entity_ids for label in self.labels.get(e, set()))]

    def match_statements(self, document: GoldDocument, statements: list[Statement], result: DocumentResult) -> None:
        def optional(fact: dict) -> bool:
            return bool(fact.get("optional") or fact.get("embedded"))

        gold = sorted(document.statements, key=optional)  # required ones first
        speakers = {s.id: self.who(document, s.speaker) for s in statements}
        date = {s.id: s.date.value if s.date else None for s in statements}
        free = sorted(statements, key=lambda s: s.id)
        left = list(gold)
        # with the cue's words, then without; then the same speaker with a wrong date (a date miss, not a new fact)
        for test in ("cue", "date", "speaker"):
            unmatched = []
            for fact in left:
                hit = next((s for s in free if speakers[s.id] == fact["speaker"]
                            and (test == "speaker" or document.date_ok(fact, date_of(date[s.id])))
                            and (test != "cue" or cue_in(fact.get("cue", ""), s.evidence.sentence))), None)
                if hit is None:
                    unmatched.append(fact)
                    continue
                free.remove(hit)
                result.statements[hit.id] = DATE_WRONG if test == "speaker" else OPTIONAL if optional(fact) else RIGHT
                if test == "speaker" and not optional(fact):
                    result.missed_statements.append(f"{fact['speaker']} @ {fact.get('date')} [{fact.get('cue', '')}]"
                                                    f" (dated {date[hit.id]})")
            left = unmatched
        result.statements.update({s.id: WRONG for s in free})
        result.missed_statements += [f"{f['speaker']} @ {f.get('date')} [{f.get('cue', '')}]"
                                     for f in left if not optional(f)]
        result.gold_counts["statements"] = sum(not optional(f) for f in gold)

    def match_meetings(self, document: GoldDocument, meetings: list[Meeting], result: DocumentResult) -> None:
        sides = {m.id: {self.who(document, p) for p in m.participants} for m in meetings}
        free = sorted(meetings, key=lambda m: m.id)
        left = list(document.meetings)
        for dated in (True, False):
            unmatched = []
            for fact in left:
                gold_sides = set(fact["participants"])
                hit = next((m for m in free if len(gold_sides & sides[m.id]) / len(gold_sides | sides[m.id]) >= 0.5
                            and (not dated or document.date_ok(fact, m.date.value if m.date else None))), None)
                if hit is None:
                    unmatched.append(fact)
                    continue
                free.remove(hit)
                result.meetings[hit.id] = DATE_WRONG if not dated else OPTIONAL if fact.get("optional") else RIGHT
                if not dated and not fact.get("optional"):
                    result.missed_meetings.append(f"{sorted(gold_sides)} @ {fact.get('date')} "
                                                  f"(dated {hit.date.value if hit.date else None})")
            left = unmatched
        result.meetings.update({m.id: WRONG for m in free})
        result.missed_meetings += [f"{sorted(f['participants'])} @ {f.get('date')}" for f in left
                                   if not f.get("optional")]
        result.gold_counts["meetings"] = sum(not f.get("optional") for f in document.meetings)

    # -- figures ---------------------------------------------------------------------------
    def figures(self) -> dict[str, tuple[float, float, float, int, int, int]]:
        """Per kind: precision, recall, F1, right, predicted, gold (required facts only)."""
        totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for gold_id, result in self.results.items():
            optional = self.gold[gold_id].optional
            types = self.gold[gold_id].types
            for kind, verdicts in (("entities", None), ("entities typed", None), ("statements", result.statements),
                                   ("meetings", result.meetings)):
                if verdicts is None:
                    matched = [(e, n) for e, n in result.entities.items() if n is not None and n not in optional]
                    right = sum(1 for e, n in matched if kind == "entities"
                                or self.corpus.entities[e].type.casefold() == types.get(n, "").casefold())
                    predicted = len(matched) + sum(1 for n in result.entities.values() if n is None)
                else:
                    right = sum(v == RIGHT for v in verdicts.values())
                    predicted = sum(v != OPTIONAL for v in verdicts.values())
                totals[kind][0] += right
                totals[kind][1] += predicted
                totals[kind][2] += result.gold_counts[kind.split()[0]]
        return {kind: (*prf(*counts), *counts) for kind, counts in totals.items()}

    def verdict(self, record_id: str) -> str | None:
        for result in self.results.values():
            found = result.statements.get(record_id) or result.meetings.get(record_id)
            if found:
                return found
        return None

    # -- rules -----------------------------------------------------------------------------
    def rules(self) -> dict[str, list[RuleCount]]:
        """How often each rule fired on the gold articles and how often what it made was right."""
        judged = set(self.article_of.values())
        verdicts = {k: v for r in self.results.values() for k, v in (*r.statements.items(), *r.meetings.items())}
        tables: dict[str, dict[str, RuleCount]] = defaultdict(dict)

        def count(kind: str, rule: str, verdict: str) -> None:
            tables[kind].setdefault(rule, RuleCount(rule)).add(verdict)

        records = [r for r in (*self.corpus.statements, *self.corpus.meetings) if r.evidence.doc_id in judged]
        for record in records:
            verdict = verdicts.get(record.id, WRONG)
            kind = "speech cue" if isinstance(record, Statement) else "meeting trigger"
            count(kind, record.cue.casefold(), verdict)
            if verdict != WRONG:  # the fact is there: judge how it was dated
                count("date basis", record.date.basis or "?" if record.date else "(no date)", verdict)
        gold_of = {self.article_of[g]: g for g in self.gold}
        for mention in self.corpus.mentions:
            if mention.position and mention.doc_id in gold_of and mention.source != "pronoun":
                named = self.results[gold_of[mention.doc_id]].entities.get(mention.entity_id) \
                    if mention.entity_id else None
                count("title", mention.position + (" (title only)" if mention.title_only else ""),
                      RIGHT if named else WRONG)
        for document in self.corpus.documents.values():
            if document.id in gold_of:
                for rule, line in chrome_trace(document):
                    count("chrome rule", rule,
                          WRONG if self.holds_gold(gold_of[document.id], line, document.text) else RIGHT)
        return {kind: sorted(rows.values(), key=lambda r: (-r.fired, r.rule)) for kind, rows in tables.items()}

    def holds_gold(self, gold_id: str, line: str, kept: str) -> bool:
        """A dropped line held something the gold needs and the kept text lacks: a required entity's name or a
        statement's cue."""
        document = self.gold[gold_id]
        words, rest = f" {norm(line)} ", f" {norm(kept)} "
        names = [n for n in document.names if n not in document.optional]
        return any(f" {norm(n)} " in words and f" {norm(n)} " not in rest for n in names) or any(
            cue_in(s.get("cue", ""), line) and not cue_in(s.get("cue", ""), kept) for s in document.statements)


def chrome_trace(document: Document) -> list[tuple[str, str]]:
    """The lines cleaning dropped from an article and the rule that dropped each (cleaned again from the raw text,
    with the metadata the reader gave)."""
    from . import lang as language
    from .clean import clean

    fresh = Document(document.id, document.source, document.raw_text, title=document.title,
                     published=document.published, url=document.url, outlet=document.outlet)
    trace: list[tuple[str, str]] = []
    clean(fresh, language.load(document.language), trace)
    return trace


@dataclass
class RuleCount:
    rule: str
    fired: int = 0
    right: int = 0
    date_wrong: int = 0

    def add(self, verdict: str) -> None:
        self.fired += 1
        self.right += verdict in (RIGHT, OPTIONAL)
        self.date_wrong += verdict == DATE_WRONG


def format_report(evaluation: Evaluation, documents: bool = True, rules: bool = True) -> str:
    lines: list[str] = []
    if documents:
        for gold_id, result in evaluation.results.items():
            lines.append(f"== {gold_id}")
            spurious_entities = sorted(min(evaluation.labels.get(e, {e})) for e, n in result.entities.items()
                                       if n is None)
            for title, missed, spurious in (
                    ("entities", result.missed_entities, spurious_entities),
                    ("statements", result.missed_statements, spurious_facts(evaluation, result.statements)),
                    ("meetings", result.missed_meetings, spurious_facts(evaluation, result.meetings))):
                if missed:
                    lines.append(f"  {title} missed:   {missed}")
                if spurious:
                    lines.append(f"  {title} spurious: {spurious}")
            if result.must_not:
                lines.append(f"  must_not violated: {result.must_not}")
    lines.append("== overall")
    for kind, (precision, recall, f1, right, predicted, gold) in evaluation.figures().items():
        lines.append(f"  {kind:14s} P={precision:.3f} R={recall:.3f} F1={f1:.3f}  "
                     f"(right {right}, predicted {predicted}, gold {gold})")
    lines.append(f"  must_not violations: {sum(len(r.must_not) for r in evaluation.results.values())}")
    if rules:
        for kind, rows in evaluation.rules().items():
            lines.append(f"== rules: {kind} (fired / right / date wrong / precision)")
            lines += [f"  {row.rule[:40]:40s} {row.fired:4d} {row.right:4d} {row.date_wrong:4d}  "
                      f"{row.right / row.fired:.2f}" for row in rows]
    return "\n".join(lines) + "\n"


def spurious_facts(evaluation: Evaluation, verdicts: dict[str, str]) -> list[str]:
    records = {r.id: r for r in (*evaluation.corpus.statements, *evaluation.corpus.meetings)}
    found = []
    for record_id, verdict in sorted(verdicts.items()):
        if verdict != WRONG:
            continue
        record = records[record_id]
        actors = [record.speaker] if isinstance(record, Statement) else record.participants
        names = "+".join(min(evaluation.labels.get(a, {a})) for a in actors)
        found.append(f"{names} @ {record.date.value if record.date else None} [{record.evidence.sentence[:50]}]")
    return found


def evaluate(inputs: Iterable[str | Path], gold_folder: str | Path, lang_code: str = "id") -> Evaluation:
    """Build the inputs in memory (no files written) and judge the build against the gold folder."""
    from .pipeline import run_pipeline
    from .settings import Settings

    gold = load_gold(gold_folder)
    result = run_pipeline(list(inputs), Settings(lang_code, progress=False))
    return Evaluation(result.corpus, gold)
