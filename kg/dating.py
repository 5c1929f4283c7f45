"""Dating facts: every rule that gives a statement, meeting, event or sanction its date, in the order they run.

The time expressions of a sentence are found by kg/extract/dates.py from the language's calendar data; this
module decides which of them, or which other fact's date, a fact takes:
1. in its sentence, at extraction: the date near a trigger (date_near), the date nearest a speech cue outside
   what was said (statement_date);
2. across an article's drafts, at extraction: a date fronted in a paragraph frames it (date_by_paragraph_frame),
   the lead's day of a same-day report (mark_news_day), what ties a statement to an occasion (mark_occasions);
3. across an article's resolved records, at resolution: references back, replies, one person one occasion,
   anchored and anaphoric dates, one release, the news day (date_article).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from .extract import QUOTE_MARKS
from .extract.dates import TimeExpression, find_dates, shift
from .kinds import kind_of
from .lang import LanguageData, alternation
from .model import DateValue, Entity, Meeting, Mention, Record, Sentence, Statement

if TYPE_CHECKING:
    from .extract import DocumentContext, Draft


# -- 1. in a sentence ---------------------------------------------------------------------------------------------

DAY_KINDS = ("full", "numeric", "day_month", "weekday", "relative")  # date patterns that name a day
DATE_GAP_BEFORE = 2  # words allowed between a date and the trigger after it ("pada Senin ... bertemu")


def sentence_dates(context: DocumentContext, sentence: Sentence, future: bool, happening: bool = False
                   ) -> list[TimeExpression]:
    """The sentence's time expressions, against what is known of the publication date; for dating a meeting
    or an event (`happening`), against the text's own today where the publication day is unknown."""
    happening = happening and context.today is not None
    key = (sentence.index, future, happening)
    if key not in context.date_cache:
        known = context.today if happening else context.publication
        found = context.date_cache[key] = find_dates(sentence.text, context.lang, known, future)
        for expression in found:
            if expression.conflict and expression.conflict not in context.document.date_conflicts:
                context.document.date_conflicts.append(expression.conflict)
        if all(t.kind != "weekday" for t in found):  # only a weekday reads differently in the future
            context.date_cache[(sentence.index, not future, happening)] = found
    return context.date_cache[key]


def date_near(context: DocumentContext, sentence: Sentence, k: int, end: int, scope: tuple[int, int], future: bool
              ) -> DateValue | None:
    """The date of a trigger at tokens [k, end): the first date after it within its scope, or one right
    before it ("pada Senin bertemu", "Kamis (10/2) berbicara"); not one that belongs to another verb."""
    after_start = context.end_char(end - 1) - sentence.start
    after_stop = max(after_start, context.end_char(scope[1] - 1) - sentence.start)
    trigger_char = context.start_char(k) - sentence.start
    scope_char = context.start_char(scope[0]) - sentence.start
    dates = [d for d in sentence_dates(context, sentence, future, happening=True)
             if d.value is not None or d.offset_days is not None]
    following = [d for d in dates if after_start <= d.start < after_stop]
    if following:
        return as_date(following[0])
    # "sehari setelah X bertemu Y": a conjunction's date covers its whole clause
    preceding = [d for d in dates if scope_char <= d.start and d.end <= trigger_char
                 and (len(sentence.text[d.end:trigger_char].split()) <= DATE_GAP_BEFORE
                      or d.offset_days is not None)]
    return as_date(preceding[-1]) if preceding else None


def statement_date(context: DocumentContext, sentence: Sentence, cue_index: int, content: tuple[int, int]
                   ) -> DateValue | None:
    """The date of a statement: the time expression nearest its cue outside what was said (content: character
    offsets in the sentence), so "X mengatakan pertemuan Rabu akan ..." is not dated Wednesday; or the date
    that closes the sentence after a comma ("..., Kamis (9/11)."), which in news style dates the attribution
    even after a clause of reported speech."""
    dates = [d for d in sentence_dates(context, sentence, future=False)
             if d.value is not None or d.offset_days is not None]
    outside = [d for d in dates if not (content[0] <= d.start < content[1]) or closes_sentence(context, sentence, d)]
    if not outside:
        return None
    cue_char = context.start_char(cue_index) - sentence.start
    return as_date(min(outside, key=lambda d: abs(d.start - cue_char)))


def closes_sentence(context: DocumentContext, sentence: Sentence, expression: TimeExpression) -> bool:
    """ "..., Kamis (9/11)." : a day after a comma with nothing after it but punctuation and words that leave
    the day as it is ("..., Sabtu (2/11) lalu.": date_closers.txt)."""
    before, after = sentence.text[:expression.start].rstrip(), sentence.text[expression.end:]
    words = "".join(c if c.isalnum() else " " for c in after.casefold()).split()
    return before.endswith(",") and all(w in context.lang.date_closers for w in words) \
        and expression.kind in DAY_KINDS


def as_date(expression: TimeExpression) -> DateValue | None:
    """The date of an expression; a pending one for an anchored expression without an anchor."""
    if expression.value is not None:
        return expression.value
    if expression.offset_days is not None:
        return DateValue("", "pending", expression.text, expression.offset_days, expression.anaphor)
    return None


# -- 2. across an article's drafts ---------------------------------------------------------------------------------

def date_by_paragraph_frame(context: DocumentContext, drafts: list[Draft]) -> None:
    """A date fronted in a paragraph's first sentence ("Pada pembicaraan Senin di Jenewa, ...") sets the
    scene for the whole paragraph: its undated statements happened then."""
    frames: dict[int, DateValue] = {}
    seen: set[int] = set()
    for sentence in context.sentences:
        if sentence.paragraph in seen:
            continue
        seen.add(sentence.paragraph)
        comma = sentence.text.find(",")
        if sentence.text[:1] in QUOTE_MARKS:
            continue  # a date in an opening quotation belongs to the quote, not to the scene
        if comma < 1:
            continue  # no date can end before the comma: skip the search
        fronted = [d for d in sentence_dates(context, sentence, False) if d.value is not None and 0 <= d.end <= comma]
        if fronted:
            frames[sentence.paragraph] = fronted[0].value
    for draft in drafts:
        if draft.kind == "statement" and draft.date is None:
            frame = frames.get(context.paragraph_of[draft.evidence.sentence_index])
            draft.date = replace(frame, basis="paragraph frame") if frame else None


def mark_news_day(context: DocumentContext, drafts: list[Draft]) -> None:
    """A same-day report: when the lead (the body's first sentence) puts its story on the publication day
    ("... pada hari Selasa" in an article of that Tuesday), the statements the text leaves undated are offered
    that day, except where the text moves away from it: a past aspect before the verb ("telah mengatakan"),
    a vague time or one that fixes no day ("baru-baru ini", "pekan lalu") in the paragraph up to the statement,
    or another date earlier in the paragraph. Resolution gives the day to persons only, after every other
    dating rule (see kg.resolve.date_article)."""
    published = context.published
    candidates = [d for d in drafts if d.kind == "statement" and d.date is None and not d.attrs.get("past")]
    body = [s for s in context.sentences if not context.in_headline(s)]
    if published is None or not body or not candidates:
        return
    lead_day = next((d.value for d in sentence_dates(context, body[0], False)
                     if d.value is not None and d.value.precision == "day"), None)
    if lead_day is None or lead_day.value != published.isoformat():
        return
    vague = vague_time_pattern(context.lang)
    # per paragraph, the first sentence with another date (it frames the sentences after it; a date of the
    # statement's own sentence would have dated the statement already) and the first with a vague time
    dated_at: dict[int, int] = {}
    vague_at: dict[int, int] = {}
    for sentence in body:
        if sentence.paragraph not in dated_at and any(d.value is not None and d.value.value != lead_day.value
                                                      for d in sentence_dates(context, sentence, False)):
            dated_at[sentence.paragraph] = sentence.index
        # a vague time, or a time expression that fixes no day ("pekan lalu", an unanchored "setelah itu")
        vague_here = (vague is not None and vague.search(sentence.text)) \
            or any(d.value is None for d in sentence_dates(context, sentence, False))
        if sentence.paragraph not in vague_at and vague_here:
            vague_at[sentence.paragraph] = sentence.index
    never = len(context.sentences)
    for draft in candidates:
        index = draft.evidence.sentence_index
        paragraph = context.paragraph_of[index]
        if index <= body[0].index or dated_at.get(paragraph, never) < index or vague_at.get(paragraph, never) <= index:
            continue
        draft.news_day = replace(lead_day, basis="news day")


FRAME_REACH = 3  # tokens between a frame word and the meeting word it introduces ("Dalam pertemuan bilateral itu")
PAST_REACH = 3  # tokens after a cue that may hold the past marker of reported content ("mengatakan bahwa telah ...")


def mark_occasions(context: DocumentContext, drafts: list[Draft]) -> None:
    """What ties each statement to an occasion, for dating it in resolution (kg.resolve.date_article):
    - "meeting": a frame word and a meeting word outside what was said ("Dalam pertemuan itu, X mengatakan",
      "Usai bertemu Y, X menyebut", "“...,” kata X dalam pembicaraan itu"); the rest of its paragraph is framed too;
    - "channel": the statement names the medium it was made through ("dalam keterangannya", "lewat akun Twitter");
    - "past report": what was said reports a past happening ("X mengatakan telah menghubungi Y"): it was said
      after that happening, not in it."""
    framed: dict[int, int] = {}  # paragraph -> the first sentence framed in a meeting
    previous: Draft | None = None
    for draft in drafts:
        if draft.kind != "statement" or draft.at < 0:
            continue
        sentence = context.sentences[draft.evidence.sentence_index]
        if framed_in_meeting(context, sentence, draft):
            framed.setdefault(sentence.paragraph, sentence.index)
        if framed.get(sentence.paragraph, sentence.index + 1) <= sentence.index:
            draft.occasion = "meeting"
        elif names_channel(context, sentence) or continues_channel(previous, draft):
            draft.occasion = "channel"
        elif not draft.attrs.get("quote") and reports_own_past(context, sentence, draft.at):
            draft.occasion = "past report"
        previous = draft


def continues_channel(previous: Draft | None, draft: Draft) -> bool:
    """ "“...,” lanjutnya." right after a statement made through a medium goes on in that medium."""
    if previous is None or previous.occasion != "channel" or not draft.actors or not previous.actors:
        return False
    speaker, before = draft.actors[0], previous.actors[0]
    named = before.antecedent or before
    return speaker.source == "pronoun" and speaker.antecedent is not None \
        and speaker.antecedent.text == named.text \
        and draft.evidence.sentence_index - previous.evidence.sentence_index <= 1


def reports_own_past(context: DocumentContext, sentence: Sentence, at: int) -> bool:
    """A past marker right after the cue, before any name ("mengatakan (bahwa) telah menghubungi Y"): the speaker
    reports what they did before. With a subject of its own ("menambahkan bahwa China telah membuat ...") the
    past is that subject's, and says nothing of when the speaking was."""
    for j in range(at + 1, min(at + 1 + PAST_REACH, sentence.tokens[1])):
        if j in context.by_start:
            return False
        if context.lower[j] in context.lang.past_markers:
            return True
    return False


def framed_in_meeting(context: DocumentContext, sentence: Sentence, draft: Draft) -> bool:
    """A frame word followed by a meeting word, outside quotations and, for reported speech, before the cue."""
    frames, meeting_words = context.lang.occasions.get("frame", set()), occasion_meeting_words(context.lang)
    start, stop = sentence.tokens
    quoted = context.quoted(sentence)
    last = stop if draft.attrs.get("quote") else draft.at
    return any(context.lower[k] in frames and k not in quoted
               and any(stem(context.lower[j], context.lang) in meeting_words
                       for j in range(k + 1, min(k + 1 + FRAME_REACH, stop)))
               for k in range(start, last))


def names_channel(context: DocumentContext, sentence: Sentence) -> bool:
    """A channel word (or two, "konferensi pers") right after a channel preposition, outside quotations."""
    channels, channel_in = context.lang.occasions.get("channel", set()), context.lang.occasions.get("channel_in", set())
    start, stop = sentence.tokens
    quoted, lower = context.quoted(sentence), context.lower
    return any(lower[k] in channel_in and k not in quoted
               and any(stem(lower[j], context.lang) in channels
                       or (j + 1 < stop and f"{lower[j]} {lower[j + 1]}" in channels)
                       for j in range(k + 1, min(k + 3, stop)))
               for k in range(start, stop))


def stem(word: str, lang: LanguageData) -> str:
    """A word without the clitic of a possessed noun ("keterangannya", "pertemuannya"), when three letters or more
    remain (the word itself otherwise)."""
    bare = lang.without_clitic(word)
    return bare if len(bare) > 2 else word


@lru_cache(maxsize=8)
def occasion_meeting_words(lang: LanguageData) -> frozenset[str]:
    """The first words of the meeting triggers that name a meeting itself (nouns, and verbs of meeting, calling or
    visiting), not of talking in general ("berbicara dengan" may be an interview)."""
    return frozenset(t.form.split()[0].casefold() for t in lang.meeting_triggers
                     if t.kind == "noun" or (t.kind == "verb" and t.mode))


@lru_cache(maxsize=8)
def vague_time_pattern(lang: LanguageData) -> re.Pattern | None:
    if not lang.vague_time_markers:
        return None
    return re.compile(rf"(?<![\w-])(?:{alternation(lang.vague_time_markers)})(?![\w-])", re.IGNORECASE)


# -- 3. across an article's records --------------------------------------------------------------------------------

def date_article(items: list[Record], entities: dict[str, Entity], mentions: list[Mention]) -> None:
    """Date an article's undated facts where the text ties them to a dated one, in this order:
    1. a reference back: "X membuat pengumuman itu, dengan mengatakan ..." happened with the last dated statement;
    2. a reply: "X bertanya kepada Y (pada Senin)" followed by "..., kata Y kepada X" is the same exchange;
    3. one person, one occasion: when all of a person's day-dated facts (statements, meetings and events the
       person takes part in) in an article carry the same day, the person's undated statements are from that day
       ("Blinken pada hari Rabu mengatakan ... kata Blinken"); two different days -> nothing is inherited;
       countries and organizations state positions over time, so they inherit nothing;
    4. anchored dates: "sehari setelah Y" with no date in its sentence counts from the last dated statement
       before it; "setelah itu" (an anaphor) from the held meeting at a place its sentence names, else from the
       last dated fact before it; with no anchor, the fact stays undated.
    Step 3 runs again after step 4, which can date a person's event. Then one release: a speaker's statements
    through a medium ("dalam keterangannya") share the day the speaker's dated ones carry (see same_release).
    5. the news day: a person's statement still undated that extraction offered the lead's day (a same-day
       report, see kg.extract.mark_news_day) takes it, unless the person has a dated fact on another day.
    """
    items.sort(key=record_order)
    named_in: dict[int, set[str]] = defaultdict(set)  # sentence -> entities it names
    for mention in mentions:
        named_in[mention.sentence].add(mention.entity_id)
    statements = [r for r in items if isinstance(r, Statement)]
    for n, statement in enumerate(statements):
        if statement.date is None and statement.refers_back:
            earlier = [s for s in statements[:n] if is_day(s.date)
                       and s.evidence.sentence_index < statement.evidence.sentence_index]
            statement.date = carried(earlier[-1].date, "reference back") if earlier else None
    for previous, current in zip(statements, statements[1:], strict=False):
        if current.date is None and is_day(previous.date) and previous.addressees == [current.speaker] \
                and current.addressees == [previous.speaker]:
            current.date = carried(previous.date, "reply")
    in_meeting(items)
    same_occasion(items, entities)
    for record in items:
        if record.date is not None and record.date.precision == "pending":
            anchor = anaphor_anchor(record, items, named_in) if record.date.anaphor else \
                next((s.date for s in reversed(statements) if is_day(s.date)
                      and s.evidence.sentence_index < record.evidence.sentence_index), None)
            record.date = carried(shift(anchor, record.date.anchor_days, record.date.expression),
                                  "anaphor" if record.date.anaphor else "anchored") if anchor else None
    same_occasion(items, entities)
    same_release(items)
    news_day(items, entities)
    meeting_occasion(items, entities)


def anaphor_anchor(record: Record, items: list[Record], named_in: dict[int, set[str]]) -> DateValue | None:
    """The day "setelah itu" points back to: a held meeting at a place named in the record's sentence
    ("delegasi di Jenewa, mengatakan setelah itu"), else the last dated fact (not a planned meeting) before it."""
    here = record.evidence.sentence_index
    named = named_in.get(here, set())
    held = [r for r in items if r is not record and is_day(r.date) and r.evidence.sentence_index <= here
            and not (isinstance(r, Meeting) and r.status != "held")]
    at_place = [r for r in held if isinstance(r, Meeting) and r.place in named]
    before = [r for r in held if r.evidence.sentence_index < here]
    chosen = at_place or before
    return chosen[-1].date if chosen else None


def carried(date: DateValue | None, basis: str) -> DateValue | None:
    """A copy of a date that a rule carries over to another fact, saying which rule did."""
    return replace(date, basis=basis) if date is not None else None


def is_day(date: DateValue | None) -> bool:
    return date is not None and date.precision == "day"


def dated_days(items: list[Record], statements_only: bool = False) -> dict[str, dict[str, DateValue]]:
    """Per actor, the days of the day-dated facts it takes part in (every party counts: a person in meetings
    on two days has no single occasion), each with its first date. A planned or cancelled meeting is no occasion
    anyone spoke at. With statements_only: the days of the actor's statements, but for those dated by the meeting
    they were made in."""
    days: dict[str, dict[str, DateValue]] = defaultdict(dict)
    for record in items:
        if not is_day(record.date) or (isinstance(record, Meeting) and (statements_only or record.status != "held")):
            continue
        if statements_only and (not isinstance(record, Statement) or record.date.basis == "meeting frame"):
            continue  # a statement dated by its meeting says nothing of when a written one was made
        for actor in actors_of(record):
            days[actor].setdefault(record.date.value, record.date)
    return days


def undated_person_statements(items: list[Record], entities: dict[str, Entity]) -> list[Statement]:
    return [r for r in items if isinstance(r, Statement) and r.date is None
            and entities[r.speaker].type == "Person"]


def in_meeting(items: list[Record]) -> None:
    """A statement the text frames in a meeting ("Dalam pertemuan itu, X mengatakan") was made on the day of the
    last held meeting the article dated up to its sentence that the speaker took part in."""
    meetings = [r for r in items if isinstance(r, Meeting) and r.status == "held" and is_day(r.date)]
    for record in items:
        if isinstance(record, Statement) and record.date is None and record.occasion == "meeting":
            before = [m for m in meetings if m.evidence.sentence_index <= record.evidence.sentence_index
                      and record.speaker in m.participants]  # one who was not there spoke after it, not in it
            record.date = carried(before[-1].date, "meeting frame") if before else None


def same_occasion(items: list[Record], entities: dict[str, Entity]) -> None:
    """A person's undated statement is from the one day on which the article dates the person's other facts. Not a
    statement that reports a past happening ("mengatakan telah ..."); and a person who speaks through a written or
    broadcast medium in the article ("dalam keterangannya") takes only the days of their own statements, not of
    the meetings they were in."""
    days = dated_days(items)
    said = dated_days(items, statements_only=True)
    through_channel = {r.speaker for r in items if isinstance(r, Statement) and r.occasion == "channel"}
    for record in undated_person_statements(items, entities):
        if record.occasion == "past report":
            continue
        own = (said if record.speaker in through_channel else days).get(record.speaker, {})
        if len(own) == 1:
            record.date = carried(next(iter(own.values())), "same occasion")


def meeting_occasion(items: list[Record], entities: dict[str, Entity]) -> None:
    """One person, one occasion, for meetings: a held meeting the text leaves undated is from the one day on which
    the article dates the other facts of its persons ("Retno ... untuk bertemu Jokowi" in an article whose Retno
    speaks on one day); persons with facts on two days, or on different days from each other, give nothing, and
    neither does a meeting told as past ("X mengaku telah bertemu Y": before the occasion of the telling)."""
    days = dated_days(items)  # of the facts the text and the rules before dated: an undated meeting adds none
    for record in items:
        if not isinstance(record, Meeting) or record.date is not None or record.status != "held" or record.past:
            continue
        found = {value: date for p in record.participants if p in entities and entities[p].type == "Person"
                 for value, date in days.get(p, {}).items()}
        if len(found) == 1:
            record.date = carried(next(iter(found.values())), "same occasion")


def same_release(items: list[Record]) -> None:
    """Statements a speaker (a person, an organization or a country) makes through a written or broadcast medium
    ("kata X dalam keterangannya, Selasa (5/11)", "tambah X dalam keterangannya") are one release: an undated one
    takes the day of the speaker's dated ones when they all carry one day."""
    days: dict[str, dict[str, DateValue]] = defaultdict(dict)
    for record in items:
        if isinstance(record, Statement) and record.occasion == "channel" and is_day(record.date):
            days[record.speaker].setdefault(record.date.value, record.date)
    for record in items:
        if isinstance(record, Statement) and record.occasion == "channel" and record.date is None \
                and len(days.get(record.speaker, {})) == 1:
            record.date = carried(next(iter(days[record.speaker].values())), "same release")


def news_day(items: list[Record], entities: dict[str, Entity]) -> None:
    days = dated_days(items)
    for record in undated_person_statements(items, entities):
        if record.news_day is not None and days.get(record.speaker, {}).keys() <= {record.news_day.value}:
            record.date = record.news_day


def record_order(record: Record) -> tuple[str, int, str]:
    return record.evidence.doc_id, record.evidence.sentence_index, record.id


def actors_of(record: Record) -> list[str]:
    return kind_of(record).participants(record)
