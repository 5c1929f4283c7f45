"""Language knowledge, kept as data files: one folder per language (``kg/lang/<code>/``).

Code never lists words of a language; it asks a LanguageData for them, by the role the words play. Adding a
language means adding a folder of such files (see ``kg/lang/id/`` and the README, "Language data"): only the
REQUIRED files must be there, every other file is optional and a feature whose file is missing finds nothing.
A language is named by its code (``kg/lang/<code>/``) or by the path of its folder, whose name is its code.
"""
from __future__ import annotations

import hashlib
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


# The files a language folder must have: without them it is no language folder (a mistyped path, say). Every
# other file is optional: a feature whose file is missing finds nothing (see the README, "Language data").
REQUIRED = ("abbreviations.txt", "calendar.tsv")


class LanguageDataError(ValueError):
    """A language folder that cannot be read: the message names the file (and line)."""


class Row(dict):
    """A table row (column -> cell) that remembers where it was read, for error messages."""

    where: str = ""

    def number(self, column: str, default: int | None = None) -> int:
        """The cell as an integer (`default` when the cell is empty and a default is given)."""
        cell = self.get(column, "")
        if not cell and default is not None:
            return default
        try:
            return int(cell)
        except ValueError:
            raise LanguageDataError(f"{self.where}: {column} must be a whole number, not {cell!r}") from None


def read_table(path: Path, required: tuple[str, ...] = ()) -> list[Row]:
    """Rows of a tab-separated file with a header line; '#' lines are comments. No file gives no rows (the
    required files are checked by load); a row without one of the `required` cells, or with more cells than the
    header has, is an error naming the file and line."""
    if not path.is_file():
        return []
    numbered = [(n, line) for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if line and not line.startswith("#")]
    if not numbered:
        return []
    header_line, header_text = numbered[0]
    header = [name.strip() for name in header_text.split("\t")]
    missing = [name for name in required if name not in header]
    if missing:
        raise LanguageDataError(f"{path}:{header_line}: the header has no {', '.join(missing)} column")
    rows = []
    for n, line in numbered[1:]:
        cells = line.split("\t")
        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header):]):
            raise LanguageDataError(f"{path}:{n}: {len(cells)} cells, but the header names {len(header)} columns")
        cells += [""] * (len(header) - len(cells))
        row = Row((key, cell.strip()) for key, cell in zip(header, cells[: len(header)], strict=True))
        row.where = f"{path}:{n}"
        empty = [name for name in required if not row[name]]
        if empty:
            raise LanguageDataError(f"{row.where}: no {', '.join(empty)} (a tab-separated row of "
                                    f"{', '.join(header)})")
        rows.append(row)
    return rows


def grouped(rows: list[Row], key: str, value: str) -> dict[str, set[str]]:
    """Rows' `value` cells (case-folded) by their `key` cell."""
    found: dict[str, set[str]] = {}
    for row in rows:
        found.setdefault(row[key], set()).add(row[value].casefold())
    return found


def read_list(path: Path) -> list[str]:
    """The lines of a list file ('#' lines are comments); none when the language has no such file."""
    if not path.is_file():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def alternation(words) -> str:
    """A regex alternation of literal words, longest first (so "kemarin lusa" wins over "kemarin"); one that
    matches nothing when there are no words (a language without them)."""
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) or "(?!)"


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
    folder: Path = LANG_DIR  # where the files were read (a model in its ner/ folder)
    boilerplate: list[BoilerplateRule] = field(default_factory=list)
    months: dict[str, int] = field(default_factory=dict)
    weekdays: dict[str, int] = field(default_factory=dict)
    abbreviations: list[str] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)  # casefolded title form -> position
    cues: list[Cue] = field(default_factory=list)
    meeting_triggers: list[MeetingTrigger] = field(default_factory=list)
    meeting_status: dict[str, str] = field(default_factory=dict)
    meeting_modes: dict[str, str] = field(default_factory=dict)
    meeting_markers: dict[str, str] = field(default_factory=dict)  # word -> role (see meeting_markers.tsv)
    event_triggers: list[EventTrigger] = field(default_factory=list)
    event_markers: dict[str, str] = field(default_factory=dict)
    pronouns: set[str] = field(default_factory=set)
    org_heads: set[str] = field(default_factory=set)
    event_heads: list[str] = field(default_factory=list)
    common_words: set[str] = field(default_factory=set)
    locatives: set[str] = field(default_factory=set)
    place_markers: set[str] = field(default_factory=set)
    ambiguous: dict[str, str] = field(default_factory=dict)  # gazetteer form -> reason
    addressee_markers: set[str] = field(default_factory=set)
    non_entities: set[str] = field(default_factory=set)
    generic_nouns: set[str] = field(default_factory=set)
    prepositions: set[str] = field(default_factory=set)
    nonfinite_markers: set[str] = field(default_factory=set)
    coordinators: dict[str, str] = field(default_factory=dict)  # word -> predicates | both
    light_verbs: set[str] = field(default_factory=set)
    future_markers: set[str] = field(default_factory=set)
    past_markers: set[str] = field(default_factory=set)
    complementizers: set[str] = field(default_factory=set)
    particles: set[str] = field(default_factory=set)
    vague_time_markers: list[str] = field(default_factory=list)
    relative_dates: dict[str, tuple[str, int]] = field(default_factory=dict)
    anchored_dates: dict[str, tuple[str, str]] = field(default_factory=dict)  # word -> (kind, value)
    speech_nouns: dict[str, str] = field(default_factory=dict)  # word -> noun | demonstrative
    gazetteer: list[GazetteerEntry] = field(default_factory=list)
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
    clitics: tuple[str, ...] = ()  # suffixes written onto a word ("-nya"), longest first
    agent_markers: set[str] = field(default_factory=set)  # the word before a passive verb's agent ("oleh")
    title_joiners: set[str] = field(default_factory=set)  # between a title's country and organization ("untuk")
    calendar_words: dict[str, list[str]] = field(default_factory=dict)  # calendar.tsv kinds besides month, weekday
    credit_words: dict[str, list[str]] = field(default_factory=dict)  # credits.tsv: role -> words
    _rules: dict[str, list[BoilerplateRule]] = field(default_factory=dict, repr=False)
    _by_form: dict[str, GazetteerEntry] = field(default_factory=dict, repr=False)

    def without_clitic(self, word: str) -> str:
        """The word without a clitic written onto its end (the word itself when it ends in none)."""
        for clitic in self.clitics:
            if word.endswith(clitic):
                return word[: -len(clitic)]
        return word

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


def _boilerplate_rule(row: Row) -> BoilerplateRule:
    """A boilerplate.tsv row as a rule; an unknown match kind or a bad regex is an error naming the line."""
    match, text = row["match"], row["text"]
    try:
        pattern = _boilerplate_pattern(match, text)
    except (ValueError, re.error) as err:
        raise LanguageDataError(f"{row.where}: {err}") from None
    return BoilerplateRule(row["action"], match, text, pattern,
                           text.lower() if match != "regex" and text.isascii() else None)


def _load_gazetteer(folder: Path) -> list[GazetteerEntry]:
    entries: list[GazetteerEntry] = []
    countries = folder / "countries.tsv"
    if countries.is_file():
        for row in read_table(countries, ("name",)):
            entries.append(GazetteerEntry(row["name"], "Country", "country", row.get("iso", ""),
                                          tuple(split_cell(row.get("aliases", ""))), row.get("capital", "")))
    for file_name, entity_type in (("places.tsv", "Place"), ("organizations.tsv", "Organization"),
                                   ("events.tsv", "Event")):
        path = folder / file_name
        if path.is_file():
            for row in read_table(path, ("name",)):
                entries.append(GazetteerEntry(row["name"], entity_type, row.get("kind", ""), row.get("country", ""),
                                              tuple(split_cell(row.get("aliases", "")))))
    return entries


# the folders of the languages loaded by path, by code: a document's language is its code, which names such a
# folder in this process once it is loaded
LOADED_FOLDERS: dict[str, Path] = {}


def language_folder(code_or_path: str | Path) -> Path:
    """The folder of a language: kg/lang/<code> for a code such as 'id' (or of a folder loaded by path under that
    code), else the folder a path names."""
    text = str(code_or_path)
    is_code = "/" not in text and "\\" not in text and text not in (".", "..")
    folder = (LOADED_FOLDERS.get(text) or LANG_DIR / text) if is_code else Path(text)
    if folder.is_dir():
        return folder.resolve()
    available = sorted(p.name for p in LANG_DIR.iterdir() if p.is_dir() and not p.name.startswith("_"))
    raise LanguageDataError(f"no language data for {text!r} (a code: {', '.join(available)}; or a language "
                            f"folder's path)")


def load(code: str | Path = "id") -> LanguageData:
    """Load (once) the language data of a language code such as 'id' or of a language folder's path (its name is
    the language's code)."""
    return _load(language_folder(code))


@lru_cache(maxsize=8)
def _load(folder: Path) -> LanguageData:
    missing = [name for name in REQUIRED if not (folder / name).is_file()]
    if missing:
        raise LanguageDataError(f"{folder}: not a language folder, it has no {', '.join(missing)}")
    calendar = read_table(folder / "calendar.tsv", ("kind", "name"))
    gazetteer = _load_gazetteer(folder / "gazetteer")
    credits = read_table(folder / "credits.tsv", ("word", "role"))
    data = LanguageData(
        code=folder.name,
        folder=folder,
        boilerplate=[_boilerplate_rule(r) for r in read_table(folder / "boilerplate.tsv", ("action", "match", "text"))],
        months={r["name"]: r.number("value") for r in calendar if r["kind"] == "month"},
        weekdays={r["name"]: r.number("value") for r in calendar if r["kind"] == "weekday"},
        calendar_words={kind: [r["name"] for r in calendar if r["kind"] == kind]
                        for kind in dict.fromkeys(r["kind"] for r in calendar) if kind not in ("month", "weekday")},
        abbreviations=read_list(folder / "abbreviations.txt"),
        titles={r["title"].casefold(): r["position"] for r in read_table(folder / "titles.tsv", ("title", "position"))},
        cues=[Cue(r["cue"], r["order"], r["act"], r["cameo"], r.get("requires", ""),
                  frozenset(w.casefold() for w in split_cell(r.get("unless", ""))), r.get("hearer", ""))
              for r in read_table(folder / "speech_cues.tsv", ("cue", "order", "act", "cameo"))],
        meeting_triggers=[MeetingTrigger(r["trigger"], r.get("mode") or None, r["cameo"], r["kind"],
                                         r.get("counterparts") == "each")
                          for r in read_table(folder / "meeting_triggers.tsv", ("trigger", "cameo", "kind"))],
        meeting_status={r["word"]: r["status"] for r in read_table(folder / "meeting_status.tsv", ("word", "status"))},
        meeting_modes={r["word"]: r["mode"] for r in read_table(folder / "meeting_modes.tsv", ("word", "mode"))},
        meeting_markers={r["word"]: r["role"] for r in read_table(folder / "meeting_markers.tsv", ("word", "role"))},
        event_triggers=[EventTrigger(r["trigger"], r.get("requires", ""), r["event_type"], r["cameo"], r["kind"])
                        for r in read_table(folder / "event_triggers.tsv", ("trigger", "event_type", "cameo", "kind"))],
        event_markers={r["word"]: r["role"] for r in read_table(folder / "event_markers.tsv", ("word", "role"))},
        pronouns=set(read_list(folder / "pronouns.txt")),
        org_heads=set(read_list(folder / "org_heads.txt")),
        event_heads=read_list(folder / "event_heads.txt"),
        common_words=set(read_list(folder / "common_words.txt")),
        locatives=set(read_list(folder / "locatives.txt")),
        place_markers=set(read_list(folder / "place_markers.txt")),
        ambiguous={r["form"]: r["reason"]
                   for r in read_table(folder / "gazetteer" / "ambiguous.tsv", ("form", "reason"))},
        addressee_markers=set(read_list(folder / "addressee_markers.txt")),
        non_entities=set(read_list(folder / "non_entities.txt")),
        generic_nouns=set(read_list(folder / "generic_nouns.txt")),
        prepositions=set(read_list(folder / "prepositions.txt")),
        nonfinite_markers=set(read_list(folder / "nonfinite_markers.txt")),
        coordinators={r["word"]: r["joins"] for r in read_table(folder / "coordinators.tsv", ("word", "joins"))},
        light_verbs=set(read_list(folder / "light_verbs.txt")),
        future_markers=set(read_list(folder / "future_markers.txt")),
        past_markers=set(read_list(folder / "past_markers.txt")),
        complementizers=set(read_list(folder / "complementizers.txt")),
        particles=set(read_list(folder / "particles.txt")),
        vague_time_markers=read_list(folder / "vague_time_markers.txt"),
        relative_dates={r["expression"]: (r["unit"], r.number("offset"))
                        for r in read_table(folder / "relative_dates.tsv", ("expression", "unit", "offset"))},
        anchored_dates={r["word"]: (r["kind"], r["value"])
                        for r in read_table(folder / "anchored_dates.tsv", ("word", "kind", "value"))},
        speech_nouns={r["word"]: r["kind"] for r in read_table(folder / "speech_nouns.tsv", ("word", "kind"))},
        gazetteer=gazetteer,
        occasions=grouped(read_table(folder / "occasions.tsv", ("word", "kind")), "kind", "word"),
        negations=set(read_list(folder / "negations.txt")),
        modal_markers=set(read_list(folder / "modal_markers.txt")),
        subordinators=set(read_list(folder / "subordinators.txt")),
        media_heads=set(read_list(folder / "media_heads.txt")),
        person_nouns=set(read_list(folder / "person_nouns.txt")),
        predicate_adverbs=set(read_list(folder / "predicate_adverbs.txt")),
        statement_joiners=set(read_list(folder / "statement_joiners.txt")),
        relativizers=set(read_list(folder / "relativizers.txt")),
        plural_pronouns=set(read_list(folder / "plural_pronouns.txt")),
        date_closers=set(read_list(folder / "date_closers.txt")),
        facility_heads={w.casefold() for w in read_list(folder / "facility_heads.txt")},
        clitics=tuple(sorted((w.casefold() for w in read_list(folder / "clitics.txt")), key=len, reverse=True)),
        agent_markers={w.casefold() for w in read_list(folder / "agent_markers.txt")},
        title_joiners=set(read_list(folder / "title_joiners.txt")),
        credit_words={role: [r["word"] for r in credits if r["role"] == role]
                      for role in dict.fromkeys(r["role"] for r in credits)},
        verb_prefixes=[(r["initial"], r["prefix"], r.number("drop", 0))
                       for r in read_table(folder / "verb_prefixes.tsv", ("initial", "prefix"))],
        name_particles={r["particle"].casefold(): r["kind"]
                        for r in read_table(folder / "name_particles.tsv", ("particle", "kind"))},
        # optional: without it, outlets are found by attribution phrases only
        provenance={" ".join(r["phrase"].casefold().split()): r["role"]
                    for r in read_table(folder / "provenance.tsv", ("phrase", "role"))},
    )
    data.countries_by_iso = {e.country: e for e in gazetteer if e.type == "Country" and e.country}
    if folder.parent != LANG_DIR:
        LOADED_FOLDERS.setdefault(data.code, folder)
    return data


def folder_digest(code_or_path: str | Path) -> bytes:
    """A hash of the files of a language folder outside kg (the package's own fingerprint counts kg/lang), for
    the article cache: b"" for kg's own languages."""
    folder = language_folder(code_or_path)
    if folder.parent == LANG_DIR:
        return b""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.digest()
