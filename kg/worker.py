"""The work done on each article, in this process, in worker processes or on Dask workers: clean -> analyse ->
extract. Its results are what the article cache keeps (kg.cache fingerprints this module with the stages it calls);
kg.pipeline maps it over a corpus and resolves the results."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

from . import lang as language
from .analyse import analyse, ner_pipeline, pipeline
from .clean import clean
from .extract import Draft, extract_document
from .extract.entities import MentionFinder
from .model import Document, Mention

NO_TOKENS = (0, 0)
ANALYSIS_LOCK = threading.Lock()


@dataclass
class ArticleResult:
    """What analysing one article gives: its cleaned document, mentions and drafts of facts."""

    document: Document
    mentions: list[Mention]
    drafts: list[Draft]


@lru_cache(maxsize=4)
def analysers(lang_code: str) -> tuple[language.LanguageData, object, MentionFinder]:
    """The language data, spaCy pipeline and mention finder of a language, built once per process."""
    lang = language.load(lang_code)
    nlp = pipeline(lang_code)
    return lang, nlp, MentionFinder(nlp, lang, ner_pipeline(lang_code))


def warm_up(lang_code: str) -> None:
    """Load a language's analysers in this (worker) process ahead of the articles."""
    analysers(lang_code)


def analyse_article(document: Document, lang_code: str = "id") -> ArticleResult:
    """Clean, analyse and extract one article. Runs in worker processes and on Dask workers, which may call it
    from several threads: the analysers are shared and keep per-document state, so one article at a time."""
    with ANALYSIS_LOCK:
        return _analyse(document, lang_code)


def _analyse(document: Document, lang_code: str) -> ArticleResult:
    lang, nlp, finder = analysers(lang_code)
    document.language = lang.code  # a language loaded from a folder's path is known by its code
    clean(document, lang)
    if not document.text.strip():
        return ArticleResult(document, [], [])
    doc, sentences = analyse(document, nlp)
    mentions, drafts = extract_document(document, doc, sentences, nlp, lang, finder)
    for mention in mentions:
        mention.tokens = NO_TOKENS  # token spans mean nothing outside this analysis; the default is shared
    return ArticleResult(document, mentions, drafts)


def analyse_chunk(documents: list[Document], lang_code: str) -> list[ArticleResult]:
    return [analyse_article(document, lang_code) for document in documents]
