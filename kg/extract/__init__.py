"""Stage 4, extract: mentions, statements and meetings from one analysed document.

``extract_document`` walks the sentences in order, so a pronoun speaker ("ia", "dia", "-nya")
can be tied to the last named speaker. Statements and meetings refer to mentions here;
resolution (stage 5) turns mentions into entity ids.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ..analyse import token_offsets, token_texts
from ..lang import LanguageData, alternation
from ..model import DateValue, Document, Evidence, Mention, Sentence
from .dates import Published, TimeExpression, find_dates, publication, text_today, text_year
from .entities import MentionFinder

ACTOR_TYPES = ("Person", "Organization", "Country")
QUOTE_MARKS = "“\"«‘'"
DAY_KINDS = ("full", "numeric", "day_month", "weekday", "relative")  # date patterns that name a day
PHRASE_REACH = 3  # common words between a preposition and the name that ends its phrase
PRONOUN_REACH = 3  # sentences back a pronoun finds its person when no one has spoken yet
DATE_GAP_BEFORE = 2  # words allowed between a date and the trigger after it ("pada Senin ... bertemu")


@dataclass(slots=True)
class Draft:
    """A statement or meeting before resolution: mentions instead of entity ids."""

    kind: str  # statement | meeting | event
    id: str
    evidence: Evidence
    cue: str
    actors: list[Mention]  # statement: [speaker]; meeting: participants
    addressees: list[Mention] = field(default_factory=list)
    about: list[Mention] = field(default_factory=list)
    place: Mention | None = None
    date: DateValue | None = None
    attrs: dict[str, str | None] = field(default_factory=dict)
    news_day: DateValue | None = None  # statements: the lead's day, if the text gives the statement none
    at: int = -1  # token of the cue or trigger in the analysed Doc (analysis-internal)
    # statements: what ties it to an occasion for dating (see mark_occasions): "meeting" (said in a meeting the
    # text reported), "channel" (made through a written or broadcast medium), "past report" (reports a past event)
    occasion: str = ""


@dataclass
class DocumentContext:
    document: Document
    doc: Doc
    sentences: list[Sentence]
    mentions: list[Mention]
    lang: LanguageData
    last_speaker: Mention | None = None
    last_quote_statement: Draft | None = None  # a quoted statement of the previous sentence, for continuations
    last_statement: Draft | None = None  # the last statement read, for references back ("Hal itu disampaikan X")
    by_start: dict[int, Mention] = field(default_factory=dict)
    by_end: dict[int, Mention] = field(default_factory=dict)
    title_words: frozenset[str] = frozenset()
    words: list[str] = field(default_factory=list)
    lower: list[str] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)  # Token.idx
    text: str = ""  # doc.text
    date_cache: dict[tuple[int, bool, bool], list[TimeExpression]] = field(default_factory=dict)
    quote_cache: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    quoted_cache: dict[int, set[int]] = field(default_factory=dict)
    dangling_quotes: set[int] = field(default_factory=set)  # sentences whose last quotation is never closed
    position_cache: dict[str, list[int]] = field(default_factory=dict)
    distinct_words: set[str] | None = None  # of self.lower
    # the distinct words written with a clitic ("-nya"), by what precedes it
    clitic_stems: dict[str, set[str]] = field(default_factory=dict)
    paragraph_of: dict[int, int] = field(default_factory=dict)  # sentence index -> paragraph
    # what is known of the publication date (a day, a month or a year); without one, the year of the text's days
    publication: Published | None = None
    # without a publication day, the day the text names as today ("hari ini, Ahad, 16 Mei 2021"): it dates the
    # weekdays and "kemarin" of meetings and events (see date_near), not what resolution spreads to statements
    today: Published | None = None

    def __post_init__(self) -> None:
        # plain lists: indexing a spaCy Doc builds a Token object each time, which the rules do millions of times
        self.words = self.words or token_texts(self.doc)
        self.lower = [word.lower() for word in self.words]
        self.offsets = token_offsets(self.doc)
        self.text = self.document.text  # what doc was made from
        self.title_words = title_words(self.lang)
        self.paragraph_of = {s.index: s.paragraph for s in self.sentences}
        self.publication = publication(self.document.published) or text_year(self.text, self.lang)
        self.today = text_today(self.text, self.lang, self.publication)
        for mention in self.mentions:
            self.by_start.setdefault(mention.tokens[0], mention)
            self.by_end.setdefault(mention.tokens[1] - 1, mention)

    @property
    def published(self) -> date | None:
        """The publication day, when it is known."""
        return self.publication.date if self.publication else None

    def is_actor(self, mention: Mention | None) -> bool:
        return mention is not None and mention.type in ACTOR_TYPES and mention.source != "title-org"

    def is_object(self, mention: Mention) -> bool:
        """A mention right after a preposition or a generic noun ("kepada X", "pejabat AS")."""
        k = mention.tokens[0] - 1
        if k < 0:
            return False
        word = self.lower[k]
        return word in self.lang.prepositions or word in self.lang.generic_nouns

    def past_before(self, sentence: Sentence, k: int, reach: int) -> bool:
        """A past-aspect word (telah, pernah, sudah) within `reach` tokens before token k of the sentence."""
        return any(self.lower[j] in self.lang.past_markers for j in range(max(sentence.tokens[0], k - reach), k))

    def in_prepositional_phrase(self, mention: Mention) -> bool:
        """A name at the end of a prepositional phrase ("dalam pertemuan khusus ASEAN"): a preposition a few common
        words before it."""
        for k in range(mention.tokens[0] - 1, max(-1, mention.tokens[0] - 1 - PHRASE_REACH), -1):
            word = self.lower[k]
            if word in self.lang.prepositions:
                return True
            if self.doc[k].is_punct or self.by_end.get(k) is not None or self.words[k][:1].isupper():
                return False
        return False

    def after_generic_noun(self, mention: Mention) -> bool:
        k = mention.tokens[0] - 1
        return k >= 0 and self.lower[k] in self.lang.generic_nouns

    def subject_before(self, sentence: Sentence, index: int, max_gap: int = 12) -> Mention | None:
        """The nearest actor before token `index` that can be a clause subject; a pronoun gives
        the last named speaker."""
        k = index - 1
        while k >= sentence.tokens[0] and index - k <= max_gap:
            mention = self.by_end.get(k)
            if mention is not None:
                # right before the verb a name is its subject, even after "dengan" ("dengan AS menolak")
                adjacent = index == mention.tokens[1] and not self.after_generic_noun(mention)
                if self.is_actor(mention) and (adjacent or not (self.is_object(mention)
                                                                or self.in_prepositional_phrase(mention))):
                    return mention
                k = mention.tokens[0] - 1
                continue
            if self.lower[k] in self.lang.pronouns:
                return self.pronoun(sentence, k, k + 1)
            if self.words[k] in "“”\"" or self.lower[k] in self.lang.plural_pronouns:
                return None  # no subject before a quotation; "mereka": a group not named here
            k -= 1
        return None

    def start_char(self, k: int) -> int:
        return self.offsets[k]

    def end_char(self, k: int) -> int:
        """The character offset after token k."""
        return self.offsets[k] + len(self.words[k])

    def span_text(self, start: int, end: int) -> str:
        """doc[start:end].text without building a Span and its Tokens."""
        return self.text[self.offsets[start]:self.end_char(end - 1)] if end > start else ""

    def pronoun(self, sentence: Sentence, start: int, end: int, antecedent: Mention | None = None) -> Mention | None:
        """A mention for a pronoun speaker ("Ia", "dia", "katanya") standing for the last named speaker, or, before
        anyone has spoken (for "ia"/"dia": before any person has), for the person the text is about (person_before);
        or for a given antecedent (a reference back by other words than a pronoun)."""
        personal = self.lower[start] in self.lang.pronouns  # "ia", "dia" stand for a person; "-nya" for anyone
        if antecedent is None:
            antecedent = self.last_speaker
            if antecedent is None or (personal and antecedent.type != "Person"):
                antecedent = self.person_before(sentence, start) or (None if personal else antecedent)
        if antecedent is None:
            return None
        mention = Mention(self.document.id, sentence.index, self.start_char(start), self.end_char(end - 1),
                          self.span_text(start, end), antecedent.type, "pronoun", tokens=(start, end),
                          antecedent=antecedent)
        self.mentions.append(mention)
        return mention

    def person_before(self, sentence: Sentence, before: int) -> Mention | None:
        """The person a pronoun refers to when no one (no person) has spoken yet: the nearest sentence before it that
        names people (its own words before the pronoun first, then up to PRONOUN_REACH sentences back) names only
        one, outside a quotation ("Kehadiran Presiden X di KTT ... . Ia mengatakan ..."). Two people there: nobody,
        the pronoun is left unresolved."""
        for s in reversed(self.sentences[max(0, sentence.index - PRONOUN_REACH):sentence.index + 1]):
            stop = before if s.index == sentence.index else s.tokens[1]
            quoted = self.quoted(s)
            named: dict[str, Mention | None] = {}  # last name -> its last mention outside quotations
            for j in range(s.tokens[0], stop):
                mention = self.by_start.get(j)
                if mention is not None and mention.type == "Person" and not mention.title_only \
                        and mention.source != "pronoun":
                    key = mention.text.split()[-1].casefold()  # one person, however named
                    named[key] = mention if j not in quoted else named.get(key)
            if named:
                return next(iter(named.values())) if len(named) == 1 else None
        return None

    def main_subject(self, sentence: Sentence, before: int) -> Mention | None:
        """The first actor of the sentence that is not a prepositional object, before token `before`."""
        for mention in self.mentions:
            if sentence.tokens[0] <= mention.tokens[0] < before and self.is_actor(mention) \
                    and not self.is_object(mention):
                return mention
        return None

    def co_subjects(self, subject: Mention) -> list[Mention]:
        """Actors joined to a subject by a coordinator: "Washington dan NATO mengatakan" -> [Washington]."""
        found = []
        k = subject.tokens[0] - 1
        while k > 0 and self.lang.coordinators.get(self.lower[k]) == "both":
            mention = self.by_end.get(k - 1)
            if not self.is_actor(mention) or self.is_object(mention) or not self.opens_phrase(mention):
                break
            found.append(mention)
            k = mention.tokens[0] - 1
        return found

    def opens_phrase(self, mention: Mention) -> bool:
        """Nothing but punctuation, a joiner or a sentence-initial word stands before the mention: it is not
        the possessor of a noun ("ekspansi NATO dan Kremlin mengatakan": NATO is not a speaker)."""
        k = mention.tokens[0] - 1
        if k < 0 or self.doc[k].is_sent_start or self.doc[k].is_punct:
            return True
        return self.lower[k] in self.lang.coordinators

    def actors_after(self, start: int, stop: int) -> list[Mention]:
        """Actor mentions from token `start` up to `stop`, through an enumeration ("X, Y dan Z")."""
        found = []
        k = start
        while k < stop:
            mention = self.by_start.get(k)
            if mention is not None:
                if self.is_actor(mention):
                    found.append(mention)
                k = mention.tokens[1]
                continue
            word = self.lower[k]
            if word == "(":  # a short bracket inside a title: "Presiden Amerika Serikat (AS) Donald Trump"
                close = next((j for j in range(k + 1, min(k + 4, stop)) if self.words[j] == ")"), None)
                if close is not None:
                    k = close + 1
                    continue
            if not (word in self.title_words or word in self.lang.generic_nouns
                    or self.lang.coordinators.get(word) == "both" or word in ("-", "–")):
                break  # the enumeration ends at the first word that is not a name, title or joiner
            k += 1
        return found

    def place_after(self, start: int, stop: int) -> Mention | None:
        """The first place introduced by a locative ("di Jenewa", "wilayah Voronezh") in [start, stop)."""
        for j in range(start, stop):
            if self.lower[j] in self.lang.locatives:
                mention = self.by_start.get(j + 1)
                if mention is not None and mention.type == "Place":
                    return mention
        return None

    def date_near(self, sentence: Sentence, k: int, end: int, scope: tuple[int, int], future: bool
                  ) -> DateValue | None:
        """The date of a trigger at tokens [k, end): the first date after it within its scope, or one right
        before it ("pada Senin bertemu", "Kamis (10/2) berbicara"); not one that belongs to another verb."""
        after_start = self.end_char(end - 1) - sentence.start
        after_stop = max(after_start, self.end_char(scope[1] - 1) - sentence.start)
        trigger_char = self.start_char(k) - sentence.start
        scope_char = self.start_char(scope[0]) - sentence.start
        dates = [d for d in self.dates(sentence, future, happening=True)
                 if d.value is not None or d.offset_days is not None]
        following = [d for d in dates if after_start <= d.start < after_stop]
        if following:
            return as_date(following[0])
        # "sehari setelah X bertemu Y": a conjunction's date covers its whole clause
        preceding = [d for d in dates if scope_char <= d.start and d.end <= trigger_char
                     and (len(sentence.text[d.end:trigger_char].split()) <= DATE_GAP_BEFORE
                          or d.offset_days is not None)]
        return as_date(preceding[-1]) if preceding else None

    def statement_date(self, sentence: Sentence, cue_index: int, content: tuple[int, int]) -> DateValue | None:
        """The date of a statement: the time expression nearest its cue outside what was said (content: character
        offsets in the sentence), so "X mengatakan pertemuan Rabu akan ..." is not dated Wednesday; or the date
        that closes the sentence after a comma ("..., Kamis (9/11)."), which in news style dates the attribution
        even after a clause of reported speech."""
        dates = [d for d in self.dates(sentence, future=False) if d.value is not None or d.offset_days is not None]
        outside = [d for d in dates if not (content[0] <= d.start < content[1]) or self.closes_sentence(sentence, d)]
        if not outside:
            return None
        cue_char = self.start_char(cue_index) - sentence.start
        return as_date(min(outside, key=lambda d: abs(d.start - cue_char)))

    def closes_sentence(self, sentence: Sentence, expression: TimeExpression) -> bool:
        """ "..., Kamis (9/11)." : a day after a comma with nothing after it but punctuation and words that leave
        the day as it is ("..., Sabtu (2/11) lalu.": date_closers.txt)."""
        before, after = sentence.text[:expression.start].rstrip(), sentence.text[expression.end:]
        words = "".join(c if c.isalnum() else " " for c in after.casefold()).split()
        return before.endswith(",") and all(w in self.lang.date_closers for w in words) \
            and expression.kind in DAY_KINDS

    def draft(self, kind: str, sentence: Sentence, k: int, end: int, actors: list[Mention], **fields) -> Draft:
        """A fact found at trigger tokens [k, end) of a sentence; its id is stable for the same text."""
        return Draft(kind=kind, id=f"{self.document.id}/{kind}/{sentence.index}-{k - sentence.tokens[0]}",
                     evidence=self.evidence(sentence), cue=self.span_text(k, end), actors=actors, at=k, **fields)

    def evidence(self, sentence: Sentence) -> Evidence:
        raw_start = self.document.raw_offset(sentence.start)
        return Evidence(self.document.id, sentence.index, sentence.text, raw_start, raw_start + len(sentence.text))

    def quotes(self, sentence: Sentence) -> list[tuple[int, int]]:
        """The sentence's quotations (see statements.quote_spans), computed once for all the rules."""
        if sentence.index not in self.quote_cache:
            from .statements import quote_spans

            self.quote_cache[sentence.index] = quote_spans(self, sentence)
        return self.quote_cache[sentence.index]

    def quoted(self, sentence: Sentence) -> set[int]:
        """Token indices inside the sentence's quotations, computed once for all the rules."""
        if sentence.index not in self.quoted_cache:
            from .statements import quoted_tokens

            self.quoted_cache[sentence.index] = quoted_tokens(self.quotes(sentence))
        return self.quoted_cache[sentence.index]

    def positions(self, rule: str, words: Collection[str], clitic_words: Collection[str], sentence: Sentence
                  ) -> list[int]:
        """The sentence's tokens whose lower-case word is one of `words`, or one of `clitic_words` with a clitic
        ("-nya"): the rules try only these instead of every token. Found once per document and rule."""
        found = self.position_cache.get(rule)
        if found is None:
            if self.distinct_words is None:
                self.distinct_words = set(self.lower)
                for word in self.distinct_words:
                    bare = self.lang.without_clitic(word)
                    if bare != word:
                        self.clitic_stems.setdefault(bare, set()).add(word)
            hits = self.distinct_words.intersection(words)
            for bare in self.clitic_stems.keys() & clitic_words:
                hits.update(self.clitic_stems[bare])
            found = self.position_cache[rule] = [k for k, word in enumerate(self.lower) if word in hits]
        start, stop = sentence.tokens
        return found[bisect_left(found, start):bisect_left(found, stop)]

    def dates(self, sentence: Sentence, future: bool, happening: bool = False) -> list[TimeExpression]:
        """The sentence's time expressions, against what is known of the publication date; for dating a meeting
        or an event (`happening`), against the text's own today where the publication day is unknown."""
        happening = happening and self.today is not None
        key = (sentence.index, future, happening)
        if key not in self.date_cache:
            known = self.today if happening else self.publication
            found = self.date_cache[key] = find_dates(sentence.text, self.lang, known, future)
            for expression in found:
                if expression.conflict and expression.conflict not in self.document.date_conflicts:
                    self.document.date_conflicts.append(expression.conflict)
            if all(t.kind != "weekday" for t in found):  # only a weekday reads differently in the future
                self.date_cache[(sentence.index, not future, happening)] = found
        return self.date_cache[key]

    def in_headline(self, sentence: Sentence) -> bool:
        return sentence.start < self.document.headline_end


@lru_cache(maxsize=8)
def title_words(lang: LanguageData) -> frozenset[str]:
    return frozenset(word for title in lang.titles for word in title.split())


def as_date(expression: TimeExpression) -> DateValue | None:
    """The date of an expression; a pending one for an anchored expression without an anchor."""
    if expression.value is not None:
        return expression.value
    if expression.offset_days is not None:
        return DateValue("", "pending", expression.text, expression.offset_days, expression.anaphor)
    return None


def extract_document(document: Document, doc: Doc, sentences: list[Sentence], nlp: Language,
                     lang: LanguageData, finder: MentionFinder | None = None) -> tuple[list[Mention], list[Draft]]:
    from ..kinds import kind, kinds

    finder = finder or MentionFinder(nlp, lang)
    words = token_texts(doc)
    mentions = finder.find(document, doc, sentences, words)
    context = DocumentContext(document, doc, sentences, mentions, lang, words=words)
    drafts: list[Draft] = []
    for sentence in sentences:
        if context.in_headline(sentence):
            continue
        for fact_kind in kinds():
            drafts.extend(fact_kind.extract(context, sentence))
    date_by_paragraph_frame(context, drafts)
    mark_news_day(context, drafts)
    mark_occasions(context, drafts)
    for draft in drafts:
        if kind(draft.kind).acting:  # resolution keeps weak names and offices only where they act
            for mention in (*draft.actors, *draft.addressees):
                mention.acting = True
    return mentions, drafts


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
        fronted = [d for d in context.dates(sentence, False) if d.value is not None and 0 <= d.end <= comma]
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
    lead_day = next((d.value for d in context.dates(body[0], False)
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
                                                      for d in context.dates(sentence, False)):
            dated_at[sentence.paragraph] = sentence.index
        # a vague time, or a time expression that fixes no day ("pekan lalu", an unanchored "setelah itu")
        if sentence.paragraph not in vague_at and ((vague is not None and vague.search(sentence.text))
                                                   or any(d.value is None for d in context.dates(sentence, False))):
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
