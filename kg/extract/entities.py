"""Find entity mentions: gazetteer phrases, titled person names, and capitalised names.

Order of precedence (earlier wins on overlap):
1. gazetteer countries, places and organizations (case-sensitive, or lower-cased for multi-word forms);
2. title phrases: "<title> [<org/country> [untuk <org>]] [,] <Name Name>" give a Person with a Role,
   or a title-only mention ("Presiden Rusia") that resolution ties to a named person or drops;
3. other runs of capitalised words: an organization when headed by an organization word
   ("Pemerintahan Biden"), a place after a locative ("di Voronezh"), otherwise a person candidate.
Names right after an attribution phrase ("dilansir dari CNN") are provenance, never mentions, and so are the
outlets that kg.extract.provenance finds cited ("seperti dikutip Reuters") and the article's own site.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..analyse import token_offsets, token_texts
from ..lang import GazetteerEntry, LanguageData, may_match, phrase_view
from ..model import Document, Mention, Sentence
from .provenance import drop_provenance

MAX_TITLE_TOKENS = 6
NER_TYPES = {"PER": "Person", "ORG": "Organization", "LOC": "Place"}
NER_MAX_TOKENS = 300  # longer "sentences" are not prose (lists, junk): the model's memory grows with them
NER_BATCH = 32  # sentences per model call: memory grows with the batch (tokens x 576 floats)
MAX_NAME_TOKENS = 4
NAME_CACHE = 200_000  # is_name_token answers kept per finder (a pure function of the word); cleared when full
NAME_TOKEN = re.compile(r"^[A-Z\u00C0-\u024F][\w\u00C0-\u024F'’-]*\.?$")
INITIALS = re.compile(r"^[A-Z]{2,3}$")  # "Retno LP Marsudi": initials inside a name
ROMAN_NUMERAL = re.compile(r"^[IVX]{1,4}$")  # "Komisi III", "Raja Charles III"
HEADLINE_WORD_LENGTH = 4  # words this long or longer tell title case (shorter ones: di, ke, dan stay lower case)
HEADLINE_CAPITALISED = 0.7  # share of such words capitalised in a headline-style sentence
HEADLINE_MIN_WORDS = 3
MAX_FACILITY_TOKENS = 8  # "Rumah Sakit Pusat Pertahanan Negara ..." is about as long as such names run
HEADLINE_LOWER_CONTENT = 1  # at most this many lower-case long words besides function words in a headline


class MentionFinder:
    """Finds mentions in analysed documents; built once per language and pipeline."""

    def __init__(self, nlp: Language, lang: LanguageData, ner: Language | None = None):
        self.lang = lang
        self.ner = ner  # the trained NER: types and finds names the rules leave open (see apply_ner)
        self.entries: list[GazetteerEntry] = lang.gazetteer
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        for index, entry in enumerate(self.entries):
            key = str(index)
            docs = [nlp.make_doc(form) for form in entry.forms]
            self.exact.add(key, docs)
            multi = [d for d in docs if len(d) > 1]
            if multi:
                self.lower.add(key, multi)
        self.capital_of = {e.capital.casefold(): e for e in self.entries if e.type == "Country" and e.capital}
        # title phrase lengths by first word, longest first: "menteri" -> [5, 3, 1] ...
        lengths: dict[str, set[int]] = {}
        for title in lang.titles:
            words = title.split()
            lengths.setdefault(words[0], set()).add(len(words))
        self.title_lengths = {word: sorted(found, reverse=True) for word, found in lengths.items()}
        self.event_heads = sorted((h.split() for h in lang.event_heads), key=len, reverse=True)
        self.org_heads = {h.casefold() for h in lang.org_heads}
        self.non_entities = {n.casefold() for n in lang.non_entities}
        rules = sorted(lang.rules("attribution"), key=lambda rule: len(rule.text), reverse=True)
        self.attribution_rules = rules
        # the language data's own patterns in one search per sentence, longest phrase first
        self.attribution = re.compile("|".join(rule.pattern.pattern for rule in rules) or r"(?!)", re.IGNORECASE)
        # calendar words and speech cues are capitalised at sentence starts but never names
        self.not_names = self.non_entities | set(lang.months) | set(lang.weekdays) | \
            {c.form.casefold() for c in lang.cues}
        self.event_first = {head[0] for head in self.event_heads}  # skips event_mentions at other words
        self.name_cache: dict[tuple[str, bool], bool] = {}
        self.opener_cache: dict[str, bool] = {}  # whether a word may open a mention (see mention_starts)
        self.plain_cache: dict[str, bool] = {}  # is_plain_word answers for words of the common lexicon's kind
        self.lowered: set[str] = set()  # the document's words written in lower case somewhere
        self.headline_style = False  # the sentence being read capitalises its words (see is_headline_style)
        self.sentence_start = 0  # first token of the sentence being read
        self.particles = lang.name_particles
        self.named_persons: set[str] = set()  # last words of the persons named so far in the document
        self.sentence_found: list[Mention] = []  # the mentions found so far in the sentence being read
        self.function_words = lang.prepositions | set(lang.coordinators) | lang.complementizers
        self.w: list[str] = []
        self.starts: list[int] = []  # tokens where a mention may start (see mention_starts)
        self.offsets: list[int] = []
        self.text = ""
        self.check_attribution = True

    # -- helpers -------------------------------------------------------------------------
    def gazetteer_spans(self, doc: Doc) -> dict[int, tuple[int, GazetteerEntry]]:
        """Longest gazetteer match starting at each token: start -> (end, entry)."""
        found: dict[int, tuple[int, GazetteerEntry]] = {}
        for matcher in (self.exact, self.lower):
            for match_id, start, end in matcher(doc):
                entry = self.entries[int(doc.vocab.strings[match_id])]
                if self.lang.ambiguous.get(self.span_text(start, end)) == "common_word" and doc[start].is_sent_start:
                    continue  # "Lima negara ...": a common word that opens a sentence is not the city
                if start not in found or end > found[start][0]:
                    found[start] = (end, entry)
        return found

    def span_text(self, start: int, end: int) -> str:
        """doc[start:end].text (start < end) without building a Span."""
        return self.text[self.offsets[start]:self.offsets[end - 1] + len(self.w[end - 1])]

    def is_name_token(self, text: str, first: bool) -> bool:
        key = (text, first)
        known = self.name_cache.get(key)
        if known is None:
            if len(self.name_cache) >= NAME_CACHE:
                self.name_cache.clear()
            known = self.name_cache[key] = self._is_name_token(text, first)
        return known

    def _is_name_token(self, text: str, first: bool) -> bool:
        folded = text.casefold()
        if not NAME_TOKEN.match(text) or folded in self.not_names:
            return False
        if "-" in folded and folded.split("-")[0] in self.lang.common_words:  # "Negara-negara"
            return False
        if (bare := self.lang.without_clitic(folded)) != folded and (bare in self.lang.common_words
                                                                   or bare in self.org_heads):
            return False  # "Kedutaannya", "Keamanannya": a common noun with a possessive suffix
        if text.isupper() and len(text) > 1:  # acronyms are found through the gazetteer
            return False
        if first and text.casefold() in self.lang.common_words:
            return False
        return text.casefold() not in self.lang.titles

    def is_org_head(self, text: str) -> bool:
        return text[:1].isupper() and text.casefold() in self.org_heads

    def opens_name(self, k: int, end: int | None = None) -> bool:
        """The word at k may open a person's or a place's name (in a headline-style sentence: not a plain word), or
        is a title of birth that opens one inside a sentence ("Lalu Muhammad Iqbal")."""
        word = self.w[k]
        if self.is_opener(k, end or len(self.w)):
            return k > self.sentence_start
        return self.is_name_token(word, first=True) and not (self.headline_style and self.is_plain_word(word))

    def is_opener(self, k: int, end: int) -> bool:
        """A capitalised title of birth or honour followed by a name word ("Lalu Muhammad", "Teuku Umar")."""
        word = self.w[k]
        return word[:1].isupper() and self.particles.get(word.casefold()) == "opens" and k + 1 < end \
            and self.is_name_token(self.w[k + 1], first=True)

    def joined_part(self, doc: Doc, k: int, end: int, gazetteer: dict[int, tuple[int, GazetteerEntry]]) -> int:
        """End of a name part that a particle or initials join to the name before it ("bin Salman", "al-Ansari",
        "Al Thani", "LP Marsudi"), or k."""
        word, after = self.w[k], k + 1
        kind = self.particles.get(word.casefold())
        if kind == "article" and after + 1 < end and self.w[after] == "-" and not doc[k].whitespace_ \
                and not doc[after].whitespace_ and self.w[after + 1][:1].isupper():
            return after + 2
        joins = (kind == "joins" and word.islower()) or (kind == "article" and word[:1].isupper()) \
            or bool(INITIALS.match(word))
        if kind == "joins":  # "von der Leyen"
            while after < end and self.w[after].islower() and self.particles.get(self.w[after]) == "joins":
                after += 1
        if joins and after < end and after not in gazetteer and self.is_name_token(self.w[after], first=False):
            return after + 1
        return k

    def is_headline_style(self, start: int, end: int) -> bool:
        """A sentence in title case ("Menlu Budi Telepon Menlu Jepang, Bahas Investasi Baterai"): nearly all its
        longer words capitalised, common words and verbs included, so capitals do not tell names there."""
        long_words = [w for w in self.w[start:end] if len(w) >= HEADLINE_WORD_LENGTH and w.isalpha()]
        capitalised = sum(1 for w in long_words if w[0].isupper())
        if len(long_words) < HEADLINE_MIN_WORDS or capitalised < HEADLINE_CAPITALISED * len(long_words):
            return False
        # a sentence dense with names and titles still writes its verbs and nouns in lower case; a headline does not
        lower_content = sum(1 for w in long_words if w[0].islower() and w not in self.function_words)
        return lower_content <= HEADLINE_LOWER_CONTENT

    def is_plain_word(self, text: str) -> bool:
        """A capitalised word of a headline-style sentence that is no name: a common word, a word the document writes
        in lower case elsewhere ("Telepon" / "telepon"), or a verb stem whose prefixed form is a common word
        ("Temui" / menemui, "Puji" / memuji)."""
        folded = text.casefold()
        if folded in self.lowered:
            return True
        known = self.plain_cache.get(folded)
        if known is None:
            if len(self.plain_cache) >= NAME_CACHE:
                self.plain_cache.clear()
            known = self.plain_cache[folded] = folded in self.lang.common_words or self.is_verb_stem(folded)
        return known

    def is_verb_stem(self, folded: str) -> bool:
        for initial, prefix, drop in self.lang.verb_prefixes:
            if (initial == "*" or folded.startswith(initial)) and len(folded) > drop + 1 \
                    and prefix + folded[drop:] in self.lang.common_words:
                return True
        return False

    def title_at(self, doc: Doc, i: int, limit: int) -> int:
        """End of the longest title phrase starting at token i, or i."""
        for length in self.title_lengths.get(self.w[i].casefold(), ()):
            end = i + length
            if end <= limit and " ".join(self.w[i:end]).casefold() in self.lang.titles:
                return end
        return i

    def mention_starts(self, gazetteer: dict[int, tuple[int, GazetteerEntry]]) -> list[int]:
        """The tokens where find_in_sentence can start a mention: gazetteer matches, and words that may open a
        named event, a title, a name or an organization (each distinct word tested once)."""
        distinct = set(self.w)
        known = self.opener_cache
        if len(known) + len(distinct) > NAME_CACHE:
            known.clear()
        for word in distinct.difference(known):
            known[word] = word in self.event_first or word.casefold() in self.title_lengths \
                or (word[:1].isupper() and word.casefold() in self.lang.facility_heads) \
                or self.is_name_token(word, first=True) or self.is_org_head(word)
        openers = {word for word in distinct if known[word]}
        return sorted({k for k, word in enumerate(self.w) if word in openers}.union(gazetteer))

    def excluded_tokens(self, doc: Doc, sentence: Span) -> set[int]:
        """Tokens of outlet names that follow an attribution phrase."""
        excluded: set[int] = set()
        if not self.check_attribution:
            return excluded
        for match in self.attribution.finditer(self.text[sentence.start_char:sentence.end_char]):
            k = bisect_left(self.offsets, sentence.start_char + match.end())  # the first token after the phrase
            while k < sentence.end and not self.w[k].strip():
                k += 1
            while k < sentence.end and (self.w[k][:1].isupper() or self.w[k] in ".-"):
                excluded.add(k)
                k += 1
        return excluded

    # -- main ----------------------------------------------------------------------------
    def find(self, document: Document, doc: Doc, sentences: list[Sentence], words: list[str] | None = None
             ) -> list[Mention]:
        self.w = words or token_texts(doc)  # plain strings: indexing a Doc builds Token objects
        self.offsets = token_offsets(doc)
        self.text = document.text  # what doc was made from
        lowered = phrase_view(self.text)  # a document that can hold no attribution phrase needs no search for one
        self.check_attribution = any(may_match(rule, lowered) for rule in self.attribution_rules)
        gazetteer = self.gazetteer_spans(doc)
        self.starts = self.mention_starts(gazetteer)
        self.lowered = {w.casefold() for w in set(self.w) if w[:1].islower()}
        mentions: list[Mention] = []
        self.named_persons = set()
        for sentence in sentences:
            span = doc[sentence.tokens[0]:sentence.tokens[1]]
            self.headline_style = self.is_headline_style(*sentence.tokens)
            self.sentence_start = sentence.tokens[0]
            found = self.find_in_sentence(document, doc, span, sentence.index, gazetteer)
            aliases = self.parenthetical_aliases(document, doc, found, sentence.tokens[1], gazetteer)
            # the bracketed name, also found as a name of its own, is one mention: the alias, which knows whose,
            # in the name's place
            aliased = {alias.tokens: alias for alias in aliases}
            mentions.extend(aliased.pop(m.tokens, m) for m in found)
            mentions.extend(aliased.values())
            self.named_persons.update(m.text.split()[-1].casefold() for m in found
                                      if m.type == "Person" and not m.title_only)
        if self.ner is not None:
            mentions = self.apply_ner(document, doc, sentences, mentions)
        return drop_provenance(document, mentions, self.w, self.lang)  # cited outlets and the site: not nodes

    def apply_ner(self, document: Document, doc: Doc, sentences: list[Sentence], mentions: list[Mention]
                  ) -> list[Mention]:
        """Run the trained NER on the sentences where the rules found a name of several words they could only
        guess at (a capitalised run outside the gazetteer and the title patterns, typed person), then
        - make such a name of two words or more an organization when the NER says so ("Human Rights Watch"):
          the rules default an unknown run of names to a person, and only an organization head word
          ("Kementerian ...") or a place marker ("di ...") says otherwise;
        - add names of two words or more that the NER finds there and the rules did not, when all their
          words look like a name.
        The NER overrules nothing else: in our tests its reading of lone capitalised words (a surname taken
        for a place, a capitalised noun for a person) and of names after "dari" was less reliable than the
        rules and resolution, which match lone words against the article's and the corpus's full names.
        Sentences the rules fully explain never reach the model, which keeps the build fast."""
        by_index = {s.index: s for s in sentences}
        open_sentences = sorted({m.sentence for m in mentions if m.source == "name" and m.type == "Person"
                                 and m.tokens[1] - m.tokens[0] > 1
                                 and by_index[m.sentence].tokens[1] - by_index[m.sentence].tokens[0] <= NER_MAX_TOKENS})
        if not open_sentences:
            return mentions
        spans = [doc[by_index[i].tokens[0]:by_index[i].tokens[1]] for i in open_sentences]
        # Span.as_doc reads the whole Doc's attribute array for every span unless it is given once
        array_head = Doc._get_array_attrs()
        array = doc.to_array(array_head)
        sentence_docs = (s.as_doc(array_head=array_head, array=array) for s in spans)
        covered = {k for m in mentions for k in range(*m.tokens)}
        added: list[Mention] = []
        # the tagger is an auxiliary training task: nothing here reads its tags, and the NER does not depend on them
        tagged_docs = self.ner.pipe(sentence_docs, batch_size=NER_BATCH, disable=["tagger"])
        for index, span, tagged in zip(open_sentences, spans, tagged_docs, strict=True):
            for ent in tagged.ents:
                start, end = span.start + ent.start, span.start + ent.end
                entity_type = NER_TYPES.get(ent.label_)
                if entity_type is None:
                    continue
                overlapping = [m for m in mentions if m.source == "name" and m.tokens[0] < end and start < m.tokens[1]]
                for mention in overlapping:
                    if mention.tokens[1] - mention.tokens[0] > 1 and mention.type == "Person" \
                            and entity_type == "Organization":
                        mention.type = entity_type  # lone words and the rules' own cues: see the docstring
                if overlapping or any(k in covered for k in range(start, end)):
                    continue
                if end - start == 1:
                    continue
                if all(self.is_name_token(self.w[k], first=k == start) for k in range(start, end)):
                    added.append(self.make(document, doc, index, start, end, entity_type, "ner"))
        return sorted([*mentions, *added], key=lambda m: (m.tokens[0], -m.tokens[1]))

    def parenthetical_aliases(self, document: Document, doc: Doc, found: list[Mention], end: int,
                              gazetteer: dict[int, tuple[int, GazetteerEntry]]) -> list[Mention]:
        """ "Presiden Joko Widodo (Jokowi)": the name in brackets is another name of the same person."""
        aliases = []
        for mention in found:
            start = mention.tokens[1]
            if mention.type != "Person" or mention.title_only or start >= end or self.w[start] != "(":
                continue
            close = next((k for k in range(start + 1, min(start + 4, end)) if self.w[k] == ")"), None)
            if close is None or close == start + 1 or any(k in gazetteer for k in range(start + 1, close)):
                continue
            if all(self.is_name_token(self.w[k], first=k == start + 1) for k in range(start + 1, close)):
                aliases.append(self.make(document, doc, mention.sentence, start + 1, close, "Person", "alias",
                                         antecedent=mention))
        return aliases

    def find_in_sentence(self, document: Document, doc: Doc, sentence: Span, index: int,
                         gazetteer: dict[int, tuple[int, GazetteerEntry]]) -> list[Mention]:
        excluded = self.excluded_tokens(doc, sentence)
        mentions: list[Mention] = []
        self.sentence_found = mentions  # for rules that look back within the sentence (see title_mentions)
        i, end = sentence.start, sentence.end
        starts = self.starts
        for k in starts[bisect_left(starts, i):bisect_left(starts, end)]:  # no branch below matches elsewhere
            if k < i or k in excluded or not self.w[k].strip():
                continue  # inside the mention before, or not a mention
            i = k
            event = self.event_mentions(document, doc, index, i, end, gazetteer) if self.w[i] in self.event_first \
                else None
            if event:
                mentions.extend(event)
                i = event[0].tokens[1]
                continue
            bracketed = self.bracketed_org(i, end, gazetteer)
            if bracketed is not None:  # "Kementerian Luar Negeri (Kemlu) RI": one organization
                stop, entry = bracketed
                mentions.append(self.make(document, doc, index, i, stop, "Organization", "gazetteer",
                                          canonical=entry.name))
                i = stop
                continue
            facility = self.facility_end(i, end)
            if facility > (gazetteer[i][0] if i in gazetteer else i + 1):
                mentions.append(self.make(document, doc, index, i, facility, "Place", "name"))
                i = facility
                continue
            if i in gazetteer and gazetteer[i][0] <= end:
                stop, entry = gazetteer[i]
                org_end = self.org_country_end(i, stop, end, gazetteer, entry)
                if org_end > stop:
                    mentions.append(self.make(document, doc, index, i, org_end, "Organization", "name"))
                    mentions.append(self.make(document, doc, index, stop, org_end, "Country", "title-org",
                                              canonical=gazetteer[stop][1].name))
                    i = org_end
                    continue
                mentions.append(self.gazetteer_mention(document, doc, index, i, stop, entry))
                i = stop
                continue
            title_end = self.title_at(doc, i, end) if self.w[i].casefold() in self.title_lengths else i
            if title_end > i:
                found, i = self.title_mentions(document, doc, index, i, title_end, end, gazetteer)
                mentions.extend(found)
                continue
            if self.is_org_head(self.w[i]) or self.opens_name(i, end):
                found, i = self.name_mention(document, doc, index, i, end, gazetteer, sentence.start)
                mentions.extend(found)
        return mentions

    def make(self, document: Document, doc: Doc, index: int, start: int, end: int, entity_type: str,
             source: str, **extra) -> Mention:
        if end <= start:
            span = doc[start:end]
            return Mention(document.id, index, span.start_char, span.end_char, span.text, entity_type, source,
                           tokens=(start, end), **extra)
        start_char, end_char = self.offsets[start], self.offsets[end - 1] + len(self.w[end - 1])
        return Mention(document.id, index, start_char, end_char, self.text[start_char:end_char], entity_type,
                       source, tokens=(start, end), **extra)

    def event_mentions(self, document: Document, doc: Doc, index: int, start: int, end: int,
                       gazetteer: dict[int, tuple[int, GazetteerEntry]]) -> list[Mention]:
        """ "KTT G20": a named event (typed Event), plus the organization inside it (an actor of the meeting)."""
        if self.w[start] not in self.event_first:
            return []
        for head in self.event_heads:
            stop = start + len(head)
            if stop >= end or self.w[start:stop] != head or stop not in gazetteer:
                continue
            org_end, entry = gazetteer[stop]
            if entry.type not in ("Organization", "Country"):
                continue
            name = f"{' '.join(head)} {entry.name}"
            event = self.make(document, doc, index, start, org_end, "Event", "gazetteer", canonical=name)
            inner = self.make(document, doc, index, stop, org_end, entry.type, "event-org", canonical=entry.name)
            return [event, inner]
        return []

    def gazetteer_mention(self, document: Document, doc: Doc, index: int, start: int, end: int,
                          entry: GazetteerEntry) -> Mention:
        if entry.type == "Place" and not self.is_locative(doc, start) and not self.is_address(start, end) and \
                self.lang.ambiguous.get(doc[start:end].text) != "common_word":
            forms = [f.casefold() for f in entry.forms]
            country = next((self.capital_of[f] for f in forms if f in self.capital_of), None)
            if country:  # "Moskow mengatakan": a capital used as an actor stands for its country
                return self.make(document, doc, index, start, end, "Country", "gazetteer", canonical=country.name)
        return self.make(document, doc, index, start, end, entry.type, "gazetteer", canonical=entry.name)

    def bracketed_org(self, start: int, end: int, gazetteer: dict[int, tuple[int, GazetteerEntry]]
                      ) -> tuple[int, GazetteerEntry] | None:
        """A known organization written with its acronym in brackets before the country that closes its name
        ("Kementerian Luar Negeri (Kemlu) RI" for "Kementerian Luar Negeri RI"): its end and entry, or None."""
        if not self.is_org_head(self.w[start]):
            return None
        bracket = next((j for j in range(start + 1, min(start + MAX_NAME_TOKENS, end)) if self.w[j] == "("), None)
        if bracket is None or not all(self.w[j][:1].isupper() for j in range(start, bracket)):
            return None
        close = next((j for j in range(bracket + 1, min(bracket + 5, end)) if self.w[j] == ")"), None)
        if close is None or close + 1 not in gazetteer:
            return None
        stop, country = gazetteer[close + 1]
        if country.type != "Country":
            return None
        name = " ".join(self.w[start:bracket] + self.w[close + 1:stop])
        entry = self.lang.entry_by_form().get(name.casefold())
        return (stop, entry) if entry is not None and entry.type == "Organization" else None

    def named_before(self, word: str) -> bool:
        """The word is the last name of a person the document named before: in earlier sentences, or earlier in
        the sentence being read."""
        folded = word.casefold()
        return folded in self.named_persons or any(m.type == "Person" and not m.title_only
                                                   and m.text.split()[-1].casefold() == folded
                                                   for m in self.sentence_found)

    def facility_end(self, start: int, end: int) -> int:
        """End of a building's or site's name opened by a capitalised facility word (facility_heads.txt): the run of
        capitalised words after it, hyphenated parts and roman numerals included ("Hotel Shangri-La Bosphorus",
        "Gedung Nusantara III"); start when no such word follows."""
        word = self.w[start]
        if not word[:1].isupper() or word.casefold() not in self.lang.facility_heads:
            return start
        stop = start + 1
        while stop < end and stop - start < MAX_FACILITY_TOKENS:
            if self.w[stop][:1].isupper():
                stop += 1
            elif self.w[stop] == "-" and stop + 1 < end and self.w[stop + 1][:1].isupper():
                stop += 2
            else:
                break
        return stop if stop > start + 1 else start

    def is_address(self, start: int, end: int) -> bool:
        """A place set off by commas after a name ("di Istana Merdeka, Jakarta, Senin", "Gedung Nusantara III,
        Jakarta."): the last part of an address, the city, not its country acting."""
        if start < 2 or self.w[start - 1] != "," or not self.w[start - 2][:1].isupper():
            return False
        return end >= len(self.w) or not self.w[end][:1].isalpha()

    def is_locative(self, doc: Doc, start: int) -> bool:
        for width in (2, 1):
            before = " ".join(self.w[max(start - width, 0):start]).casefold()
            if start - width >= 0 and before in self.lang.locatives:
                return True
        return False

    def title_mentions(self, document: Document, doc: Doc, index: int, start: int, title_end: int, end: int,
                       gazetteer: dict[int, tuple[int, GazetteerEntry]]) -> tuple[list[Mention], int]:
        """The person a title introduces (or a title-only mention), plus the organizations and countries
        named inside the title (source 'title-org': mentioned, but not actors of the sentence)."""
        position = self.lang.titles[" ".join(self.w[start:title_end]).casefold()]
        j = title_end
        role_of = None
        inner: list[Mention] = []
        # "<title> AS", "<title> Rusia untuk PBB", "<title> Amerika Serikat (Menlu AS)", "<title> Partai Gerindra"
        while j < end:
            if j in gazetteer and (gazetteer[j][1].type in ("Country", "Organization") or (
                    role_of is None and gazetteer[j][1].kind in ("city", "region"))):  # "Gubernur Jawa Barat"
                stop, entry = gazetteer[j]
                org_end = self.org_country_end(j, stop, end, gazetteer, entry)
                if org_end > stop:  # "Kementerian Luar Negeri Qatar": another country's ministry
                    role_of = role_of or self.span_text(j, org_end)
                    inner.append(self.make(document, doc, index, j, org_end, "Organization", "title-org"))
                    inner.append(self.make(document, doc, index, stop, org_end, "Country", "title-org",
                                           canonical=gazetteer[stop][1].name))
                    j = org_end
                    continue
                role_of = role_of or entry.name
                inner.append(self.make(document, doc, index, j, stop, entry.type, "title-org", canonical=entry.name))
                j = stop
            elif self.is_org_head(self.w[j]) and j + 1 < end:  # "Presiden Otoritas Palestina", "Ketua Partai X"
                org_end, closing = self.title_org_end(j, end, gazetteer)
                if org_end == j:
                    break
                role_of = role_of or self.span_text(j, org_end)
                inner.append(self.make(document, doc, index, j, org_end, "Organization", "title-org"))
                if closing is not None:
                    inner.append(self.make(document, doc, index, closing, org_end, gazetteer[closing][1].type,
                                           "title-org", canonical=gazetteer[closing][1].name))
                j = org_end
            elif self.w[j] in self.lang.title_joiners and j + 1 in gazetteer:
                j += 1
            elif self.w[j] == "(":
                close = next((k for k in range(j + 1, min(j + 8, end)) if self.w[k] == ")"), None)
                if close is None:
                    break
                j = close + 1
            else:
                break
        # "Presiden Rusia, Vladimir Putin": a comma after a title with its country or body ("panggilan telepon
        # Presiden, Blinken memperingatkan": not after a bare title)
        k = j + 1 if title_end < j < end and self.w[j] == "," else j
        name_end = self.name_end(doc, k, end, gazetteer, MAX_NAME_TOKENS) if k < end and self.opens_name(k, end) \
            else k
        if name_end - k >= 3 and self.named_before(self.w[k]):
            k += 1  # "juru bicara Erdogan Ibrahim Kalin": the person the text named before is whose spokesman
        role_text = doc[start:j].text
        if name_end > k:
            person = self.make(document, doc, index, k, name_end, "Person", "title", role=role_text,
                               position=position, role_of=role_of)
            return [person, *inner], name_end
        if not self.w[start][:1].isupper() and role_of is None:
            return [], title_end  # a lower-case title with nothing after it: plain noun
        person = self.make(document, doc, index, start, j, "Person", "title", role=role_text, position=position,
                           role_of=role_of, title_only=True)
        return [person, *inner], j

    def title_org_end(self, start: int, end: int, gazetteer: dict[int, tuple[int, GazetteerEntry]]
                      ) -> tuple[int, int | None]:
        """The organization a title names at `start` (an organization head word), before the holder's name: the head
        and one name word ("Partai Gerindra"), or the head and capitalised common words, closed by a known country or
        organization ("Komisi III DPR", "Otoritas Palestina"). Returns its end (start: none) and the start of the
        known name that closes it, if any. A head with common words only must be closed so ("Kementerian Luar
        Negeri" alone is no name)."""
        k = start + 1
        if k not in gazetteer and self.is_name_token(self.w[k], first=True) and not self.is_opener(k, end):
            return k + 1, None
        while k < end and k not in gazetteer and not self.is_opener(k, end) and (
                ROMAN_NUMERAL.match(self.w[k]) or (self.w[k][:1].isupper() and (
                    self.w[k].casefold() in self.lang.common_words or self.is_org_head(self.w[k])))):
            k += 1
        if k < end and k in gazetteer and gazetteer[k][1].type in ("Country", "Organization"):
            return gazetteer[k][0], k
        return (k, None) if k > start + 1 else (start, None)

    def org_country_end(self, start: int, stop: int, end: int, gazetteer: dict[int, tuple[int, GazetteerEntry]],
                        entry: GazetteerEntry) -> int:
        """A known organization of one state named with another state ("Kementerian Luar Negeri Qatar", where the
        gazetteer knows "Kementerian Luar Negeri" as Indonesia's): the end of that other body's name, or stop."""
        if entry.type != "Organization" or stop >= end or stop not in gazetteer or not self.is_org_head(self.w[start]):
            return stop
        country_end, country = gazetteer[stop]
        if country.type != "Country" or country.country == entry.country:
            return stop
        return country_end

    def name_end(self, doc: Doc, start: int, end: int, gazetteer: dict[int, tuple[int, GazetteerEntry]],
                 limit: int, org_heads: bool = False) -> int:
        """End of a run of name words that starts with the (already accepted) word at `start`. In a headline-style
        sentence a person's name ends before a plain word ("Prabowo Telepon Trump": Prabowo); an organization's name
        ("Komisi Pemberantasan Korupsi") is made of such words."""
        stop, words = start + 1, 1
        plain_words_end = self.headline_style and not self.is_org_head(self.w[start])
        while stop < end and words < limit and stop not in gazetteer:
            joined = self.joined_part(doc, stop, end, gazetteer)
            if joined > stop:
                stop, words = joined, words + 1
                continue
            if ROMAN_NUMERAL.match(self.w[stop]):
                stop, words = stop + 1, words + 1
                continue
            if self.is_opener(stop, end) or (plain_words_end and self.is_plain_word(self.w[stop])):
                break  # "Kementerian Luar Negeri | Lalu Muhammad Iqbal": a title of birth opens another name
            if self.w[stop] == "-" and not doc[stop - 1].whitespace_ and not doc[stop].whitespace_ \
                    and stop + 1 < end and self.w[stop + 1].isalpha() \
                    and self.w[stop + 1].casefold() not in self.lang.particles:  # "Santoso-pun" is no name part
                stop += 2  # "Jean-Yves Le Drian", "Yoon Suk-yeol": the hyphen joins two parts of one name
                words += 1
                continue
            if not (self.is_name_token(self.w[stop], first=False) or (org_heads and self.is_org_head(self.w[stop]))):
                break
            stop += 1
            words += 1
        return stop

    def name_mention(self, document: Document, doc: Doc, index: int, start: int, end: int,
                     gazetteer: dict[int, tuple[int, GazetteerEntry]], sentence_start: int
                     ) -> tuple[list[Mention], int]:
        """The name at `start`: an organization after a head word (with the known body or country that closes it,
        "Komisi III DPR", as a mention of its own), a place after a place marker, else a person. Returns the
        mentions (none for capitalised common words) and the token after the name."""
        stop = self.name_end(doc, start, end, gazetteer, MAX_NAME_TOKENS + 2, org_heads=True)
        words = self.w[start:stop]
        head = words[0].casefold()
        if head in self.org_heads:
            named = stop in gazetteer or any(w.casefold() not in self.lang.common_words
                                             and w.casefold() not in self.org_heads for w in words)
            if not named:
                return [], stop  # "Pemerintah", "Kedutaan Besar", "Dewan Keamanannya" name nothing by themselves
            # "Kementerian Pertanian Filipina": a country or organization closes the name
            if stop in gazetteer and gazetteer[stop][1].type in ("Country", "Organization"):
                closing, (stop, entry) = stop, gazetteer[stop]
                return [self.make(document, doc, index, start, stop, "Organization", "name"),
                        self.make(document, doc, index, closing, stop, entry.type, "title-org",
                                  canonical=entry.name)], stop
            return [self.make(document, doc, index, start, stop, "Organization", "name")], stop
        if start == sentence_start and len(words) == 1 and head in self.lang.common_words:
            return [], stop
        if start > 0 and self.w[start - 1].lower() in self.lang.place_markers:
            return [self.make(document, doc, index, start, stop, "Place", "name")], stop
        if any(w.casefold() in self.lang.common_words and w.casefold() not in self.particles for w in words):
            return [], stop  # capitalised common words ("Kesepakatan Damai") are not names
        return [self.make(document, doc, index, start, stop, "Person", "name", weak=len(words) == 1)], stop

