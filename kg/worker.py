"""The work done on each article, in this process, in worker processes or on Dask workers: clean -> analyse ->
extract. Its results are what the article cache keeps (kg.cache fingerprints this module with the stages it calls);
kg.pipeline maps it over a corpus and resolves the results."""
from __future__ import annotations

import ctypes
import gc
import os
import signal
import sys
import threading
import time
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
PR_SET_PDEATHSIG = 1  # linux/prctl.h
PARENT_CHECK_SECONDS = 1.0
MAX_ERROR_CHARS = 300


@dataclass
class ArticleResult:
    """What analysing one article gives: its cleaned document, mentions and drafts of facts."""

    document: Document
    mentions: list[Mention]
    drafts: list[Draft]


@dataclass
class AnalysisFailed:
    """An article the analysis raised on (the build skips it with a warning and does not cache it)."""

    document: Document
    error: str  # one line


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
        try:
            return _analyse(document, lang_code)
        except (language.LanguageDataError, ImportError):  # the language data or the install: every article's
            raise
        except Exception as err:  # whatever one article does to the analysis, the build goes on without it
            return AnalysisFailed(document, one_line(err))


def one_line(err: BaseException) -> str:
    text = " ".join(f"{type(err).__name__}: {err}".split())
    return text if len(text) <= MAX_ERROR_CHARS else text[:MAX_ERROR_CHARS - 1] + "…"


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


def analyse_chunk(documents: list[Document], lang_code: str) -> list[ArticleResult | AnalysisFailed]:
    return [analyse_article(document, lang_code) for document in documents]


def start_worker(parent: int) -> None:
    """Set up a pool worker process: it dies with its parent (process `parent`), which alone answers Ctrl-C."""
    gc.enable()  # a pool forked while the build holds the collector off (kg.pipeline.collector_paused)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the parent stops us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the handler a forked worker inherits from kg's command
    if not die_with_parent():  # no prctl: watch for the parent to go
        threading.Thread(target=watch_parent, args=(parent,), name="kg-parent", daemon=True).start()
    if os.getppid() != parent:  # it died before we were set up
        os._exit(1)


def die_with_parent() -> bool:
    """Ask Linux to kill this process when its parent ends (PR_SET_PDEATHSIG); False where that is not there."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)
