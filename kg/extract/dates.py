"""Find temporal expressions in a sentence and resolve them against the publication date.

Resolved forms, at their real precision:
- "2 Februari 2022", "22/2/2022", "(21/1)" (year from the publication date)       -> day
- "pada (hari) Senin": the most recent Monday on or before publication, or the next one when the
  clause speaks of the future ("akan", "menjelang", "dijadwalkan"); unresolved without a publication date -> day
- "kemarin", "hari ini", "bulan lalu", "tahun lalu", "Desember tahun lalu", "Januari 2022"     -> day/month/year
- "pekan lalu/ini/depan" are found (so they are not mistaken for a weekday) but fix no day: no date
- "sehari setelah", "dua hari sebelumnya": that many days from the sentence's own date; without one, the
  expression keeps ``offset_days`` and resolution anchors it on the article's last dated statement
- "pada tahun 2014", "pada 2015"                                                                 -> year
Nothing is guessed: an expression that cannot be resolved carries no value.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from ..lang import CASE_SPECIALS, LanguageData, fold
from ..model import DateValue


@dataclass
class TimeExpression:
    start: int  # offsets relative to the text searched
    end: int
    text: str
    value: DateValue | None
    offset_days: int | None = None  # "sehari setelah Y": Y is this many days from the anchor date (here -1)
    kind: str = ""  # which pattern found it: a weekday's value depends on the clause's tense; an "anaphor"
    # ("setelah itu") is anchored on the happening it points back to

    @property
    def anaphor(self) -> bool:
        return self.kind == "anaphor"


def alternation(words) -> str:
    """A regex alternation of literal words, longest first (so "kemarin lusa" wins over "kemarin")."""
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def _anchored(lang: LanguageData, kind: str) -> list[str]:
    return [word for word, (k, _) in lang.anchored_dates.items() if k == kind]


WORD = re.compile(r"\w+")
DIGIT = re.compile(r"\d")


def first_words(phrases) -> frozenset[str] | None:
    """The first word of each phrase, lower-cased; None when there are none or one does not start with an ASCII
    word (then the phrases allow no quick test, see DatePattern)."""
    if not phrases:
        return None
    found = set()
    for phrase in phrases:
        word = WORD.match(phrase)
        if word is None or not word.group().isascii():
            return None
        found.add(word.group().lower())
    return frozenset(found)


@dataclass
class DatePattern:
    """A date pattern and what a text needs for it to match: most sentences lack a digit or the words, and
    testing for them is much cheaper than a scan with the pattern."""

    kind: str
    regex: re.Pattern
    needs_digit: bool = False
    needs_words: tuple[frozenset[str], ...] = ()  # every match holds a whole word of each set (lower case)

    def __post_init__(self) -> None:
        self.needs_words = tuple(frozenset(words) for words in self.needs_words if words is not None)  # None: no test


@lru_cache(maxsize=4)
def _patterns(lang: LanguageData) -> list[DatePattern]:
    """The date patterns of a language, built once."""
    m, w, r = alternation(lang.months), alternation(lang.weekdays), alternation(lang.relative_dates)
    counts, spans, anaphors = (alternation(_anchored(lang, kind)) for kind in ("count", "span", "anaphor"))
    counted = rf"(?:(?P<count>{counts}|\d{{1,2}})\s+hari|(?P<span>{spans}))"  # "sehari", "dua hari", "3 hari"
    directions = _anchored(lang, "direction")
    months = first_words(lang.months)
    years = [phrase for phrase, (unit, _) in lang.relative_dates.items() if unit == "year"]  # "tahun lalu"
    flags = re.IGNORECASE
    patterns = [
        DatePattern("anchored", re.compile(rf"\b{counted}\s+(?P<direction>{alternation(directions)})\b", flags),
                    needs_words=(first_words(directions),)),
        DatePattern("full", re.compile(rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{m})\.?\s+(?P<year>\d{{4}})\b", flags),
                    needs_digit=True, needs_words=(months,)),
        # 22/2/2022 anywhere; 21/1 only in the press convention "(21/1)", never a bare fraction
        DatePattern("numeric", re.compile(r"(?<![\d/.,])(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{2,4})(?![\d/])"
                                          r"|(?<=\()(?P<day2>\d{1,2})/(?P<month2>\d{1,2})(?=\))"), needs_digit=True),
        DatePattern("month_year", re.compile(rf"\b(?:bulan\s+)?(?P<month>{m})\s+(?:tahun\s+)?(?P<year>\d{{4}})\b",
                                             flags), needs_digit=True, needs_words=(months,)),
        DatePattern("day_month", re.compile(rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{m})\b(?!\s+\d{{4}})", flags),
                    needs_digit=True, needs_words=(months,)),
        DatePattern("relative", re.compile(rf"\b(?P<rel>{r})\b", flags),
                    needs_words=(first_words(lang.relative_dates),)),
        DatePattern("weekday", re.compile(rf"\b(?:pada\s+)?(?:hari\s+)?(?P<weekday>{w})\b(?!\s*\(\d)", flags),
                    needs_words=(first_words(lang.weekdays),)),
        DatePattern("year", re.compile(r"\b(?:pada\s+)?tahun\s+(?P<year>(?:19|20)\d{2})\b"
                                       r"|\bpada\s+(?P<year2>(?:19|20)\d{2})\b", flags),
                    needs_digit=True, needs_words=({"tahun", "pada"},)),
    ]
    if years:  # an empty alternation would match everywhere
        patterns.insert(3, DatePattern("month_rel", re.compile(
            rf"\b(?:bulan\s+)?(?P<month>{m})\s+(?P<rel>{alternation(years)})\b", flags),
            needs_words=(months, first_words(years))))
    if anaphors:  # an empty alternation would match everywhere
        patterns.insert(0, DatePattern("anaphor", re.compile(rf"\b(?:{counted}\s+)?(?P<anaphor>{anaphors})\b", flags),
                                       needs_words=(first_words(_anchored(lang, "anaphor")),)))
    return patterns


def _shift_month(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _valid_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year_for(month: int, day: int, published: date) -> int:
    """The year of a day-month date without a year: the publication year, or the one before when that
    would put the date more than a month after publication (news reports the past)."""
    candidate = _valid_day(published.year, month, day)
    if candidate and candidate - published > timedelta(days=31):
        return published.year - 1
    return published.year


def find_dates(text: str, lang: LanguageData, published: date | None, future: bool = False) -> list[TimeExpression]:
    """Temporal expressions in text, earliest first, each resolved when it can be."""
    # Most sentences hold no digit and few date words: one pass over the text's words tells which patterns can
    # match there at all (CASE_SPECIALS: characters for which the words' lower case is no exact test).
    words = None if CASE_SPECIALS.search(text) else {word.lower() for word in WORD.findall(text)}
    digits = DIGIT.search(text) is not None
    found: list[TimeExpression] = []
    taken: list[tuple[int, int]] = []
    for pattern in _patterns(lang):
        if pattern.needs_digit and not digits:
            continue
        if words is not None and any(needed.isdisjoint(words) for needed in pattern.needs_words):
            continue  # a word that every match holds is missing
        kind = pattern.kind
        for match in pattern.regex.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            try:
                expression = _expression(kind, match, lang, published, future)
            except KeyError:  # matched through a case equivalence that no spelling in the tables folds to
                continue
            if expression is not None:
                taken.append((start, end))
                found.append(expression)
    found.sort(key=lambda t: t.start)
    anchors = [t.value for t in found if t.value is not None and t.value.precision == "day"]
    for expression in found:  # "Kamis (30/6) ... sehari sebelumnya": anchored on the sentence's own date
        if expression.offset_days is not None and len(anchors) == 1:
            expression.value = shift(anchors[0], expression.offset_days, expression.text)
    return found


def _expression(kind: str, match: re.Match, lang: LanguageData, published: date | None,
                future: bool) -> TimeExpression | None:
    start, end = match.span()
    if kind == "anchored":
        return TimeExpression(start, end, match.group(0), None, _anchored_days(match, lang), kind=kind)
    if kind == "anaphor":
        # "setelah itu" is the day of the happening; "sehari setelah itu" one day after it
        days = int(lang.anchored_dates[fold(match["anaphor"])][1]) + _counted_days(match, lang)
        return TimeExpression(start, end, match.group(0), None, days, kind=kind)
    value = _resolve(kind, match, lang, published, future)
    if kind == "numeric" and value is None:
        return None  # "1/2" that is not a date (a fraction) is not an expression either
    return TimeExpression(start, end, match.group(0), value, kind=kind)


def _counted_days(match: re.Match, lang: LanguageData) -> int:
    """The number of days of "sehari", "dua hari", "3 hari" (0 when the expression has none)."""
    if match["span"]:
        return int(lang.anchored_dates[fold(match["span"])][1])
    if not match["count"]:
        return 0
    if match["count"].isdigit():
        return int(match["count"])
    return int(lang.anchored_dates[fold(match["count"])][1])


def _anchored_days(match: re.Match, lang: LanguageData) -> int:
    return _counted_days(match, lang) * int(lang.anchored_dates[fold(match["direction"])][1])


def shift(anchor: DateValue, days: int, expression: str) -> DateValue:
    """The day `days` after (or before) a day-precision anchor, e.g. for "sehari setelah"."""
    day = date.fromisoformat(anchor.value) + timedelta(days=days)
    return DateValue(day.isoformat(), "day", expression)


def _resolve(kind: str, match: re.Match, lang: LanguageData, published: date | None, future: bool) -> DateValue | None:
    expression = match.group(0)
    groups = match.groupdict()
    if kind == "full":
        day = _valid_day(int(groups["year"]), lang.months[fold(groups["month"])], int(groups["day"]))
        return DateValue(day.isoformat(), "day", expression) if day else None
    if kind == "numeric":
        d, m = int(groups["day"] or groups["day2"]), int(groups["month"] or groups["month2"])
        if groups["year"]:
            year = int(groups["year"])
            year += 2000 if year < 100 else 0
        elif published:
            year = _year_for(m, d, published)
        else:
            return None
        day = _valid_day(year, m, d)
        return DateValue(day.isoformat(), "day", expression) if day else None
    if kind == "day_month":
        if not published:
            return None
        m, d = lang.months[fold(groups["month"])], int(groups["day"])
        day = _valid_day(_year_for(m, d, published), m, d)
        return DateValue(day.isoformat(), "day", expression) if day else None
    if kind == "month_year":
        month = lang.months[fold(groups["month"])]
        return DateValue(f"{int(groups['year']):04d}-{month:02d}", "month", expression)
    if kind == "month_rel":
        if not published:
            return None
        _, offset = lang.relative_dates[fold(groups["rel"])]
        return DateValue(f"{published.year + offset:04d}-{lang.months[fold(groups['month'])]:02d}", "month",
                         expression)
    if kind == "weekday":
        if not published:
            return None
        weekday = lang.weekdays[fold(groups["weekday"])]
        delta = (published.weekday() - weekday) % 7
        day = published + timedelta(days=(7 - delta) % 7) if future and delta else published - timedelta(days=delta)
        return DateValue(day.isoformat(), "day", expression)
    if kind == "relative":
        if not published:
            return None
        unit, offset = lang.relative_dates[fold(groups["rel"])]
        if unit == "day":
            return DateValue((published + timedelta(days=offset)).isoformat(), "day", expression)
        if unit == "week":
            return None  # a week fixes no day, and xsd has no week: found, but not a date
        if unit == "month":
            year, month = _shift_month(published, offset)
            return DateValue(f"{year:04d}-{month:02d}", "month", expression)
        return DateValue(f"{published.year + offset:04d}", "year", expression)
    if kind == "year":
        return DateValue(groups["year"] or groups["year2"], "year", expression)
    return None


def published_day(iso: str | None) -> date | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None
