"""Provenance, not nodes: the outlets a text cites or speaks to, and the article's own site.

News names media in two ways. Mostly as a source: the outlet a story is quoted from or a statement was made to
("seperti dikutip Reuters", "katanya kepada BBC World News", "Kantor berita Qatar QNA melaporkan", "Mengutip dari
kantor berita Rusia, TASS, ..."), or the article's own site ("Kompas.com", "detikNews"). Now and then as an actor
("Global Times mengecam kunjungan itu"). Mentions of a cited outlet and of the article's own site are dropped
here, before statements and meetings look for actors, so they never become entities or speakers; an outlet doing
anything else stays. The words that mark a citation are data (``provenance.tsv``: cite, source, report and
medium phrases; the attribution phrases of ``boilerplate.tsv`` count as cite phrases).
"""
from __future__ import annotations

from functools import cached_property, lru_cache

from ..clean import DOMAIN, names_outlet, own_outlet_keys
from ..lang import LanguageData
from ..model import Document, Mention

MAX_MODIFIER = 3  # words of a country between a medium noun and the outlet ("kantor berita Korea Selatan, ...")
GUESSED = ("name", "ner")  # mentions the rules read off capital letters alone, without the gazetteer


@lru_cache(maxsize=8)
def media_names(lang: LanguageData) -> frozenset[str]:
    """The canonical names of the media in the gazetteer."""
    return frozenset(e.name for e in lang.gazetteer if e.kind == "media")


@lru_cache(maxsize=8)
def last_words(lang: LanguageData) -> dict[str, frozenset[str]]:
    """role -> the words its phrases end with (a quick test before the phrases are compared)."""
    return {role: frozenset(phrase[-1] for phrase in phrases) for role, phrases in role_phrases(lang).items()}


@lru_cache(maxsize=8)
def role_phrases(lang: LanguageData) -> dict[str, tuple[tuple[str, ...], ...]]:
    """role -> its phrases as tuples of lower-case words, longest first."""
    found: dict[str, set[tuple[str, ...]]] = {}
    for phrase, role in lang.provenance.items():
        found.setdefault(role, set()).add(tuple(phrase.split()))
    for rule in lang.rules("attribution"):
        found.setdefault("cite", set()).add(tuple(rule.text.casefold().split()))
    return {role: tuple(sorted(phrases, key=len, reverse=True)) for role, phrases in found.items()}


class Provenance:
    """Finds the mentions of one document that are provenance (see the module docstring)."""

    def __init__(self, document: Document, mentions: list[Mention], words: list[str], lang: LanguageData):
        self.words = words
        self.roles = role_phrases(lang)
        self.last_words = last_words(lang)
        self.media = media_names(lang)
        self.own = own_outlet_keys(document)
        self.own_prefixes = {key[:2] for key in self.own}
        self.mentions = mentions

    @cached_property
    def by_start(self) -> dict[int, list[Mention]]:  # built only for a document that names an outlet
        found: dict[int, list[Mention]] = {}
        for mention in self.mentions:
            found.setdefault(mention.tokens[0], []).append(mention)
        return found

    @cached_property
    def by_end(self) -> dict[int, Mention]:
        return {mention.tokens[1]: mention for mention in self.mentions}

    def lower(self, k: int) -> str:
        return self.words[k].casefold() if 0 <= k < len(self.words) else ""

    def phrase_before(self, end: int, role: str) -> int | None:
        """The start of a phrase of `role` that ends right before token `end`, or None."""
        if self.lower(end - 1) not in self.last_words.get(role, ()):
            return None
        for phrase in self.roles.get(role, ()):
            start = end - len(phrase)
            if start >= 0 and all(self.lower(start + n) == word for n, word in enumerate(phrase)):
                return start
        return None

    def phrase_after(self, start: int, role: str) -> bool:
        """Whether a phrase of `role` starts at token `start` (after one comma at most)."""
        if self.lower(start) == ",":
            start += 1
        return any(all(self.lower(start + n) == word for n, word in enumerate(phrase))
                   for phrase in self.roles.get(role, ()))

    def is_outlet(self, mention: Mention) -> bool:
        return mention.canonical in self.media or ("." in mention.text and bool(DOMAIN.match(mention.text)))

    def is_own_site(self, mention: Mention) -> bool:
        # the first two letters first: most names are not the site's, and the full test builds its key
        return mention.text[:2].casefold() in self.own_prefixes and names_outlet(mention.text, self.own)

    def run_end(self, end: int) -> int:
        """The end of the guessed names that run on from token `end` ("BBC" + "World News")."""
        while True:
            following = [m for m in self.by_start.get(end, ()) if m.source in GUESSED]
            if not following:
                return end
            end = max(m.tokens[1] for m in following)

    def named_after_medium(self, mention: Mention) -> tuple[int, int] | None:
        """The span of an outlet introduced by a medium noun, as (start, end) tokens: "kantor berita Rusia, TASS"
        (the mention is TASS, or Rusia followed by TASS) and "kantor berita Qatar QNA"."""
        start, end = mention.tokens
        medium = self.phrase_before(start, "medium")
        if medium is not None:
            if mention.source in GUESSED or self.is_outlet(mention):
                return medium, self.run_end(end)
            k = end + 1 if self.lower(end) == "," else end  # a modifier: the name comes after it
            if k < len(self.words) and self.words[k][:1].isupper():
                return medium, self.run_end(max([k + 1, *(m.tokens[1] for m in self.by_start.get(k, ()))]))
            return None
        if self.lower(start - 1) == "," and start - 1 in self.by_end:
            modifier = self.by_end[start - 1]
            medium = self.phrase_before(modifier.tokens[0], "medium")
            if medium is not None:
                return medium, self.run_end(end)
        return None

    def cited(self, start: int, end: int) -> bool:
        """Whether an outlet at tokens [start, end) is cited or spoken to, or reports."""
        return self.phrase_before(start, "cite") is not None or self.phrase_before(start, "source") is not None \
            or self.phrase_after(end, "report")

    def spans(self) -> list[tuple[int, int]]:
        """The token spans whose mentions are provenance."""
        found = []
        medium_words, cite_words = self.last_words.get("medium", ()), self.last_words.get("cite", ())
        for mention in self.mentions:
            start, end = mention.tokens
            outlet, guessed = self.is_outlet(mention), mention.source in GUESSED
            if (outlet or guessed) and self.is_own_site(mention):
                found.append((start, end))
                continue
            before = self.lower(start - 1)
            if before in medium_words or (before == "," and any(self.lower(k) in medium_words
                                                                for k in range(start - 2 - MAX_MODIFIER, start - 1))):
                medium = self.named_after_medium(mention)
                if medium and self.cited(*medium):
                    found.append(medium)
                    continue
            if outlet:
                run = self.run_end(end)
                if self.cited(start, run):
                    found.append((start, run))
            elif guessed and before in cite_words and self.phrase_before(start, "cite") is not None:
                found.append((start, self.run_end(end)))  # "seperti dikutip Haaretz": a source we do not know
        return found


def drop_provenance(document: Document, mentions: list[Mention], words: list[str], lang: LanguageData
                    ) -> list[Mention]:
    """The mentions without those of cited outlets and of the article's own site."""
    if not mentions:
        return mentions
    spans = Provenance(document, mentions, words, lang).spans()
    if not spans:
        return mentions
    return [m for m in mentions if not any(start <= m.tokens[0] and m.tokens[1] <= end for start, end in spans)]
