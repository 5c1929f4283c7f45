"""Stage 4, extract: mentions, statements and meetings from one analysed document.

``extract_document`` walks the sentences in order, so a pronoun speaker ("ia", "dia", "-nya")
can be tied to the last named speaker. Statements and meetings refer to mentions here;
resolution (stage 5) turns mentions into entity ids.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ..analyse import token_offsets, token_texts
from ..lang import LanguageData
from ..model import DateValue, Document, Evidence, Mention, Sentence
from .dates import Published, TimeExpression, publication, text_today, text_year
from .entities import MentionFinder

ACTOR_TYPES = ("Person", "Organization", "Country")
QUOTE_MARKS = "“\"«‘'"
PHRASE_REACH = 3  # common words between a preposition and the name that ends its phrase
PRONOUN_REACH = 3  # sentences back a pronoun finds its person when no one has spoken yet


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


    def in_headline(self, sentence: Sentence) -> bool:
        return sentence.start < self.document.headline_end


@lru_cache(maxsize=8)
def title_words(lang: LanguageData) -> frozenset[str]:
    return frozenset(word for title in lang.titles for word in title.split())




def extract_document(document: Document, doc: Doc, sentences: list[Sentence], nlp: Language,
                     lang: LanguageData, finder: MentionFinder | None = None) -> tuple[list[Mention], list[Draft]]:
    from ..dating import date_by_paragraph_frame, mark_news_day, mark_occasions
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






















