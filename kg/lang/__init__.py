"""Language knowledge, kept as data files: one folder per language (``kg/lang/<code>/``).

Code never lists words of a language; it asks a LanguageData for them. Adding a language
means adding a folder with the same files (see ``kg/lang/id/`` and the README there).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

LANG_DIR = Path(__file__).resolve().parent


def fold(text: str) -> str:
    """The form a word matched by a case-insensitive pattern is looked up by in the language's tables: compatibility
    characters composed (NFKC), case-folded, spaces collapsed, without the combining dot that folding "İ" leaves,
    and with the dotless "ı" as "i" (such patterns match "İni" and "ını" as "ini")."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().replace("\u0307", "").replace("ı", "i").split())


def read_table(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated file with a header line; '#' lines are comments."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    if not lines:
        return []
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        cells = line.split("\t")
        cells += [""] * (len(header) - len(cells))
        rows.append({key: cell.strip() for key, cell in zip(header, cells[: len(header)], strict=True)})
    return rows


def optional_table(path: Path) -> list[dict[str, str]]:
    """The rows of an optional table: none when the language has no such file."""
    return read_table(path) if path.is_file() else []


def grouped(rows: list[dict[str, str]], key: str, value: str) -> dict[str, set[str]]:
    """Rows' `value` cells (case-folded) by their `key` cell."""
    found: dict[str, set[str]] = {}
    for row in rows:
        found.setdefault(row[key], set()).add(row[value].casefold())
    return found


def read_list(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def optional_list(path: Path) -> list[str]:
    """The lines of an optional list: none when the language has no such file."""
    return read_list(path) if path.is_file() else []


def split_cell(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


@dataclass(frozen=True)
class BoilerplateRule:
    action: str
    match: str
    text: str
    pattern: re.Pattern
    needle: str | None = None  # lower-cased text a line must hold for the pattern to match (None: no such test)


@dataclass(frozen=True)
class GazetteerEntry:
    """A known country, place or organization with its surface forms."""

    name: str
    type: str  # Country, Place, Organization or Event
    kind: str = ""  # city, region, international, government, media, ...
    country: str = ""  # ISO code of the country it belongs to
    aliases: tuple[str, ...] = ()
    capital: str = ""  # for countries: the capital's name

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Cue:
    form: str  # one word or several ("memberi tahu", "menolak tuduhan")
    order: str  # pre | post | nya | menurut | passive
    act: str
    cameo: str
    requires: str = ""  # "complement": only with "bahwa"/"agar", a comma, colon or quote right after it
    unless: frozenset[str] = frozenset()  # words that, right after the cue, make it no attribution ("menolak untuk")
    hearer: str = ""  # "object": the name right after the cue is who was told ("memberi tahu Xi bahwa ...")


@dataclass(frozen=True)
class MeetingTrigger:
    form: str
    mode: str | None
    cameo: str
    kind: str  # verb | noun | host
    each: bool = False  # one meeting per counterpart ("menelepon A dan B": two calls)


@dataclass(frozen=True)
class EventTrigger:
    form: str
    requires: str
    event_type: str
    cameo: str
    kind: str  # verb | noun


@dataclass(eq=False)  # hashed by identity: loaded once per language and used as a cache key
class LanguageData:
    code: str
    boilerplate: list[BoilerplateRule]
    months: dict[str, int]
    weekdays: dict[str, int]
    abbreviations: list[str]
    titles: dict[str, str]  # casefolded title form -> position
    cues: list[Cue]
    meeting_triggers: list[MeetingTrigger]
    meeting_status: dict[str, str]
    meeting_modes: dict[str, str]
    meeting_markers: dict[str, str]  # word -> role (with, frame, skip, plural ...: see meeting_markers.tsv)
    event_triggers: list[EventTrigger]
    event_markers: dict[str, str]
    pronouns: set[str]
    org_heads: set[str]
    event_heads: list[str]
    common_words: set[str]
    locatives: set[str]
    place_markers: set[str]
    ambiguous: dict[str, str]  # gazetteer form -> reason (forbidden, common_word, person_name, ...)
    addressee_markers: set[str]
    non_entities: set[str]
    generic_nouns: set[str]
    prepositions: set[str]
    nonfinite_markers: set[str]
    coordinators: dict[str, str]  # word -> predicates | both
    light_verbs: set[str]
    future_markers: set[str]
    past_markers: set[str]
    complementizers: set[str]
    particles: set[str]
    vague_time_markers: list[str]
    relative_dates: dict[str, tuple[str, int]]
    anchored_dates: dict[str, tuple[str, str]]  # word -> (count | span | direction | anaphor, value)
    speech_nouns: dict[str, str]  # word -> noun | demonstrative
    gazetteer: list[GazetteerEntry]
    occasions: dict[str, set[str]] = field(default_factory=dict)  # kind (frame, channel, channel_in) -> words
    countries_by_iso: dict[str, GazetteerEntry] = field(default_factory=dict)
    provenance: dict[str, str] = field(default_factory=dict)  # phrase -> cite | source | report | medium
    # statements (optional files): words that negate a speech verb, leave it unasserted (modals, plans), open a
    # subordinate clause; nouns that introduce a news outlet; role nouns of a person referred back to ("politikus itu")
    negations: set[str] = field(default_factory=set)
    modal_markers: set[str] = field(default_factory=set)
    subordinators: set[str] = field(default_factory=set)
    media_heads: set[str] = field(default_factory=set)
    person_nouns: set[str] = field(default_factory=set)
    predicate_adverbs: set[str] = field(default_factory=set)
    statement_joiners: set[str] = field(default_factory=set)
    verb_prefixes: list[tuple[str, str, int]] = field(default_factory=list)  # (stem initial or *, prefix, dropped)
    name_particles: dict[str, str] = field(default_factory=dict)  # casefolded word -> joins | article | opens
    relativizers: set[str] = field(default_factory=set)
    plural_pronouns: set[str] = field(default_factory=set)
    date_closers: set[str] = field(default_factory=set)  # words after a day that leave it as it is ("lalu")
    facility_heads: set[str] = field(default_factory=set)  # words that open a building's or site's name ("Istana")
    _rules: dict[str, list[BoilerplateRule]] = field(default_factory=dict, repr=False)
    _by_form: dict[str, GazetteerEntry] = field(default_factory=dict, repr=False)

    def rules(self, action: str) -> list[BoilerplateRule]:
        if action not in self._rules:
            self._rules[action] = [rule for rule in self.boilerplate if rule.action == action]
        return self._rules[action]

    def entry_by_form(self) -> dict[str, GazetteerEntry]:
        """Each gazetteer form, case-folded, with its entry (the last entry listing a form wins)."""
        if not self._by_form:
            self._by_form = {form.casefold(): e for e in self.gazetteer for form in e.forms}
        return self._by_form


# The characters that re.IGNORECASE matches to an ASCII letter while str.lower() does not turn them into it
# (İ ı ſ; the Kelvin sign K lowers to k and is listed to be safe). Without them in a text,
# "phrase in text.lower()" says exactly whether a case-insensitive pattern of an ASCII phrase can match, which is
# much cheaper than scanning the text with the pattern.
CASE_SPECIALS = re.compile("[\u0130\u0131\u017f\u212a]")


def phrase_view(text: str) -> str | None:
    """text.lower() for quick phrase checks, or None when the text holds one of CASE_SPECIALS (check nothing)."""
    return None if CASE_SPECIALS.search(text) else text.lower()


def may_match(rule: BoilerplateRule, lowered: str | None) -> bool:
    """False only when the rule's pattern cannot match the text of which `lowered` is the phrase_view: a rule
    made from a plain ASCII phrase needs that phrase in the text."""
    return lowered is None or rule.needle is None or rule.needle in lowered


def _boilerplate_pattern(match: str, text: str) -> re.Pattern:
    escaped = re.escape(text)
    flags = re.IGNORECASE
    if match == "line":
        return re.compile(rf"^{escaped}\s*:?$", flags)
    if match == "lead":
        return re.compile(rf"^{escaped}(?![^\W\d_])", flags)
    if match == "contains":
        return re.compile(escaped, flags)
    if match == "word":
        return re.compile(rf"(?<!\w){escaped}(?!\w)", flags)
    if match == "label":
        return re.compile(rf"^{escaped}\s*:\s*(?P<value>.+?)\s*$", flags)
    if match == "suffix":
        return re.compile(rf"(?<!\w){escaped}\s*\.?$", flags)
    if match == "phrase":
        return re.compile(rf"(?<!\w){escaped}(?!\w)", flags)
    if match == "regex":
        return re.compile(text, flags)
    raise ValueError(f"unknown boilerplate match kind {match!r}")


def _load_gazetteer(folder: Path) -> list[GazetteerEntry]:
    entries: list[GazetteerEntry] = []
    countries = folder / "countries.tsv"
    if countries.is_file():
        for row in read_table(countries):
            entries.append(GazetteerEntry(row["name"], "Country", "country", row.get("iso", ""),
                                          tuple(split_cell(row.get("aliases", ""))), row.get("capital", "")))
    for file_name, entity_type in (("places.tsv", "Place"), ("organizations.tsv", "Organization"),
                                   ("events.tsv", "Event")):
        path = folder / file_name
        if path.is_file():
            for row in read_table(path):
                entries.append(GazetteerEntry(row["name"], entity_type, row.get("kind", ""), row.get("country", ""),
                                              tuple(split_cell(row.get("aliases", "")))))
    return entries


@lru_cache(maxsize=8)
def load(code: str = "id") -> LanguageData:
    """Load (once) the language data of a language code such as 'id'."""
    folder = LANG_DIR / code
    if not folder.is_dir():
        available = sorted(p.name for p in LANG_DIR.iterdir() if p.is_dir() and not p.name.startswith("_"))
        raise ValueError(f"no language data for {code!r} (available: {', '.join(available)})")
    boilerplate = [BoilerplateRule(r["action"], r["match"], r["text"], _boilerplate_pattern(r["match"], r["text"]),
                                   r["text"].lower() if r["match"] != "regex" and r["text"].isascii() else None)
                   for r in read_table(folder / "boilerplate.tsv")]
    calendar = read_table(folder / "calendar.tsv")
    gazetteer = _load_gazetteer(folder / "gazetteer")
    data = LanguageData(
        code=code,
        boilerplate=boilerplate,
        months={r["name"]: int(r["value"]) for r in calendar if r["kind"] == "month"},
        weekdays={r["name"]: int(r["value"]) for r in calendar if r["kind"] == "weekday"},
        abbreviations=read_list(folder / "abbreviations.txt"),
        titles={r["title"].casefold(): r["position"] for r in read_table(folder / "titles.tsv")},
        cues=[Cue(r["cue"], r["order"], r["act"], r["cameo"], r.get("requires", ""),
                  frozenset(w.casefold() for w in split_cell(r.get("unless", ""))), r.get("hearer", ""))
              for r in read_table(folder / "speech_cues.tsv")],
        meeting_triggers=[MeetingTrigger(r["trigger"], r["mode"] or None, r["cameo"], r["kind"],
                                         r.get("counterparts") == "each")
                          for r in read_table(folder / "meeting_triggers.tsv")],
        meeting_status={r["word"]: r["status"] for r in read_table(folder / "meeting_status.tsv")},
        meeting_modes={r["word"]: r["mode"] for r in read_table(folder / "meeting_modes.tsv")},
        meeting_markers={r["word"]: r["role"] for r in read_table(folder / "meeting_markers.tsv")},
        event_triggers=[EventTrigger(r["trigger"], r["requires"], r["event_type"], r["cameo"], r["kind"])
                        for r in read_table(folder / "event_triggers.tsv")],
        event_markers={r["word"]: r["role"] for r in read_table(folder / "event_markers.tsv")},
        pronouns=set(read_list(folder / "pronouns.txt")),
        org_heads=set(read_list(folder / "org_heads.txt")),
        event_heads=read_list(folder / "event_heads.txt"),
        common_words=set(read_list(folder / "common_words.txt")),
        locatives=set(read_list(folder / "locatives.txt")),
        place_markers=set(read_list(folder / "place_markers.txt")),
        ambiguous={r["form"]: r["reason"] for r in read_table(folder / "gazetteer" / "ambiguous.tsv")}
        if (folder / "gazetteer" / "ambiguous.tsv").is_file() else {},
        addressee_markers=set(read_list(folder / "addressee_markers.txt")),
        non_entities=set(read_list(folder / "non_entities.txt")),
        generic_nouns=set(read_list(folder / "generic_nouns.txt")),
        prepositions=set(read_list(folder / "prepositions.txt")),
        nonfinite_markers=set(read_list(folder / "nonfinite_markers.txt")),
        coordinators={r["word"]: r["joins"] for r in read_table(folder / "coordinators.tsv")},
        light_verbs=set(read_list(folder / "light_verbs.txt")),
        future_markers=set(read_list(folder / "future_markers.txt")),
        past_markers=set(read_list(folder / "past_markers.txt")),
        complementizers=set(read_list(folder / "complementizers.txt")),
        particles=set(read_list(folder / "particles.txt")),
        vague_time_markers=read_list(folder / "vague_time_markers.txt"),
        relative_dates={r["expression"]: (r["unit"], int(r["offset"]))
                        for r in read_table(folder / "relative_dates.tsv")},
        anchored_dates={r["word"]: (r["kind"], r["value"]) for r in read_table(folder / "anchored_dates.tsv")},
        speech_nouns={r["word"]: r["kind"] for r in read_table(folder / "speech_nouns.tsv")},
        gazetteer=gazetteer,
        occasions=grouped(optional_table(folder / "occasions.tsv"), "kind", "word"),
        negations=set(optional_list(folder / "negations.txt")),
        modal_markers=set(optional_list(folder / "modal_markers.txt")),
        subordinators=set(optional_list(folder / "subordinators.txt")),
        media_heads=set(optional_list(folder / "media_heads.txt")),
        person_nouns=set(optional_list(folder / "person_nouns.txt")),
        predicate_adverbs=set(optional_list(folder / "predicate_adverbs.txt")),
        statement_joiners=set(optional_list(folder / "statement_joiners.txt")),
        relativizers=set(optional_list(folder / "relativizers.txt")),
        plural_pronouns=set(optional_list(folder / "plural_pronouns.txt")),
        date_closers=set(optional_list(folder / "date_closers.txt")),
        facility_heads={w.casefold() for w in optional_list(folder / "facility_heads.txt")},
    )
    data.verb_prefixes = [(r["initial"], r["prefix"], int(r["drop"] or 0))
                          for r in optional_table(folder / "verb_prefixes.tsv")]
    data.name_particles = {r["particle"].casefold(): r["kind"] for r in optional_table(folder / "name_particles.tsv")}
    data.countries_by_iso = {e.country: e for e in gazetteer if e.type == "Country" and e.country}
    provenance = folder / "provenance.tsv"  # optional: without it, outlets are found by attribution phrases only
    if provenance.is_file():
        data.provenance = {" ".join(r["phrase"].casefold().split()): r["role"] for r in read_table(provenance)}
    return data
