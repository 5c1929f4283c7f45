"""Stage 3, analyse: an Indonesian spaCy pipeline (tokenizer exceptions and sentence splitting).

The pipeline is ``spacy.blank(<lang>)`` with:
- tokenizer special cases for abbreviations and titles from the language data ("Dr.", "Prof.");
- dates such as 22/2/2022 or 21/1 kept as one token;
- sentences that scraped text glues together ("Jakarta.Menurut", "2024.“Ke", "tindakan?”Menlu") split apart;
- a quote-aware sentence splitter: paragraphs always split, and a sentence never ends inside an open
  quotation (up to a limit), so a quote and its attribution stay together.

A text longer than spaCy takes at once (``nlp.max_length``) is analysed in pieces cut at paragraph breaks
(see text_pieces) and joined into one Doc with the same text, so offsets stay those of the article.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import IDX, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

from .lang import LanguageData
from .lang import load as load_language
from .model import Document, Sentence

DATE_TOKEN = re.compile(r"^\d{1,2}/\d{1,2}(?:/\d{2,4})?$")
SENTENCE_FINAL = {".", "!", "?", "…", "..."}
CLOSERS = {"”", "’", "\"", "'", ")", "]", "»"}
STRAIGHT_QUOTES = {"\"", "'"}
OPEN_QUOTES = {"“": "”", "«": "»"}
# spaCy caches the tokenization of each whitespace-separated chunk, but stops adding to a full cache; the
# gazetteer patterns alone fill the default 10,000 entries, after which tokenizing ran ~10x slower.
TOKENIZER_CACHE = 500_000
MAX_QUOTE_TOKENS = 120  # an unclosed quote stops holding sentences together after this many tokens
# Scraped text glues sentences together ("di Jakarta.Menurut dia", "Januari 2024.“Ke mana", "tindakan?”Menlu"):
# a sentence-final mark between a word and a capitalised word (or a quote before one) is a token of its own, and
# so are a closing quote after it and an opening quote glued to what precedes it. Web addresses ("Kompas.com"),
# acronyms ("TEMPO.CO", "U.S.") and decimals ("14.00") are not followed by a capital and a lower-case letter.
GLUED_SENTENCE_INFIXES = (
    r"(?<=\w\w)[.!?…]+(?=[”’\"»]?[“\"«‘]?[A-ZÀ-Þ][a-zß-ÿ])",
    r"(?<=[.!?…])[”’\"»](?=[“\"«‘]?[A-ZÀ-Þ])",
    r"(?<=\w)[,:;](?=[“«]\w)",
    r"(?<=\S)[“«](?=\w)",
)


def sentence_starts(words: list[str], spaces: list[str]) -> list[bool]:
    """Where sentences start: at paragraph breaks, and after final punctuation outside quotes.

    Works on plain lists of token texts and trailing whitespace (fast); see split_sentences.
    """
    n = len(words)
    starts = [False] * n
    if n:
        starts[0] = True
    open_quote: str | None = None
    quote_tokens = 0
    straight_open = False
    for i in range(n - 1):
        text = words[i]
        if "\n" in text or "\n" in spaces[i]:
            starts[i + 1] = True
            open_quote, straight_open, quote_tokens = None, False, 0
            continue
        if text in OPEN_QUOTES:
            open_quote, quote_tokens = OPEN_QUOTES[text], 0
        elif open_quote and text == open_quote:
            open_quote = None
        elif text == '"':
            straight_open = not straight_open
            quote_tokens = 0
        inside = (open_quote is not None or straight_open) and quote_tokens < MAX_QUOTE_TOKENS
        quote_tokens += 1
        if text not in SENTENCE_FINAL and not text.endswith("…"):
            continue
        j = i + 1
        while j < n and words[j] in CLOSERS:
            if words[j] in STRAIGHT_QUOTES and not straight_open:
                break  # an opening straight quote starts the next sentence
            if words[j] == open_quote:
                open_quote, inside = None, False
            elif words[j] == '"' and straight_open:
                straight_open, inside = False, False
            j += 1
        if inside or j >= n or not words[j].strip() or words[j][:1].islower():
            continue
        starts[j] = True
    return starts


WORDS_KEY = "kg_words"  # Doc.user_data key of the token texts, shared by the stages that read them


def token_texts(doc: Doc) -> list[str]:
    """The texts of a Doc's tokens as a plain list, computed once per Doc.

    Reading them from the ORTH array is faster than iterating the Doc, which builds a Token object per token;
    the rules index these lists millions of times."""
    words = doc.user_data.get(WORDS_KEY)
    if words is None or len(words) != len(doc):
        strings = doc.vocab.strings
        words = [strings[orth] for orth in doc.to_array(ORTH).tolist()] if len(doc) else []
        doc.user_data[WORDS_KEY] = words
    return words


OFFSETS_KEY = "kg_offsets"


def token_offsets(doc: Doc) -> list[int]:
    """The character offsets of a Doc's tokens (Token.idx) as a plain list, computed once per Doc."""
    offsets = doc.user_data.get(OFFSETS_KEY)
    if offsets is None or len(offsets) != len(doc):
        offsets = doc.to_array(IDX).tolist() if len(doc) else []
        doc.user_data[OFFSETS_KEY] = offsets
    return offsets


@Language.component("kg_sentences")
def split_sentences(doc: Doc) -> Doc:
    """Set sentence starts (see sentence_starts) on a Doc."""
    spaces = [" " if space else "" for space in doc.to_array(SPACY).tolist()] if len(doc) else []
    starts = sentence_starts(token_texts(doc), spaces)
    if starts:
        values = numpy.array([1 if start else -1 for start in starts], dtype="int64").astype("uint64")
        doc.from_array([SENT_START], values)
    return doc


# A spaCy tokenizer with no rules, for pipelines whose tokenizer is replaced or never runs: building the
# language's default one adds its thousands of special cases, which takes seconds at every start
NO_RULES = {"nlp": {"tokenizer": {"@tokenizers": "kg.no_rules_tokenizer.v1"}}}


@registry.tokenizers("kg.no_rules_tokenizer.v1")
def no_rules_tokenizer():
    return lambda nlp: Tokenizer(nlp.vocab)


def build_tokenizer(nlp: Language, lang: LanguageData) -> Tokenizer:
    """The language's default tokenizer plus kg's abbreviations, with dates such as 22/2/2022 kept whole.

    Built in one go from the language's defaults (as spaCy builds its own): setting rules on an existing
    spaCy tokenizer reloads all its special cases each time.
    """
    defaults = nlp.Defaults
    rules = dict(defaults.tokenizer_exceptions)
    rules.update({abbreviation: [{ORTH: abbreviation}] for abbreviation in lang.abbreviations})
    infixes = [*GLUED_SENTENCE_INFIXES, *(p for p in defaults.infixes if "/" not in p)]  # defaults split on '/'
    default_match = defaults.token_match

    def token_match(text: str):
        return DATE_TOKEN.match(text) or (default_match(text) if default_match else None)

    return Tokenizer(nlp.vocab, rules=rules,
                     prefix_search=compile_prefix_regex(defaults.prefixes).search if defaults.prefixes else None,
                     suffix_search=compile_suffix_regex(defaults.suffixes).search if defaults.suffixes else None,
                     infix_finditer=compile_infix_regex(infixes).finditer, token_match=token_match,
                     url_match=defaults.url_match, max_cache_size=TOKENIZER_CACHE)


def build_pipeline(lang: LanguageData) -> Language:
    nlp = spacy.blank(lang.code, config=NO_RULES)
    nlp.tokenizer = build_tokenizer(nlp, lang)
    nlp.add_pipe("kg_sentences")
    return nlp


@lru_cache(maxsize=4)
def pipeline(code: str = "id") -> Language:
    return build_pipeline(load_language(code))


@lru_cache(maxsize=4)
def ner_pipeline(code: str = "id") -> Language | None:
    """The trained NER of a language (tok2vec, tagger, ner; in its folder's ner/), sharing the vocabulary of
    kg's pipeline, or None when the language has no model. It runs on sentence Docs (see
    kg.extract.entities), as it was trained on sentences."""
    from .ner import add_to, model_dir

    lang = load_language(code)
    model = model_dir(lang)
    if model is None:
        return None
    nlp = spacy.blank(lang.code, vocab=pipeline(code).vocab, config=NO_RULES)  # it tags sentence Docs: no tokenizer
    return add_to(nlp, model)


def analyse(document: Document, nlp: Language | None = None) -> tuple[Doc, list[Sentence]]:
    """Tokenize and split a cleaned document; sentences carry offsets into document.text."""
    nlp = nlp or pipeline(document.language)
    doc = parse(nlp, document.text)
    return doc, sentences_of(document, doc)


def parse(nlp: Language, text: str) -> Doc:
    """nlp(text), also for a text longer than nlp.max_length (spaCy's E088): then in pieces, joined."""
    if len(text) <= nlp.max_length:
        return nlp(text)
    docs = [nlp(piece) for piece in text_pieces(text, nlp.max_length)]
    # the pieces are consecutive stretches of the text, each ending in its own whitespace: joined as they are
    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["user_data"])


PARAGRAPH_CUT = re.compile(r"\n\s*(?=\S)")  # after a line break and the whitespace that follows it
SENTENCE_CUT = re.compile(r"[.!?…][”’\"»)]*\s+(?=\S)")
SPACE_CUT = re.compile(r"\s+(?=\S)")


def text_pieces(text: str, limit: int) -> list[str]:
    """`text` cut into consecutive pieces of at most `limit` characters that join back into it. Each cut is the
    last, within the limit, after a paragraph break (where the analysis starts a sentence anyway, so the pieces
    analyse as the whole would); failing that after a sentence's final mark, then after any space, and only in a
    text without one for `limit` characters inside a word."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = 0
        for pattern in (PARAGRAPH_CUT, SENTENCE_CUT, SPACE_CUT):
            for match in pattern.finditer(window):
                cut = match.end()
            if cut:
                break
        cut = cut or limit
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def sentences_of(document: Document, doc: Doc) -> list[Sentence]:
    """The sentences of doc.sents without their space tokens; read from arrays, as iterating Spans and Tokens
    costs more than the rest of the analysis."""
    if not len(doc):
        return []
    words = token_texts(doc)
    offsets = token_offsets(doc)
    flags = doc.to_array(SENT_START).tolist()
    bounds = [0] + [i for i in range(1, len(words)) if flags[i] == 1] + [len(words)]  # as Doc.sents splits
    sentences = []
    paragraph, previous_end = 0, 0
    for first, stop in zip(bounds, bounds[1:], strict=False):
        # the sentence without its space tokens (Token.is_space) at either end
        head = next((i for i in range(first, stop) if not words[i].isspace()), None)
        if head is None:
            continue
        last = next(i for i in range(stop - 1, head - 1, -1) if not words[i].isspace())
        start, end = offsets[head], offsets[last] + len(words[last])
        if sentences and "\n" in document.text[previous_end:start]:
            paragraph += 1
        sentences.append(Sentence(document.id, len(sentences), start, end, document.text[start:end],
                                  (head, last + 1), paragraph))
        previous_end = end
    return sentences
