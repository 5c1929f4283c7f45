"""Stage 2, clean: strip page chrome and pull document metadata out of the text.

Cleaning works line by line and only ever drops whole lines or trims a line's ends, so every
offset in the cleaned text maps back to the raw text (``Document.segments``). Editors,
authors, contributors, photo credits and source agencies become document metadata; they
are removed from the text the extractors see, so they never become actors.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .lang import BoilerplateRule, LanguageData, fold, may_match, phrase_view
from .model import Document
from .read import parse_published

SENTENCE_END = ".!?\"”’'»)"
# A trailing photo credit: " /Pexels", " /UPI/Stanislav Kozliuk/EPA-EFE", " / ANTARA FOTO/Name".
PHOTO_CREDIT = re.compile(r"\s+/\s?[A-Z][\w.&' -]{0,60}(?:/[\w.&' -]{1,60})*\s*$")
INLINE_PHOTO = re.compile(r"\s*\((?:Foto|Photo|Ilustrasi)\s*:[^)]*\)\s*$", re.IGNORECASE)
MAX_NAV_WORDS = 3
PARAGRAPH = "\n\n"
PUNCTUATION_RUN = re.compile(r"[^\w\s]{16,}")
WORD = re.compile(r"\w+")


def blank_runs(line: str) -> str:
    """Long runs of punctuation ("((((", "\"\"\"\"", "-.-.-.-") become spaces of the same length: they carry no
    text, and spaCy's affix splitting is quadratic on them. Offsets are unchanged."""
    return PUNCTUATION_RUN.sub(lambda m: " " * len(m.group(0)), line)


def iter_lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) for every line of text, without line breaks."""
    offset = 0
    for line in text.splitlines(keepends=True):
        yield offset, line.rstrip("\r\n")
        offset += len(line)


def dedup_key(line: str) -> str:
    """The line's words, case-folded, joined by single spaces."""
    return " ".join(WORD.findall(line.casefold()))


@lru_cache(maxsize=8)  # built once per language, not once per line
def date_line_pattern(lang: LanguageData) -> re.Pattern:
    months = "|".join(sorted(map(re.escape, lang.months), key=len, reverse=True))
    weekdays = "|".join(sorted(map(re.escape, lang.weekdays), key=len, reverse=True))
    return re.compile(
        rf"^[\s\-–—•|]*(?:(?:{weekdays})\s*,?\s*)?(?P<day>\d{{1,2}})\s+(?P<month>{months})\.?\s+(?P<year>\d{{4}})"
        rf"(?:\s*[,|\-–]?\s*(?:pukul\s*)?(?P<hour>\d{{1,2}})[:.](?P<minute>\d{{2}}))?\s*(?:WIB|WITA|WIT|GMT|UTC)?\s*$",
        re.IGNORECASE,
    )


def parse_date_line(line: str, lang: LanguageData) -> str | None:
    match = date_line_pattern(lang).match(line)
    if not match:
        return None
    month = lang.months.get(fold(match["month"]))
    if month is None:  # matched through a case equivalence that no month name folds to
        return None
    iso = f"{int(match['year']):04d}-{month:02d}-{int(match['day']):02d}"
    if match["hour"] is not None:
        iso += f"T{int(match['hour']):02d}:{match['minute']}"
    return parse_published(iso)


def label_value(line: str, lang: LanguageData) -> tuple[str, str] | None:
    """('editor', 'Name') for a metadata line such as 'Editor: Name'."""
    colon = ":" in line
    for action in ("editor", "author", "source", "photo"):
        for rule in lang.rules(action):
            if rule.match == "label" and not colon:
                continue  # "<label>: <value>"
            match = rule.pattern.match(line)
            if match:
                return action, match["value"]
    return None


@lru_cache(maxsize=8)
def chrome_rules(lang: LanguageData) -> tuple[list[re.Pattern], list[BoilerplateRule]]:
    """The drop and spam rules, arranged for fewer searches: the rules made from a plain text at the start of
    the line (line, lead) joined into one anchored pattern, tried at the line start only; the regex rules
    joined into one pattern; the phrase rules (contains, word) kept apart, each searched only when its phrase
    is in the line (see may_match). Rules that do not combine (other flags, bad join) stay one pattern each."""
    rules = lang.rules("drop") + lang.rules("spam")
    flags = {rule.pattern.flags for rule in rules}
    anchored = [rule for rule in rules if rule.match in ("line", "lead")]
    regexes = [rule for rule in rules if rule.match == "regex"]
    phrases = [rule for rule in rules if rule not in anchored and rule not in regexes]
    if len(flags) != 1:
        return [rule.pattern for rule in anchored + regexes], phrases
    try:
        joined = [re.compile("^(?:" + "|".join(f"(?:{r.pattern.pattern[1:]})" for r in anchored) + ")", *flags),
                  re.compile("|".join(f"(?:{r.pattern.pattern})" for r in regexes) or "(?!)", *flags)]
    except re.error:
        joined = [rule.pattern for rule in anchored + regexes]
    return joined, phrases


def is_chrome(line: str, lang: LanguageData) -> bool:
    joined, phrases = chrome_rules(lang)
    if any(pattern.search(line) for pattern in joined):
        return True
    lowered = phrase_view(line)
    return any(may_match(rule, lowered) and rule.pattern.search(line) for rule in phrases)


def contributors(line: str, lang: LanguageData) -> list[str] | None:
    """Names in a closing credit such as 'A dan B di Washington, dan C di Kyiv berkontribusi.'"""
    lowered = phrase_view(line)
    for rule in lang.rules("contributor"):
        match = rule.pattern.search(line) if may_match(rule, lowered) else None
        if match and len(line) < 300:
            head = line[: match.start()]
            head = re.sub(r"\bdi\s+[A-Z][\w.-]*(?:[\s,]+[A-Z][\w.-]*)*", " ", head)
            names = [n.strip(" ,.") for n in re.split(r",|\bdan\b|\band\b", head)]
            return [n for n in names if n and n[0].isupper()]
    return None


def is_navigation(line: str) -> bool:
    """A short line without sentence punctuation: menu items, section names, buttons."""
    words = line.split()
    return len(words) <= MAX_NAV_WORDS and not line.rstrip().endswith(tuple(SENTENCE_END))


def looks_like_title(line: str) -> bool:
    words = line.split()
    return len(words) >= 4 and len(line) <= 250 and not line.rstrip().endswith((".", ",", ";", ":"))


def split_agencies(value: str) -> list[str]:
    return [v.strip() for v in re.split(r",|/|;|\bdan\b", value) if v.strip()]


@lru_cache(maxsize=8)
def dateline_pattern(lang: LanguageData) -> re.Pattern:
    # "WASHINGTON, KOMPAS.TV - ", "JENEWA (AP) — ", "Moskow – ", "NUSA DUA, Antara - "
    return re.compile(
        r"^(?P<place>[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*){0,3})"
        r"(?:\s*,\s*(?P<outlet>[\w.]+(?:\s+[\w.]+){0,2}))?"
        r"(?:\s*\((?P<agency>[^)]{1,40})\))?"
        r"\s*[-–—]+\s+"
    )


def find_dateline(line: str, lang: LanguageData, known_places: set[str]) -> tuple[int, dict[str, str]] | None:
    """Length of a leading dateline and what it says (place, outlet, agency), or None."""
    match = dateline_pattern(lang).match(line)
    if not match:
        return None
    place = match["place"]
    is_caps = place.upper() == place and any(c.isalpha() for c in place)
    is_place = place.casefold() in known_places
    if not (is_caps or is_place):
        return None
    found = {"agency": match["agency"] or ""}
    if is_place:
        found["place"], found["outlet"] = place, match["outlet"] or ""
    else:  # an upper-case name that is not a place is the outlet itself ("POROS PERLAWANAN –")
        found["place"], found["outlet"] = "", " ".join(filter(None, (place, match["outlet"])))
    return match.end(), found


def attribution_agencies(text: str, lang: LanguageData) -> list[str]:
    """Outlets named by attribution phrases such as 'dilansir dari CNN' or 'Dilansir Press TV,'."""
    found = []
    lowered = phrase_view(text)
    for rule in lang.rules("attribution"):
        if not may_match(rule, lowered):
            continue
        for match in rule.pattern.finditer(text):
            tail = re.match(r"\s+((?:[A-Z][\w.&-]*)(?:\s+[A-Z][\w.&-]*){0,3})", text[match.end():])
            if tail:
                found.append(tail.group(1).rstrip("."))
    return found


@lru_cache(maxsize=8)
def known_place_names(lang: LanguageData) -> set[str]:
    return {form.casefold() for e in lang.gazetteer if e.type in ("Place", "Country") for form in e.forms}


def clean(doc: Document, lang: LanguageData) -> Document:
    """Fill doc.text, doc.segments and metadata from doc.raw_text."""
    places = known_place_names(lang)
    kept: list[tuple[int, str]] = []  # (raw offset, kept line text)
    seen: set[str] = set()
    removed = 0
    title_key = dedup_key(doc.title) if doc.title else None
    for offset, line in iter_lines(doc.raw_text):
        stripped = line.strip()
        if not stripped:
            continue
        start = offset + line.index(stripped[0])
        if stripped.startswith("#"):  # Markdown heading
            inner = stripped.lstrip("#").strip()
            if not inner:
                removed += 1
                continue
            start += stripped.index(inner)
            stripped = inner
        label = label_value(stripped, lang)
        if label:
            action, value = label
            target = {"editor": doc.editors, "author": doc.authors, "source": doc.source_agencies}.get(action)
            if target is not None:
                target.extend(split_agencies(value) if action == "source" else [value])
            else:
                doc.extra.setdefault("photo_credit", value)
            removed += 1
            continue
        if is_chrome(stripped, lang):
            removed += 1
            continue
        published = parse_date_line(stripped, lang)
        if published:
            if not doc.published:
                doc.published, doc.published_basis = published, "text"
            removed += 1
            continue
        # the patterns need a "/" or a ":" ("(Foto: ...)"), which most lines lack: test for it first
        credit = ("/" in stripped and PHOTO_CREDIT.search(stripped)) \
            or (":" in stripped and INLINE_PHOTO.search(stripped))
        if credit:
            doc.extra.setdefault("photo_credit", stripped[credit.start():].strip(" /()"))
            stripped = stripped[: credit.start()].rstrip()
        key = dedup_key(stripped)
        if not key or key in seen:  # repeated headline or caption
            removed += 1
            continue
        seen.add(key)
        names = contributors(stripped, lang)
        if names is not None:
            doc.contributors.extend(names)
            removed += 1
            continue
        if is_navigation(stripped) and key != title_key:
            removed += 1
            continue
        kept.append((start, blank_runs(stripped)))

    if doc.title is None and len(kept) > 1 and looks_like_title(kept[0][1]):
        doc.title = kept[0][1]
    # The dateline opens the first body paragraph (after the headline, when the text has one).
    body_index = 1 if kept and doc.title and dedup_key(kept[0][1]) == dedup_key(doc.title) else 0
    if body_index < len(kept):
        raw_start, line = kept[body_index]
        found = find_dateline(line, lang, places)
        if found:
            length, parts = found
            doc.dateline = parts["place"] or doc.dateline
            if parts["outlet"] and not doc.outlet:
                doc.outlet = parts["outlet"]
            if parts["agency"]:
                doc.source_agencies.append(parts["agency"])
            kept[body_index] = (raw_start + length, line[length:])

    # Kept lines are joined by a blank line: spaCy's tokenizer splits "\n\n" off cheaply, while a single "\n"
    # glues the words around it into one chunk that is ten times slower to tokenize.
    pieces, segments, position = [], [], 0
    for raw_start, line in kept:
        segments.append((position, raw_start, len(line)))
        pieces.append(line)
        position += len(line) + len(PARAGRAPH)
    doc.text = PARAGRAPH.join(pieces)
    doc.segments = segments
    doc.removed_lines = removed
    doc.headline_end = len(kept[0][1]) if body_index == 1 else 0
    for agency in attribution_agencies(doc.text, lang):
        if agency not in doc.source_agencies:
            doc.source_agencies.append(agency)
    return doc
