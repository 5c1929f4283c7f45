"""The whole pipeline: read -> clean -> analyse -> extract -> resolve -> graph -> export (files)."""
from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import networkx as nx

from . import lang as language
from .analyse import analyse, ner_pipeline, pipeline
from .cache import ArticleCache
from .clean import clean
from .export import atomic_open, write_atomic
from .export.html import to_html
from .export.rdf import DEFAULT_BASE, write_rdf
from .extract import Draft, extract_document
from .extract.entities import MentionFinder
from .graph import build_graph
from .model import Corpus, Document, Mention
from .read import ReadReport, read_inputs
from .resolve import Resolver
from .sparql import write_store
from .subgraph import select

log = logging.getLogger("kg")
SAMPLE_DIR = Path(__file__).resolve().parent / "sample"
CACHE_NAME = ".kg-cache"
HTML_MAX_NODES = 5000  # graph.html stays interactive up to about this many nodes
AUTO_PARALLEL = 64  # articles from which --workers auto uses all cores
PROGRESS_SECONDS = 2.0


class OutputError(Exception):
    """The output folder cannot be created or written."""


@dataclass
class BuildResult:
    corpus: Corpus
    graph: nx.MultiDiGraph
    report: ReadReport
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)
    analysed: int = 0  # articles analysed in this run
    reused: int = 0  # articles taken from the cache

    def summary(self) -> str:
        c = self.corpus
        return (f"kg: {self.report.read} articles read, {self.report.skipped} skipped; "
                f"{self.graph.number_of_nodes()} nodes, {self.graph.number_of_edges()} edges "
                f"({len(c.statements)} statements, {len(c.meetings)} meetings); "
                f"{len(self.report.warnings)} warnings; {self.seconds:.1f} s"
                + (f"; reused {self.reused} of {self.reused + self.analysed} articles from the cache"
                   if self.reused else ""))


def check_output_dir(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"{out_dir}: cannot create output folder ({err.strerror})") from err
    if not out_dir.is_dir():
        raise OutputError(f"{out_dir}: not a folder")
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise OutputError(f"{out_dir}: output folder is not writable")


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


def analyse_article(document: Document, lang_code: str = "id") -> ArticleResult:
    """Clean, analyse and extract one article. Runs in worker processes and on Dask workers."""
    lang, nlp, finder = analysers(lang_code)
    document.language = lang_code
    clean(document, lang)
    if not document.text.strip():
        return ArticleResult(document, [], [])
    doc, sentences = analyse(document, nlp)
    mentions, drafts = extract_document(document, doc, sentences, nlp, lang, finder)
    return ArticleResult(document, mentions, drafts)


def map_articles(documents: list[Document], lang_code: str, workers: int = 1,
                 dask: str | None = None) -> Iterator[ArticleResult]:
    """analyse_article over documents, results in input order, serially, on a process pool or on Dask."""
    if dask:
        try:
            from distributed import Client
        except ImportError as err:
            raise OutputError("--dask needs the dask extra: pip install 'kg[dask]'") from err
        with Client(dask) as client:
            futures = client.map(analyse_article, documents, lang_code=lang_code, pure=False)
            for future in futures:  # in input order
                yield future.result()
                future.release()
        return
    if workers == 0:  # auto: a process pool pays off only past a few dozen articles
        workers = os.cpu_count() or 1 if len(documents) >= AUTO_PARALLEL else 1
    if workers > 1 and len(documents) > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        if method == "fork":
            analysers(lang_code)  # load once here; forked workers inherit it instead of each loading it
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
            yield from pool.map(analyse_article, documents, [lang_code] * len(documents),
                                chunksize=max(1, min(64, len(documents) // (workers * 8))))
        return
    for document in documents:
        yield analyse_article(document, lang_code)


def run_pipeline(inputs: list[str | Path], lang_code: str = "id", progress: bool = True, workers: int = 1,
                 cache: str | Path | None = None, dask: str | None = None) -> BuildResult:
    """Read and analyse every article; return the resolved corpus and its graph (no files written)."""
    started = time.monotonic()
    documents, report = read_inputs(inputs)
    result = process(documents, report, lang_code, progress, workers, cache, dask)
    result.seconds = time.monotonic() - started
    return result


def process(documents: list[Document], report: ReadReport | None = None, lang_code: str = "id",
            progress: bool = False, workers: int = 1, cache: str | Path | None = None,
            dask: str | None = None) -> BuildResult:
    """Clean, analyse, extract (in parallel, reusing cached articles) and resolve documents that have been read.

    The output does not depend on the number of workers: results are merged in input order.
    """
    started = time.monotonic()
    report = report or ReadReport(read=len(documents))
    store = ArticleCache(cache, lang_code) if cache is not None else None
    results: list[ArticleResult | None] = [None] * len(documents)
    keys: list[str] = []
    if store is not None:
        keys = [store.key(d) for d in documents]
        for n, key in enumerate(keys):
            results[n] = store.get(key)
    missing = [n for n, found in enumerate(results) if found is None]
    reused = len(documents) - len(missing)
    last_report = time.monotonic()
    for done, (n, result) in enumerate(zip(missing, map_articles([documents[n] for n in missing], lang_code,
                                                                     workers, dask), strict=True), start=1):
        results[n] = result
        if store is not None:
            store.put(keys[n], result)
        now = time.monotonic()
        if progress and now - last_report >= PROGRESS_SECONDS:
            print(f"kg: analysed {done}/{len(missing)} articles ({done / (now - started):.1f}/s)", file=sys.stderr)
            last_report = now
    mentions: list[Mention] = []
    drafts: list[Draft] = []
    kept: dict[str, Document] = {}
    for result in results:
        if not result.document.text.strip():
            report.warn(f"{result.document.source}: nothing left after removing page chrome, skipped", skip=True)
            report.read -= 1
            continue
        kept[result.document.id] = result.document
        mentions.extend(result.mentions)
        drafts.extend(result.drafts)
    lang = language.load(lang_code)
    corpus = Resolver(lang).resolve(kept, mentions, drafts)
    graph = build_graph(corpus)
    return BuildResult(corpus, graph, report, time.monotonic() - started, analysed=len(missing), reused=reused)


def build(inputs: list[str | Path], out_dir: str | Path, base_iri: str = DEFAULT_BASE, lang_code: str = "id",
          html: bool = True, progress: bool = True, store: str | Path | None = None, workers: int = 1,
          cache: str | Path | None | bool = True, dask: str | None = None,
          view: dict[str, object] | None = None) -> BuildResult:
    """Build the graph of the inputs and write graph.ttl, graph.trig and graph.html into out_dir.

    cache: True keeps an article cache in OUTDIR/.kg-cache (incremental builds), a path puts it elsewhere,
    False or None turns it off. view: options of kg.subgraph.select (focus, hops, date_from, date_to,
    max_nodes) that narrow graph.html only; the RDF always holds everything.
    """
    out_dir = Path(out_dir)
    check_output_dir(out_dir)
    cache_dir = out_dir / CACHE_NAME if cache is True else (cache or None)
    result = run_pipeline(inputs, lang_code, progress, workers, cache_dir, dask)
    try:
        with atomic_open(out_dir / "graph.trig") as trig, atomic_open(out_dir / "graph.ttl") as turtle:
            write_rdf(result.graph, trig, turtle, base_iri)
        result.outputs += [out_dir / "graph.trig", out_dir / "graph.ttl"]
        if html:
            shown = select(result.graph, **view) if view else result.graph
            if not view and shown.number_of_nodes() > HTML_MAX_NODES:
                log.warning(f"graph.html shows the {HTML_MAX_NODES:,} most connected of "
                            f"{shown.number_of_nodes():,} entities (see --max-nodes, --focus, --from/--to)")
                shown = select(shown, max_nodes=HTML_MAX_NODES)
            write_atomic(out_dir / "graph.html", to_html(shown))
            result.outputs.append(out_dir / "graph.html")
        if store is not None:
            write_store(out_dir / "graph.trig", Path(store))
            result.outputs.append(Path(store))
    except OSError as err:
        raise OutputError(f"{err.filename or out_dir}: cannot write output ({err.strerror})") from err
    return result
