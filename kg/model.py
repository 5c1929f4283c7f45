"""The one data model of kg: documents, entities, mentions, statements, meetings, events.

Every stage after reading fills these records; the graph builder turns them into a
networkx MultiDiGraph and every exporter reads that graph. Character offsets always
point into ``Document.raw_text`` (the article text as read), so a user can check any
fact against the source with ``raw_text[start:end]``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

ENTITY_TYPES = ("Person", "Organization", "Country", "Place", "Event")


@dataclass(slots=True)
class Document:
    """One news article after reading and cleaning."""

    id: str
    source: str  # file the article came from (with ":line" for JSONL)
    raw_text: str  # text as read (decoded file, JSONL field, or trafilatura's main text)
    text: str = ""  # cleaned body text, analysed by the pipeline
    # cleaned-text offset -> raw-text offset, one (clean_start, raw_start, length) triple per kept line
    segments: list[tuple[int, int, int]] = field(default_factory=list)
    title: str | None = None
    published: str | None = None  # ISO date or date-time
    published_basis: str | None = None  # where the date came from: metadata, text, html
    url: str | None = None
    outlet: str | None = None
    dateline: str | None = None  # place of the dateline, e.g. "WASHINGTON"
    editors: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    contributors: list[str] = field(default_factory=list)
    source_agencies: list[str] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)  # extra metadata.csv / JSONL columns
    language: str = "id"
    removed_lines: int = 0  # page-chrome lines dropped by cleaning
    headline_end: int = 0  # the cleaned text starts with the headline up to this offset (0: no headline)
    date_conflicts: list[str] = field(default_factory=list)  # dates the text contradicts: flagged, not guessed

    def raw_offset(self, clean_offset: int) -> int:
        """Map an offset in the cleaned text to the raw text."""
        for clean_start, raw_start, length in reversed(self.segments):
            if clean_offset >= clean_start:
                return raw_start + min(clean_offset - clean_start, length)
        return clean_offset

    @property
    def published_date(self) -> str | None:
        return self.published[:10] if self.published else None


@dataclass(slots=True)
class Sentence:
    doc_id: str
    index: int
    start: int  # offsets in Document.text
    end: int
    text: str
    tokens: tuple[int, int] = (0, 0)  # token span in the analysed spaCy Doc (analysis-internal)
    paragraph: int = 0


@dataclass(slots=True)
class Mention:
    """A span of a document's cleaned text that names (or stands for) an entity."""

    doc_id: str
    sentence: int
    start: int  # offsets in Document.text
    end: int
    text: str
    type: str  # one of ENTITY_TYPES
    source: str = "rule"  # what found it: gazetteer, title, name, ner
    role: str | None = None  # title text in front of a person, e.g. "Menteri Luar Negeri AS"
    position: str | None = None  # the title's position, e.g. "Menteri Luar Negeri"
    role_of: str | None = None  # the title's organization or country surface form, e.g. "AS"
    canonical: str | None = None  # a gazetteer's canonical name, when the gazetteer found it
    title_only: bool = False  # "Presiden Rusia" with no name: resolved to a person or dropped
    entity_id: str | None = None  # set by resolution
    tokens: tuple[int, int] = (0, 0)  # token span in the analysed spaCy Doc (analysis-internal)
    weak: bool = False  # a bare capitalised word: kept only if resolution can support it
    antecedent: Mention | None = None  # for pronouns ("ia", "dia", "-nya"): the named mention they stand for
    acting: bool = False  # speaker, addressee or participant of a statement or meeting (set by extraction)


@dataclass(slots=True)
class Role:
    position: str
    label: str
    of: str | None = None  # entity id of the organization or country


@dataclass(slots=True)
class Entity:
    id: str
    type: str
    label: str
    aliases: set[str] = field(default_factory=set)
    roles: list[Role] = field(default_factory=list)
    documents: set[str] = field(default_factory=set)
    mention_count: int = 0
    merge_notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class DateValue:
    """A resolved date at its real precision: 'day' (2022-02-14), 'month' (2022-02) or 'year'.

    During extraction a date may be 'pending': "sehari setelah ..." with no anchor in its sentence;
    resolution anchors it on the article's last dated statement or drops it, so no pending date is exported.
    """

    value: str
    precision: str
    expression: str
    anchor_days: int | None = None  # pending only: days from the anchor
    anaphor: bool = False  # pending only: "setelah itu" points back to a happening, not a statement
    basis: str = ""  # how the fact got it: the date pattern of its own sentence, or the rule that carried it over


@dataclass(slots=True)
class Evidence:
    """Where a fact was read: document, sentence and characters (offsets into the raw text)."""

    doc_id: str
    sentence_index: int
    sentence: str
    start: int
    end: int


@dataclass(slots=True)
class Statement:
    id: str
    speaker: str  # entity id
    evidence: Evidence
    cue: str
    speech_act: str = "say"
    cameo: str | None = None
    addressees: list[str] = field(default_factory=list)
    about: list[str] = field(default_factory=list)
    quote: str | None = None
    content: str | None = None
    date: DateValue | None = None
    report_date: str | None = None
    kind: str = "statement"
    refers_back: bool = False  # "pengumuman itu": the statement is one the article reported before
    news_day: DateValue | None = None  # the lead's day, for a person's statement the text does not date
    occasion: str = ""  # said in a "meeting" the text reported, through a "channel", or a "past report"


@dataclass(slots=True)
class Meeting:
    id: str
    participants: list[str]
    evidence: Evidence
    cue: str
    status: str = "held"  # held | planned | cancelled
    mode: str | None = None  # in_person | phone | video
    place: str | None = None  # entity id
    cameo: str | None = None
    date: DateValue | None = None
    report_date: str | None = None
    kind: str = "meeting"
    # how resolution treats a meeting the sentence gives incompletely: "plural" ("kedua pemimpin"), "definite"
    # ("pertemuan tersebut"), "anaphoric" ("dalam pertemuan itu, X ..."): parties from the meetings before it;
    # "reference" (only names the parties of talks reported later); "visit" (the counterpart is the country visited)
    completion: str | None = None
    past: bool = False  # "X telah bertemu Y": reported as past, so not the occasion the article dates its persons on


@dataclass(slots=True)
class Event:
    id: str
    event_type: str
    participants: list[str]
    evidence: Evidence
    cue: str
    place: str | None = None
    cameo: str | None = None
    date: DateValue | None = None
    report_date: str | None = None
    kind: str = "event"


Record = Statement | Meeting | Event


@dataclass
class Corpus:
    """Everything a build knows: the input of graph building."""

    documents: dict[str, Document] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    other_facts: list = field(default_factory=list)  # facts of registered kinds without a list of their own above

    def add(self, record) -> None:
        """File a fact under its kind's list ("statement" -> statements), or under other_facts."""
        facts = getattr(self, f"{record.kind}s", None)
        (facts if isinstance(facts, list) else self.other_facts).append(record)

    def records(self) -> list:
        """Every fact of the corpus, whatever its kind."""
        return [*self.statements, *self.meetings, *self.events, *self.other_facts]
