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

from ..lang import CASE_SPECIALS, LanguageData, alternation, fold
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
    conflict: str | None = None  # the text contradicts the date (a weekday that the day is not): left undated

    @property
    def anaphor(self) -> bool:
        return self.kind == "anaphor"


def calendar_words(lang: LanguageData, kind: str) -> str:
    """The alternation of the language's calendar words of a kind (calendar.tsv): day_noun ("hari"), month_noun,
    year_noun, preposition ("pada") ..."""
    return alternation(lang.calendar_words.get(kind, ()))


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
    day, month, year = (calendar_words(lang, kind) for kind in ("day_noun", "month_noun", "year_noun"))
    on = calendar_words(lang, "preposition")
    counted = rf"(?:(?P<count>{counts}|\d{{1,2}})\s+(?:{day})|(?P<span>{spans}))"  # "sehari", "dua hari", "3 hari"
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
        DatePattern("month_year", re.compile(rf"\b(?:(?:{month})\s+)?(?P<month>{m})\s+(?:(?:{year})\s+)?"
                                             rf"(?P<year>\d{{4}})\b", flags), needs_digit=True, needs_words=(months,)),
        DatePattern("day_month", re.compile(rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{m})\b(?!\s+\d{{4}})", flags),
                    needs_digit=True, needs_words=(months,)),
        DatePattern("relative", re.compile(rf"\b(?P<rel>{r})\b", flags),
                    needs_words=(first_words(lang.relative_dates),)),
        DatePattern("weekday", re.compile(rf"\b(?:(?:{on})\s+)?(?:(?:{day})\s+)?(?P<weekday>{w})\b(?!\s*\(\d)", flags),
                    needs_words=(first_words(lang.weekdays),)),
        DatePattern("year", re.compile(rf"\b(?:(?:{on})\s+)?(?:{year})\s+(?P<year>(?:19|20)\d{{2}})\b"
                                       rf"|\b(?:{on})\s+(?P<year2>(?:19|20)\d{{2}})\b", flags),
                    needs_digit=True, needs_words=(first_words([*lang.calendar_words.get("year_noun", ()),
                                                                *lang.calendar_words.get("preposition", ())]),)),
    ]
    if years:  # no such phrases, no pattern
        patterns.insert(3, DatePattern("month_rel", re.compile(
            rf"\b(?:(?:{month})\s+)?(?P<month>{m})\s+(?P<rel>{alternation(years)})\b", flags),
            needs_words=(months, first_words(years))))
    if _anchored(lang, "anaphor"):
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


def _year_for(month: int, day: int, published: Published) -> int:
    """The year of a day-month date without a year: the publication year, or the one before when that would put
    the date more than a month after the latest day the article can have been published (news reports the past)."""
    latest = published.latest
    candidate = _valid_day(latest.year, month, day)
    if candidate and candidate - latest > timedelta(days=31):
        return latest.year - 1
    return latest.year


@dataclass(frozen=True)
class Published:
    """What is known of an article's publication date: the day, or only its month or its year. Expressions are
    resolved with what is known: a weekday or "kemarin" needs the day, "bulan lalu" the month, a day and month
    without a year ("9 Maret", "(9/3)") the year."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def date(self) -> date | None:
        """The publication day, when it is known."""
        return date(self.year, self.month, self.day) if self.month and self.day else None

    @property
    def latest(self) -> date:
        """The last day the article can have been published."""
        if self.month is None:
            return date(self.year, 12, 31)
        if self.day is None:
            following = date(self.year + self.month // 12, self.month % 12 + 1, 1)
            return following - timedelta(days=1)
        return date(self.year, self.month, self.day)


PUBLISHED = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def publication(iso: str | None) -> Published | None:
    """What an ISO publication date or date-time ("2022-02-14T10:00", "2022-02", "2022") says."""
    match = PUBLISHED.match(iso or "")
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    if _valid_day(year, month or 1, day or 1) is None:
        return None
    return Published(year, month, day)


def find_dates(text: str, lang: LanguageData, published: Published | date | None, future: bool = False
               ) -> list[TimeExpression]:
    """Temporal expressions in text, earliest first, each resolved with what is known of the publication date
    (a day, or a Published that may know only the month or the year)."""
    if isinstance(published, date):
        published = Published(published.year, published.month, published.day)
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
    if any(t.kind in WEEKDAY_CHECKED for t in found):
        check_weekdays(text, found, lang)
    if found:
        mark_citations(text, found, lang)
    anchors = [t.value for t in found if t.value is not None and t.value.precision == "day"]
    for expression in found:  # "Kamis (30/6) ... sehari sebelumnya": anchored on the sentence's own date
        if expression.offset_days is not None and len(anchors) == 1:
            expression.value = shift(anchors[0], expression.offset_days, expression.text)
    return found


WEEKDAY_CHECKED = ("full", "numeric", "day_month")  # day patterns a weekday may stand in front of


def check_weekdays(text: str, found: list[TimeExpression], lang: LanguageData) -> None:
    """A weekday right before a day ("Senin (17/10/2023)", "Kamis, 9 Maret") is part of that date, not a date of its
    own. When the day is not that weekday the text contradicts itself, and kg does not guess which part is wrong:
    the expression keeps no date and says why (TimeExpression.conflict)."""
    before = weekday_before_pattern(lang)
    for expression in [t for t in found if t.kind in WEEKDAY_CHECKED]:
        match = before.search(text, max(0, expression.start - 24), expression.start)
        if match is None:
            continue
        for weekday in [t for t in found if t.kind == "weekday" and match.start() <= t.end <= expression.start]:
            found.remove(weekday)  # "pada Kamis" of "pada Kamis, 9 Maret" is the same day, read once
        if text[expression.end:expression.end + 1] == ")" and "(" in text[match.start():expression.start]:
            expression.end += 1
        expression.start, expression.text = match.start(), text[match.start():expression.end]
        if expression.value is not None:
            expression.value.expression = expression.text
        named = lang.weekdays.get(fold(match["weekday"]))
        if expression.value is None or named is None:
            continue
        day = date.fromisoformat(expression.value.value)
        if named != day.weekday():
            expression.conflict = f"{expression.text}: {day.isoformat()} is no {match['weekday']}"
            expression.value = None


def mark_citations(text: str, found: list[TimeExpression], lang: LanguageData) -> None:
    """ "dikutip dari laman X, Rabu (16/11/2022)", "seperti dilansir Reuters, Senin": the day a source was quoted,
    not a day anything happened. Such an expression dates nothing (its kind says why)."""
    pattern = citation_pattern(lang)
    if pattern is None:
        return
    for expression in found:
        if pattern.search(text, max(0, expression.start - 60), expression.start):
            expression.kind, expression.value, expression.offset_days = "citation", None, None


@lru_cache(maxsize=4)
def citation_pattern(lang: LanguageData) -> re.Pattern | None:
    """An attribution phrase of the language data, up to four words of the source's name and a comma, right before
    a date (a comma ends the name: in "dilansir X, Amerika Serikat pada Senin mengumumkan" Monday is the news)."""
    phrases = [rule.text for rule in lang.rules("attribution")]
    if not phrases:
        return None
    return re.compile(rf"\b(?:{alternation(phrases)})(?:\s+[\w.@/&-]+){{0,4}}?\s*,?\s*$", re.IGNORECASE)


def text_year(text: str, lang: LanguageData) -> Published | None:
    """For an article without a publication date: the year of its explicit days ("4/6/2023", "2 Juni 2023") when they
    all fall in one year, so that its days without a year ("Sabtu (3/6)") take that year."""
    years = {t.value.value[:4] for t in find_dates(text, lang, None)
             if t.value is not None and t.kind in ("full", "numeric") and t.value.precision == "day"}
    return Published(int(years.pop())) if len(years) == 1 else None


def text_today(text: str, lang: LanguageData, published: Published | None) -> Published | None:
    """For an article whose publication day is unknown: the day its text names as today, a "today" word right before
    an explicit day ("pada hari ini, Kamis, 8 Juni 2023", "hari ini, Senin (3/7/2023)") that fits the publication month
    or year where one is known; None when the text names none, or two different ones."""
    if published is not None and published.date is not None:
        return None
    today = {fold(phrase) for phrase, (unit, offset) in lang.relative_dates.items() if unit == "day" and offset == 0}
    folded = fold(text)
    if not any(phrase in folded for phrase in today):
        return None  # most texts never say "today": no pass over the whole text for them
    found = find_dates(text, lang, published)
    days = set()
    for word, explicit in zip(found, found[1:], strict=False):
        if fold(word.text) not in today or explicit.value is None or explicit.value.precision != "day" \
                or explicit.kind not in ("full", "numeric") or text[word.end:explicit.start].strip(" ,") != "":
            continue
        day = date.fromisoformat(explicit.value.value)
        if published is None or (day.year == published.year and published.month in (None, day.month)):
            days.add(day)
    if len(days) != 1:
        return None
    day = days.pop()
    return Published(day.year, day.month, day.day)


@lru_cache(maxsize=4)
def weekday_before_pattern(lang: LanguageData) -> re.Pattern:
    """A weekday name right before a day: "Senin (", "Senin, ", "Kamis "."""
    on, day = calendar_words(lang, "preposition"), calendar_words(lang, "day_noun")
    return re.compile(rf"(?:\b(?:{on})\s+)?(?:\b(?:{day})\s+)?\b(?P<weekday>{alternation(lang.weekdays)})"
                      r"\s*,?\s*\(?\s*$", re.IGNORECASE)


def _expression(kind: str, match: re.Match, lang: LanguageData, published: Published | None,
                future: bool) -> TimeExpression | None:
    start, end = match.span()
    if kind == "anchored":
        return TimeExpression(start, end, match.group(0), None, _anchored_days(match, lang), kind=kind)
    if kind == "anaphor":
        # "setelah itu" is the day of the happening; "sehari setelah itu" one day after it
        days = int(lang.anchored_dates[fold(match["anaphor"])][1]) + _counted_days(match, lang)
        return TimeExpression(start, end, match.group(0), None, days, kind=kind)
    value = _resolve(kind, match, lang, published, future)
    if kind == "numeric" and value is None and _numeric_day(match, 2000) is None:
        return None  # "1/2" that is not a date (a fraction) is not an expression either
    if value is not None:
        value.basis = kind
    return TimeExpression(start, end, match.group(0), value, kind=kind)


def _numeric_day(match: re.Match, year: int) -> date | None:
    """The day of a numeric date ("22/2/2022", "(21/1)") in the given year, or None if there is no such day."""
    groups = match.groupdict()
    return _valid_day(year, int(groups["month"] or groups["month2"]), int(groups["day"] or groups["day2"]))


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


def _resolve(kind: str, match: re.Match, lang: LanguageData, published: Published | None, future: bool
             ) -> DateValue | None:
    expression = match.group(0)
    groups = match.groupdict()
    day_known = published.date if published else None
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
        if not day_known:
            return None
        weekday = lang.weekdays[fold(groups["weekday"])]
        delta = (day_known.weekday() - weekday) % 7
        day = day_known + timedelta(days=(7 - delta) % 7) if future and delta else day_known - timedelta(days=delta)
        return DateValue(day.isoformat(), "day", expression)
    if kind == "relative":
        if not published:
            return None
        unit, offset = lang.relative_dates[fold(groups["rel"])]
        if unit == "day":
            return DateValue((day_known + timedelta(days=offset)).isoformat(), "day", expression) if day_known else None
        if unit == "week":
            return None  # a week fixes no day, and xsd has no week: found, but not a date
        if unit == "month":
            if published.month is None:
                return None
            year, month = _shift_month(date(published.year, published.month, 1), offset)
            return DateValue(f"{year:04d}-{month:02d}", "month", expression)
        return DateValue(f"{published.year + offset:04d}", "year", expression)
    if kind == "year":
        return DateValue(groups["year"] or groups["year2"], "year", expression)
    return None


def published_day(iso: str | None) -> date | None:
    """The publication day of an ISO date or date-time, or None when only its month or year (or nothing) is known."""
    found = publication(iso)
    return found.date if found else None
