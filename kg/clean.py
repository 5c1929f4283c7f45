"""Stage 2, clean: strip page chrome and pull document metadata out of the text.

Cleaning works line by line and only ever drops lines, trims a line's ends or cuts a teaser out of a line
(the line's two sides become two pieces), so every offset in the cleaned text maps back to the raw text
(``Document.segments``). Editors, authors, contributors, photo credits, the outlet and source agencies become
document metadata; they are removed from the text the extractors see, so they never become actors.

How portals lay out a page, and what is done with each part:
- the lead: the headline, then page furniture (byline, date line, related link, photo caption, standfirst)
  until the dateline ("JAKARTA, KOMPAS.com -", "Bisnis.com, JAKARTA -", "WahanaNews-Kaltara |", "Jakarta -"
  on a line of its own) opens the body. The headline stays, the furniture goes, the dateline is metadata;
- teasers: "Baca juga: <headline>" lines, a lone "Baca Juga" / "Berita Terkait" label with the headlines listed
  under it, bulleted runs of headlines, and "Baca juga: <headline>" glued inside a paragraph of scraped text;
- the footer: everything after the editors' initials "(abc/xyz)" that close an article;
- hard-wrapped paragraphs: a line that goes on with the sentence the line before left open is joined to it.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from .lang import BoilerplateRule, LanguageData, alternation, fold, may_match, phrase_view
from .model import Document
from .read import parse_published

SENTENCE_END = ".!?\"”’'»)"
# A trailing photo credit: " /Pexels", " /UPI/Stanislav Kozliuk/EPA-EFE", " / ANTARA FOTO/Name".
PHOTO_CREDIT = re.compile(r"\s+/\s?[A-Z][\w.&' -]{0,60}(?:/[\w.&' -]{1,60})*\s*$")
# A credit in brackets after the last sentence of a paragraph: "... pekan lalu. (Rina Wulandari)", "(abc/xyz)".
TRAILING_CREDIT = re.compile(r"(?<=[.!?”\"’])\s*\((?P<credit>[^()]{2,60})\)$")
CREDIT_NAME = re.compile(r"^[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,3}$")
# "Name Surname - outlet" (a byline)
BYLINE = re.compile(r"^(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s+[-–—|]\s+(?P<outlet>\S+)$")
# a web address used as a name: "Kompas.com", "beritajateng.tv", "REPUBLIKA.CO.ID", "Kompas.com+"
DOMAIN = re.compile(r"^(?:www\.)?[\w-]+(?:\.[a-z]{2,6}){1,2}\+?$|^(?:WWW\.)?[\w-]+(?:\.[A-Z]{2,6}){1,2}\+?$")
DOMAIN_SUFFIX = re.compile(r"(?:\.[a-z]{2,6}){1,2}\+?$")
# the parts of a web host after the site's own name ("kabar24.bisnis.com", "www3.nhk.or.jp")
HOST_SUFFIXES = frozenset("com co id or go ac net org tv news info biz web jp kr my sg uk au".split())
HTML_TAG = re.compile(r"<[^>]{0,300}>")  # "Oleh: <a href='...'>Name</a>" as scraped
BULLET_MARKS = "-–—•·*▪►"
BULLET = re.compile(rf"^[{re.escape(BULLET_MARKS)}]\s*(?=\w)")
MAX_NAV_WORDS = 3
PARAGRAPH = "\n\n"
WRAP = " "  # between the lines of a hard-wrapped paragraph
PUNCTUATION_RUN = re.compile(r"[^\w\s]{16,}")
WORD = re.compile(r"\w+")
WORD_SPAN = re.compile(r"\S+")
OPENING_QUOTES = "“\"‘'«"
HEADLINE_MIN_WORDS = 3
MAX_HEADLINE_WORDS = 25  # a teaser headline is shorter; a longer line after a teaser label goes on with text
HEADLINE_CAPITALS = 0.6  # share of capitalised words in a headline (title case: only small words stay lower-case)
MAX_TEASER_BLOCK = 5  # headlines listed under a lone teaser label
LEAD_LINES = 15  # the dateline is looked for among the first lines of a page
MAX_FURNITURE_WORDS = 60  # a longer line before the dateline is text, not furniture: no dateline there
MAX_DATELINE_CHARS = 60
WRAP_MIN_WORDS = 8  # a hard-wrapped line is a long one
MIN_OUTLET_KEY = 4  # shorter site names ("era", "voi") only match a name that is exactly theirs


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
    clock, zones = (alternation(lang.calendar_words.get(kind, ())) for kind in ("clock", "time_zone"))
    return re.compile(
        rf"^[\s\-–—•|]*(?:(?:{weekdays})\s*,?\s*)?(?P<day>\d{{1,2}})\s+(?P<month>{months})\.?\s+(?P<year>\d{{4}})"
        rf"(?:\s*[,|\-–]?\s*(?:(?:{clock})\s*)?(?P<hour>\d{{1,2}})[:.](?P<minute>\d{{2}}))?\s*(?:{zones})?\s*$",
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
                return action, HTML_TAG.sub("", match["value"]).strip()
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


def chrome_rule(line: str, lang: LanguageData) -> str:
    """The drop or spam rule that makes a line chrome (for tracing: tries the rules one by one)."""
    rule = next((r for r in lang.rules("drop") + lang.rules("spam") if r.pattern.search(line)), None)
    return f"chrome: {rule.action} {rule.match} {rule.text}" if rule else "chrome: ?"


def is_chrome(line: str, lang: LanguageData) -> bool:
    joined, phrases = chrome_rules(lang)
    for pattern in joined:
        if pattern.search(line):
            return True
    lowered = phrase_view(line)
    for rule in phrases:  # a plain loop: this runs for every rule on every line (may_match, inlined)
        if (lowered is None or rule.needle is None or rule.needle in lowered) and rule.pattern.search(line):
            return True
    return False


@lru_cache(maxsize=8)
def article_end_pattern(lang: LanguageData) -> re.Pattern:
    rules = lang.rules("end")
    return re.compile("|".join(f"(?:{rule.pattern.pattern})" for rule in rules) or r"(?!)", re.IGNORECASE)


def is_article_end(line: str, lang: LanguageData) -> bool:
    """The line that closes an article (the editors' initials "(abc/xyz)"): what follows is the page's footer."""
    return line[-1:] == ")" and article_end_pattern(lang).search(line) is not None


def contributors(line: str, lang: LanguageData) -> list[str] | None:
    """Names in a closing credit such as 'A dan B di Washington, dan C di Kyiv berkontribusi.'"""
    lowered = phrase_view(line)
    for rule in lang.rules("contributor"):
        match = rule.pattern.search(line) if may_match(rule, lowered) else None
        if match and len(line) < 300:
            head = line[: match.start()]
            head = credit_pattern(lang, "place").sub(" ", head)
            names = [n.strip(" ,.") for n in credit_pattern(lang, "names").split(head)]
            return [n for n in names if n and n[0].isupper()]
    return None


def is_navigation(line: str) -> bool:
    """A short line without sentence punctuation: menu items, section names, buttons."""
    words = line.split()
    return len(words) <= MAX_NAV_WORDS and not line.rstrip().endswith(tuple(SENTENCE_END))


def looks_like_title(line: str) -> bool:
    words, end = line.split(), line.rstrip()
    return len(words) >= 4 and len(line) <= 250 and (not end.endswith((".", ",", ";", ":")) or end.endswith("..."))


def is_capitalised(word: str) -> bool | None:
    """Whether a word starts with a capital letter; None for a word that does not start with a letter."""
    word = word.lstrip(OPENING_QUOTES + "([")
    return word[0].isupper() if word and word[0].isalpha() else None


def looks_like_headline(line: str) -> bool:
    """A headline: a short line in title case (most words capitalised), not closed like a sentence."""
    words = line.split()
    if not HEADLINE_MIN_WORDS <= len(words) <= MAX_HEADLINE_WORDS:
        return False
    end = line.rstrip()
    if end.endswith((",", ";", ":")) or (end.endswith(".") and not end.endswith("...")):
        return False
    cases = [case for case in map(is_capitalised, words) if case is not None]
    return bool(cases) and sum(cases) >= HEADLINE_CAPITALS * len(cases)


def headline_end(line: str, start: int) -> int:
    """Where a headline that starts at `start` and runs on into the text ends (a teaser glued into a paragraph).

    A headline is in title case; the text goes on in sentence case, so the first two lower-case words in a row
    belong to the text, and so does the capitalised word before them, which opens its sentence
    ("Baca juga: Harga Beras Naik di Jawa Seruan yang sama ..." ends before "Seruan"). An opening quote or a
    word closing a sentence also ends it."""
    words = list(WORD_SPAN.finditer(line, start))
    last_capital = None
    lower_before = False
    for n, word in enumerate(words[:MAX_HEADLINE_WORDS]):
        text = word.group()
        if n and text[0] in OPENING_QUOTES:
            return word.start()
        case = is_capitalised(text)
        if case:
            last_capital, lower_before = n, False
        elif case is False:
            if lower_before:
                return words[last_capital].start() if last_capital else words[0].start()
            lower_before = True
        if text.endswith((".", "!", "?")) and not text.endswith("...") and n + 1 < len(words):
            return word.end()
    if len(words) <= MAX_HEADLINE_WORDS:
        return len(line)
    return words[MAX_HEADLINE_WORDS - 1].end()


@lru_cache(maxsize=8)
def teaser_rules(lang: LanguageData) -> tuple[re.Pattern, re.Pattern]:
    """One pattern for the teaser labels at a line start, longest first (each rule's own pattern, anchored), and
    one for a label inside a line, which needs a colon ("... pekan ini. Baca juga: <headline> ...")."""
    rules = sorted(lang.rules("teaser"), key=lambda rule: len(rule.text), reverse=True)
    at_start = "|".join(f"(?:{rule.pattern.pattern.removeprefix('^')})" for rule in rules)
    labels = "|".join(re.escape(rule.text) for rule in rules if rule.match == "lead")
    return (re.compile(f"^(?:{at_start})" if rules else r"(?!)", re.IGNORECASE),
            re.compile(rf"(?<=[\s.!?”\"’])(?:{labels})\s*:\s*" if labels else r"(?!)", re.IGNORECASE))


def teaser_label(line: str, lang: LanguageData) -> int | None:
    """The end of a teaser label that opens the line ("Baca Juga:", "Berita Terkait"), or None."""
    match = teaser_rules(lang)[0].match(line)
    return match.end() if match else None


def without_inner_teasers(line: str, lang: LanguageData) -> list[tuple[int, str]]:
    """(offset in line, text) of the parts of a line around the teasers glued inside it."""
    if ":" not in line:  # a teaser label inside a line has its colon
        return [(0, line)]
    parts, position = [], 0
    for match in teaser_rules(lang)[1].finditer(line):
        if match.start() < position:
            continue
        parts.append((position, line[position:match.start()].rstrip()))
        position = headline_end(line, match.end())
    parts.append((position, line[position:]))
    return [(offset, text) for offset, text in parts if text.strip()]


def add_new(target: list[str], values: list[str]) -> None:
    """Add the values a list of metadata does not hold yet (pages repeat their bylines)."""
    target.extend(value for value in dict.fromkeys(values) if value and value not in target)


def split_agencies(value: str, lang: LanguageData) -> list[str]:
    return [v.strip() for v in credit_pattern(lang, "agencies").split(value) if v.strip()]


# what each role of credits.tsv matches: a place after a name in a closing credit ("di Washington"), what
# separates the names of a credit line ("A dan B") or the agencies of a source label ("Reuters/AFP"); case-sensitive
CREDIT_PATTERNS = {"place": r"\b(?:{words})\s+[A-Z][\w.-]*(?:[\s,]+[A-Z][\w.-]*)*", "names": r",|\b(?:{words})\b",
                   "agencies": r",|/|;|\b(?:{words})\b"}


@lru_cache(maxsize=32)
def credit_pattern(lang: LanguageData, role: str) -> re.Pattern:
    return re.compile(CREDIT_PATTERNS[role].format(words=alternation(lang.credit_words.get(role, ()))))


@lru_cache(maxsize=8)
def inline_photo_pattern(lang: LanguageData) -> re.Pattern:
    """An inline photo caption at the end of a line: "(Foto: ...)", with the caption words of credits.tsv."""
    return re.compile(rf"\s*\((?:{alternation(lang.credit_words.get('photo', ()))})\s*:[^)]*\)\s*$", re.IGNORECASE)


def outlet_key(name: str) -> str:
    """A site's name reduced for comparison: 'Kompas.com', 'KOMPAS.TV' and 'kompas' give 'kompas'."""
    name = name.strip().casefold()
    name = DOMAIN_SUFFIX.sub("", name.removeprefix("www."))
    return "".join(c for c in name if c.isalnum())


def own_outlet_keys(doc: Document) -> frozenset[str]:
    """The keys of the article's own site: its outlet and the name of its web host ('news.detik.com': detik)."""
    keys = set()
    if doc.outlet:
        keys.add(outlet_key(doc.outlet.split("(")[0]))  # "wahananews.co (WahanaNews-Kaltara)"
    if doc.url:
        host = urlsplit(doc.url if "//" in doc.url else "//" + doc.url).hostname or ""
        labels = [label for label in host.split(".") if label]
        while len(labels) > 1 and labels[-1] in HOST_SUFFIXES:
            labels.pop()
        if labels:
            keys.add(outlet_key(labels[-1]))
    return frozenset(key for key in keys if key)


def names_outlet(name: str, keys: frozenset[str] | set[str]) -> bool:
    """Whether a name is one of the outlets of `keys` ('detikNews' and 'detikcom' name 'detik')."""
    key = outlet_key(name)
    return bool(key) and any(key == k or (len(k) >= MIN_OUTLET_KEY and key.startswith(k)) for k in keys)


@lru_cache(maxsize=8)
def media_keys(lang: LanguageData) -> frozenset[str]:
    """The keys of every form of the media in the gazetteer."""
    return frozenset(outlet_key(form) for e in lang.gazetteer if e.kind == "media" for form in e.forms)


def is_outlet_name(name: str, lang: LanguageData, own: frozenset[str]) -> bool:
    """A web address, a known medium, or the article's own site."""
    return bool(DOMAIN.match(name)) or outlet_key(name) in media_keys(lang) or names_outlet(name, own)


# -- the dateline -------------------------------------------------------------------------------------------
# "<place or outlet>[, <outlet or place>] [(<agency>)] <separator>"; separators: " - ", " -", "- ", "|", ": "
# (a place only), a dash glued to the next word after a web address ("Gempita.co-Menteri"), a dash ending the line
DATELINE_SEPARATOR = re.compile(r"\s*\|\s*|\s+[-–—]+\s*|\s*[-–—]+\s+|[-–—]+(?=[A-Z“\"])|:\s+|\s*[-–—]+\s*$")
SEGMENT = r"[A-Za-z][\w.'’&+-]*(?:\s+[A-Z][\w.'’&+-]*){0,3}"
DATELINE_HEAD = re.compile(rf"^(?P<first>{SEGMENT})(?:\s*,\s*(?P<second>{SEGMENT}))?"
                           r"(?:\s*\((?P<agency>[^()]{1,40})\))?$")


def segment_kind(segment: str, places: set[str], lang: LanguageData, own: frozenset[str]) -> str | None:
    """place, outlet, caps (an upper-case name: a place or an outlet) or None (neither, as far as we know)."""
    if segment.casefold() in places:
        return "place"
    if is_outlet_name(segment, lang, own):
        return "outlet"
    if segment.upper() == segment and any(c.isalpha() for c in segment):
        return "caps"
    return None


def dateline_parts(head: re.Match, separator: str, glued: bool, places: set[str], lang: LanguageData,
                   own: frozenset[str]) -> dict[str, str] | None:
    """What a dateline's head says (place, outlet, agency), or None when it is no dateline."""
    segments = [s for s in (head["first"], head["second"]) if s]
    if not segments[0][0].isupper() and not DOMAIN.match(segments[0]):
        return None
    if glued and not DOMAIN.match(segments[-1]):
        return None  # "Rusia-Ukraina" is a compound, "Gempita.co-Menteri" a dateline
    kinds = [segment_kind(s, places, lang, own) for s in segments]
    found = {"agency": head["agency"] or "", "place": "", "outlet": ""}
    if separator == ":":
        if kinds != ["place"]:
            return None  # "Jakarta: ..."; "Menlu: ..." and "Gerindra: ..." open headlines
        found["place"] = segments[0]
        return found
    if len(segments) == 1:
        kind = kinds[0] or ("outlet" if separator == "|" else None)
        if kind is None:
            return None
        found["place" if kind == "place" else "outlet"] = segments[0]
        return found
    if kinds == [None, None]:
        return None
    # the place is the known place, else the upper-case one beside an outlet; the other one is the outlet
    place_at = kinds.index("place") if "place" in kinds else (kinds.index("caps") if "caps" in kinds and
                                                                  "outlet" in kinds else kinds.index(None))
    found["place"], found["outlet"] = segments[place_at], segments[1 - place_at]
    return found


def find_dateline(line: str, lang: LanguageData, known_places: set[str],
                  own: frozenset[str] = frozenset()) -> tuple[int, dict[str, str]] | None:
    """Length of a leading dateline and what it says (place, outlet, agency), or None."""
    for separator in DATELINE_SEPARATOR.finditer(line, 0, MAX_DATELINE_CHARS + 4):
        if separator.start() == 0:
            continue
        head = DATELINE_HEAD.match(line, 0, separator.start())
        if not head:
            continue
        rest = line[separator.end():]
        if rest and not (rest[0].isalpha() or rest[0] in OPENING_QUOTES):
            return None  # "Portal.com - 05/06/2023, 08:15 WIB"
        mark = separator.group().strip()
        glued = not separator.group()[:1].isspace() and not separator.group()[-1:].isspace() and bool(rest)
        found = dateline_parts(head, mark[:1] if mark[:1] in ":|" else "-", glued, known_places, lang, own)
        if found is not None:
            # "Rusia - Ukraina Sepakat Damai" is a headline
            return None if rest and looks_like_headline(rest) else (separator.end(), found)
    return None


def attribution_agencies(text: str, lang: LanguageData) -> list[str]:
    """Outlets named by attribution phrases such as 'dilansir dari CNN' or 'Dilansir Press TV,'."""
    found = []
    lowered = phrase_view(text)
    calendar = {*lang.months, *lang.weekdays}
    for rule in lang.rules("attribution"):
        if not may_match(rule, lowered):
            continue
        for match in rule.pattern.finditer(text):
            tail = re.match(r"[ \t]+((?:[A-Z][\w.&-]*)(?:[ \t]+[A-Z][\w.&-]*){0,3})", text[match.end():])
            if tail and fold(tail.group(1).split()[0]) not in calendar:  # "dikutip Senin (3/7)" cites no one
                found.append(tail.group(1).rstrip("."))
    return found


@lru_cache(maxsize=8)
def known_place_names(lang: LanguageData) -> set[str]:
    return {form.casefold() for e in lang.gazetteer if e.type in ("Place", "Country") for form in e.forms}


# -- the page, line by line ---------------------------------------------------------------------------------
@dataclass(slots=True)
class Piece:
    """A kept part of a raw line."""

    start: int  # raw offset
    text: str
    line: int  # raw line number
    caption: bool = False  # a photo credit was cut off its end: a caption, which nothing continues


def page_lines(raw: str) -> list[tuple[int, int, str]]:
    """(line number, raw offset, text) of the non-blank lines, stripped, Markdown heading marks removed."""
    lines = []
    for number, (offset, line) in enumerate(iter_lines(raw)):
        stripped = line.strip()
        if not stripped:
            continue
        start = offset + line.index(stripped[0])
        if stripped.startswith("#"):  # Markdown heading
            inner = stripped.lstrip("#").strip()
            if not inner:
                continue
            start += stripped.index(inner)
            stripped = inner
        lines.append((number, start, stripped))
    return lines


def bullet_headlines(lines: list[tuple[int, int, str]], lang: LanguageData) -> set[int]:
    """Indexes of the lines of related-news lists: bulleted headlines ("- Harga Beras Naik Lagi di Jawa"), two or
    more in a row or one next to a teaser label. A bulleted list of sentences or names is not in title case or
    not in a row of headlines, and stays."""
    flagged = [text[0] in BULLET_MARKS and bool(BULLET.match(text)) and len(text.split()) > HEADLINE_MIN_WORDS
               and looks_like_headline(BULLET.sub("", text, count=1)) for _, _, text in lines]
    found = set()
    for i, flag in enumerate(flagged):
        if not flag:
            continue
        neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(lines)]
        if any(flagged[j] or teaser_label(lines[j][2], lang) is not None for j in neighbours):
            found.add(i)
    return found


def lead_dateline(lines: list[tuple[int, int, str]], lang: LanguageData, places: set[str],
                  own: frozenset[str]) -> tuple[int, int, dict[str, str]] | None:
    """(line index, length, parts) of the dateline that opens the body among the page's first lines."""
    for i, (_, _, text) in enumerate(lines[:LEAD_LINES]):
        found = find_dateline(text, lang, places, own)
        if found and not (label_value(text, lang) or is_chrome(text, lang)):
            return i, found[0], found[1]
        if len(text.split()) > MAX_FURNITURE_WORDS:
            return None  # the body has begun without a dateline
    return None


def take_credit(text: str, doc: Document, lang: LanguageData, own: frozenset[str]) -> tuple[str, bool, bool]:
    """The line without the photo credit or bracketed credit at its end, whether a photo credit was cut, and
    whether the credit closes the article (editors' initials)."""
    # the patterns need a "/" or a ":" ("(Foto: ...)"), which most lines lack: test for it first
    credit = ("/" in text and PHOTO_CREDIT.search(text)) or (":" in text and inline_photo_pattern(lang).search(text))
    if credit:
        doc.extra.setdefault("photo_credit", text[credit.start():].strip(" /()"))
        return text[: credit.start()].rstrip(), True, False
    bracket = TRAILING_CREDIT.search(text) if text.endswith(")") else None
    if not bracket:
        return text, False, False
    value = bracket["credit"].strip()
    if is_article_end(f"({value})", lang):
        return text[: bracket.start()].rstrip(), False, True
    first = value.split()[0].rstrip(".:").casefold()
    if any(rule.text.casefold() == first for rule in lang.rules("photo")):  # "(Dok. Kemlu RI)"
        doc.extra.setdefault("photo_credit", value)
    elif not CREDIT_NAME.match(value):
        return text, False, False  # a bracket of the sentence itself
    else:
        add_new(doc.source_agencies if is_outlet_name(value, lang, own) else doc.authors, [value])
    return text[: bracket.start()].rstrip(), False, False


def byline(text: str, lang: LanguageData, own: frozenset[str]) -> str | None:
    """The author of a byline "Name - outlet", or None."""
    match = BYLINE.match(text)
    return match["name"] if match and is_outlet_name(match["outlet"], lang, own) else None


def continues(previous: Piece, piece: Piece) -> bool:
    """A hard-wrapped paragraph: `piece` is the next raw line and goes on with the sentence `previous` left open
    (it starts in lower case or with a bracket, or the open line ends on a lower-case word and this one is no
    headline)."""
    if piece.line != previous.line + 1 or previous.caption:
        return False
    before = previous.text.rstrip()
    if before.endswith(tuple(SENTENCE_END) + (":", ";", "…")):
        return False
    first = piece.text[0]
    if first.islower() or (first == "(" and piece.text[1:2].isdigit()):
        return True
    last = before.split()[-1]
    return first.isupper() and last[0].islower() and last[-1].isalpha() and len(before.split()) >= WRAP_MIN_WORDS \
        and not looks_like_headline(piece.text)


def clean(doc: Document, lang: LanguageData, trace: list[tuple[str, str]] | None = None) -> Document:
    """Fill doc.text, doc.segments and metadata from doc.raw_text. trace, if given, receives (rule, line) for every
    line or line part dropped (kg eval judges the chrome rules with it)."""
    places = known_place_names(lang)
    own = own_outlet_keys(doc)
    lines = page_lines(doc.raw_text)
    bullets = bullet_headlines(lines, lang)
    dateline = lead_dateline(lines, lang, places, own)
    kept: list[Piece] = []
    seen: set[str] = set()
    removed = 0

    def drop(rule: str, line: str) -> None:
        nonlocal removed
        removed += 1
        if trace is not None:  # which boilerplate rule, found only when tracing
            trace.append((chrome_rule(line, lang) if rule == "chrome" else rule, line))
    title_key = dedup_key(doc.title) if doc.title else None
    headline: Piece | None = None
    teaser_block = 0
    ended = False
    for i, (number, start, stripped) in enumerate(lines):
        if ended:
            drop("after article end", stripped)
            continue
        label = label_value(stripped, lang)
        if label:
            action, value = label
            target = {"editor": doc.editors, "author": doc.authors, "source": doc.source_agencies}.get(action)
            if target is not None:
                add_new(target, split_agencies(value, lang) if action == "source" else [value])
            else:
                doc.extra.setdefault("photo_credit", value)
            drop(f"label: {action}", stripped)
            continue
        if is_chrome(stripped, lang):
            drop("chrome", stripped)
            continue
        if is_article_end(stripped, lang):
            ended = True
            drop("article end", stripped)
            continue
        label_end = teaser_label(stripped, lang)
        if label_end is not None:
            rest = stripped[label_end:].lstrip(" :–—-")
            if not rest:
                teaser_block = MAX_TEASER_BLOCK  # a lone label: the headlines listed under it go too
            if len(rest.split()) <= MAX_HEADLINE_WORDS:
                drop("teaser line", stripped)
                continue
            cut = headline_end(stripped, len(stripped) - len(rest))  # a teaser that runs on into the text
            start, stripped = start + cut, stripped[cut:]
        elif teaser_block and looks_like_headline(stripped):
            teaser_block -= 1
            drop("teaser block", stripped)
            continue
        teaser_block = 0
        published = parse_date_line(stripped, lang)
        if published:
            if not doc.published:
                doc.published, doc.published_basis = published, "text"
            drop("date line", stripped)
            continue
        if i in bullets:
            drop("bulleted headlines", stripped)
            continue
        author = byline(stripped, lang, own)
        if author:
            add_new(doc.authors, [author])
            drop("byline", stripped)
            continue
        stripped, caption, ended = take_credit(stripped, doc, lang, own)
        if dateline and i < dateline[0]:
            # the lead: the headline stays, the furniture between it and the dateline goes; furniture is not
            # remembered as seen, so the body keeps a sentence that the standfirst or a caption repeats
            if headline is None and (looks_like_title(stripped) or stripped.endswith(("...", "…"))
                                     or dedup_key(stripped) == title_key):
                headline = Piece(start, stripped, number)
                seen.add(dedup_key(stripped))
                kept.append(headline)
            else:
                drop("lead furniture", stripped)
            continue
        if dateline and i == dateline[0]:
            length, parts = dateline[1], dateline[2]
            doc.dateline = parts["place"] or doc.dateline
            if parts["outlet"] and not doc.outlet:
                doc.outlet = parts["outlet"]
            if parts["agency"]:
                doc.source_agencies.append(parts["agency"])
            start, stripped = start + length, stripped[length:]
            if not stripped.strip():
                drop("dateline only", stripped)
                continue
        key = dedup_key(stripped)
        if not key or key in seen:  # repeated headline or caption
            drop("repeated line", stripped)
            continue
        seen.add(key)
        names = contributors(stripped, lang)
        if names is not None:
            doc.contributors.extend(names)
            drop("contributors", stripped)
            continue
        next_line = lines[i + 1] if i + 1 < len(lines) else None
        wrapped = next_line is not None and next_line[0] == number + 1 and next_line[2][0].islower()
        if is_navigation(stripped) and key != title_key and not wrapped:
            drop("navigation", stripped)
            continue
        for offset, part in without_inner_teasers(stripped, lang):
            kept.append(Piece(start + offset, blank_runs(part), number, caption))

    if doc.title is None and len(kept) > 1 and looks_like_title(kept[0].text):
        doc.title = kept[0].text
    body_index = 1 if kept and doc.title and dedup_key(kept[0].text) == dedup_key(doc.title) else 0

    # Kept lines are joined by a blank line: spaCy's tokenizer splits "\n\n" off cheaply, while a single "\n"
    # glues the words around it into one chunk that is ten times slower to tokenize. The lines of a
    # hard-wrapped paragraph are joined by a space.
    pieces, segments, position = [], [], 0
    for n, piece in enumerate(kept):
        if n:
            glue = WRAP if continues(kept[n - 1], piece) else PARAGRAPH
            pieces.append(glue)
            position += len(glue)
        segments.append((position, piece.start, len(piece.text)))
        pieces.append(piece.text)
        position += len(piece.text)
    doc.text = "".join(pieces)
    doc.segments = segments
    doc.removed_lines = removed
    doc.headline_end = len(kept[0].text) if body_index == 1 else 0
    for agency in attribution_agencies(doc.text, lang):
        if agency not in doc.source_agencies:
            doc.source_agencies.append(agency)
    return doc
