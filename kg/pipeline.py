"""The whole pipeline: read -> clean -> analyse -> extract -> resolve -> graph -> export (files)."""
from __future__ import annotations

import copy
import gc
import logging
import multiprocessing
import os
import re
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from sys import intern

try:
    import fcntl
except ImportError:  # Windows: builds run without the lock
    fcntl = None

import networkx as nx

from . import lang as language
from .cache import ArticleCache
from .export import COMMIT_NAME, TEMP_NAME, OutputSet, recover, remove_stale_temps, temp_pattern
from .export.html import PageArticle, PageSink, page_article
from .export.rdf import Previous, Writer, article_block
from .graph import build_graph, record_edges
from .iris import DEFAULT_BASE, Iris
from .kinds import count as count_kinds
from .model import Corpus, Document, Entity, Mention, Record
from .read import FileRecord, InputPaths, Known, ReadReport, read_changed, read_inputs
from .resolve import Resolver
from .settings import Settings
from .sparql import write_store
from .state import PAGE_STATE_NAME, STATE_NAME, TRIG, TURTLE, BuildState, PageState, Totals
from .state import outputs as rdf_outputs
from .worker import AnalysisFailed, ArticleResult, analyse_article, analyse_chunk, analysers, start_worker, warm_up

log = logging.getLogger("kg")
SAMPLE_DIR = Path(__file__).resolve().parent / "sample"
CACHE_NAME = ".kg-cache"
AUTO_PARALLEL = 64  # articles from which --workers auto uses all cores
PROGRESS_SECONDS = 2.0
IN_FLIGHT = 4  # chunks per worker queued or running at a time


class OutputError(Exception):
    """The output folder cannot be created or written."""


class BuildBusy(OutputError):
    """Another build is writing into the output folder."""


class NotCached(Exception):
    """An article that was not read again (its file is unchanged) is missing from the cache."""


@dataclass
class BuildResult:
    """What a build made. corpus and graph: the corpus in memory (kg.process, run_pipeline); None for a build
    into a folder, whose graph is in its files (kg.to_networkx(out))."""

    corpus: Corpus | None
    graph: nx.MultiDiGraph | None
    report: ReadReport
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)
    analysed: int = 0  # articles analysed in this run
    reused: int = 0  # articles taken from the cache
    nodes: int = 0
    edges: int = 0
    statements: int = 0
    meetings: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # facts per registered kind (statements and meetings
    # over the whole build; other kinds over the articles resolved in this run when the build is incremental)
    added: int | None = None  # articles resolved against the entities saved by the last build (None: all resolved)

    def summary(self) -> str:
        return (f"kg: {self.report.read} articles read, {self.report.skipped} skipped; "
                f"{self.nodes} nodes, {self.edges} edges "
                f"({self.facts_summary()}); "
                f"{len(self.report.warnings)} warnings; {self.seconds:.1f} s"
                + (f"; reused {self.reused} of {self.reused + self.analysed} articles from the cache"
                   if self.reused else "")
                + (f"; {self.added} new article{'' if self.added == 1 else 's'} resolved against the last build's "
                   "entities, the rest copied" if self.added is not None else ""))


    def facts_summary(self) -> str:
        counts = self.counts or {"statement": self.statements, "meeting": self.meetings}
        return ", ".join(f"{n} {name}s" for name, n in counts.items())


def check_output_dir(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"{out_dir}: cannot create output folder ({err.strerror})") from err
    if not out_dir.is_dir():
        raise OutputError(f"{out_dir}: not a folder")
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise OutputError(f"{out_dir}: output folder is not writable")


def map_articles(documents: list[Document], settings: Settings, release: bool = False,
                 pool: ProcessPoolExecutor | None = None) -> Iterator[ArticleResult | AnalysisFailed]:
    """analyse_article over documents, results in input order, serially, on a process pool or on Dask.
    release: the list's entries are dropped once handed out (the caller needs only the results).
    pool: a running one-process pool (see warm_pool) to use instead of starting one."""
    lang_code, workers, dask = settings.lang_code, settings.workers, settings.dask
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
    workers = pool_size(workers, len(documents))
    if pool is not None:
        yield from on_pool(pool, documents, lang_code, 1, release)
        return
    if workers > 1 and len(documents) > 1:
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        if method == "fork":
            analysers(lang_code)  # load once here; forked workers inherit it instead of each loading it
        pool = new_pool(workers, method)
        try:
            yield from on_pool(pool, documents, lang_code, workers, release)
        except BaseException:  # an error, Ctrl-C, SIGTERM, or the caller stopped reading: no result is wanted
            stop_pool(pool)
            raise
        pool.shutdown()
        return
    for n, document in enumerate(documents):
        if release:
            documents[n] = None
        yield analyse_article(document, lang_code)


def page_fork(settings: Settings) -> Callable[[], ProcessPoolExecutor] | None:
    """What makes the page's one-process pool (see kg.export.html.PageSink), unless the build is to run in one
    process or cannot fork."""
    if settings.workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return lambda: new_pool(1, "fork")


def pool_size(workers: int, articles: int) -> int:
    """The processes for `articles` articles: `workers`, or for 0 (auto) all cores once a pool pays off (past a
    few dozen articles)."""
    if workers == 0:
        return (os.cpu_count() or 1) if articles >= AUTO_PARALLEL else 1
    return workers


def on_pool(pool: ProcessPoolExecutor, documents: list[Document], lang_code: str, workers: int,
            release: bool) -> Iterator[ArticleResult | AnalysisFailed]:
    """analyse_article over documents on a pool (see in_chunks)."""
    return in_chunks(pool, analyse_chunk, documents, workers, (lang_code,), release)


def in_chunks(pool: ProcessPoolExecutor, function, items: list, workers: int, args: tuple = (),
              release: bool = False) -> Iterator:
    """function(chunk, *args) over the items on a pool, each chunk giving a list; the results in order, with a
    bounded window of chunks in flight (Executor.map would queue every item at once). release: the list's
    entries are dropped once submitted."""
    chunk = max(1, min(64, len(items) // (workers * 8)))
    pending: deque = deque()
    for start in range(0, len(items), chunk):
        batch = items[start:start + chunk]
        pending.append(pool.submit(function, batch, *args))
        if release:
            items[start:start + chunk] = [None] * len(batch)
        if len(pending) >= workers * IN_FLIGHT:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def new_pool(workers: int, method: str) -> ProcessPoolExecutor:
    """A process pool whose workers die with this process (see kg.worker.start_worker)."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method), initializer=start_worker,
                               initargs=(os.getpid(),))


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop a pool now: drop the queued work and end the workers (shutdown alone waits for the running chunks,
    and the interpreter waits for the pool at exit)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # no public way to reach them
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(5)


def warm_pool(lang_code: str) -> ProcessPoolExecutor | None:
    """A one-process pool, forked now, that starts loading the models at once: a build that adds a few articles
    then analyses them there while it copies the old blocks, instead of loading the models after. None where
    processes cannot be forked."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    pool = new_pool(1, "fork")
    pool.submit(warm_up, lang_code)
    return pool


def run_pipeline(inputs: list[str | Path], settings: Settings | None = None) -> BuildResult:
    """Read and analyse every article; return the resolved corpus and its graph (no files written)."""
    started = time.monotonic()
    documents, report = read_inputs(inputs)
    result = process(documents, report, settings)
    result.seconds = time.monotonic() - started
    return result


@dataclass
class ResolvedArticle:
    """One article after resolution: what the graph and the exporters read about it."""

    document: Document
    mentions: list[Mention]  # resolved mentions (entity_id set)
    records: list[Record]  # statements, meetings and events


class Resolution:
    """A corpus after the first resolution phase: its entities, and its articles one at a time.

    Articles are analysed (or taken from the cache) once; with a cache only their mentions stay in memory
    and ``articles()`` reads each article again to resolve its facts, so memory grows with the mentions,
    not with the texts and facts of the corpus.
    """

    def __init__(self, report: ReadReport, store: ArticleCache | None, resolver: Resolver):
        self.report = report
        self.store = store
        self.resolver = resolver
        self.keys: dict[str, str] = {}  # article id -> cache key
        self.held: dict[str, ArticleResult] = {}  # article id -> result, when there is no cache
        self.mentions: dict[str, list[Mention]] = {}  # article id -> mentions, resolved in place
        self.skipped: dict[str, tuple[str, str]] = {}  # article id -> (cache key, warning), of empty articles
        self.failed: set[str] = set()  # ids of the articles the analysis failed on
        self.entities: dict[str, Entity] = {}  # filled by resolve_entities
        self.reused = 0  # articles taken from the cache
        self.analysed = 0  # articles analysed in this run

    def resolve_entities(self) -> None:
        """The first phase: the corpus's entities from every article's mentions."""
        # in article id order, whichever articles came from the cache: resolution breaks ties by first sight
        self.entities = self.resolver.resolve_entities([m for doc_id in sorted(self.mentions)
                                                        for m in self.mentions[doc_id]])

    def add(self, result: ArticleResult, key: str) -> None:
        """Keep an article's mentions, and either its cache key (to read it again) or, without a cache, itself."""
        document = result.document
        if not document.text.strip():
            warning = f"{document.source}: nothing left after removing page chrome, skipped"
            self.report.warn(warning, skip=True)
            self.report.read -= 1
            self.skipped[document.id] = (key, warning)
            return
        for mention in result.mentions:  # the same few strings recur across a corpus: keep one copy each
            mention.doc_id, mention.text = intern(mention.doc_id), intern(mention.text)
            mention.type, mention.source = intern(mention.type), intern(mention.source)
            if mention.position is not None:
                mention.position = intern(mention.position)
                mention.role = intern(mention.role) if mention.role is not None else None
                mention.role_of = intern(mention.role_of) if mention.role_of is not None else None
        self.mentions[document.id] = result.mentions
        if self.store is not None:
            self.keys[document.id] = key
        else:
            self.held[document.id] = result

    def fail(self, failed: AnalysisFailed) -> None:
        """Skip an article the analysis raised on, with a warning."""
        self.report.warn(f"{failed.document.source}: cannot analyse article {failed.document.id} ({failed.error}), "
                         "skipped", skip=True)
        self.report.read -= 1
        self.failed.add(failed.document.id)

    def articles(self, doc_ids: list[str] | None = None) -> Iterator[ResolvedArticle]:
        """Each article (of doc_ids, else all) with its resolved facts, in article id order."""
        for doc_id in sorted(self.mentions) if doc_ids is None else doc_ids:
            resolved = self.mentions[doc_id]
            result = self.held.get(doc_id)
            if result is None:
                result = self.store.get(self.keys[doc_id])
                if result is None:
                    raise OutputError(f"{self.store.folder}: the article cache changed during the build")
                for fresh, known in zip(result.mentions, resolved, strict=True):  # the drafts point to fresh ones
                    fresh.entity_id, fresh.type, fresh.canonical = known.entity_id, known.type, known.canonical
            records = self.resolver.article_records(result.document, result.drafts, result.mentions)
            yield ResolvedArticle(result.document, [m for m in result.mentions if m.entity_id], records)


    def rendered(self, base: str, workers: int, keep: bool = False) -> Iterator[RenderedArticle]:
        """Each article resolved and rendered as RDF, in article id order: on a pool of `workers` processes forked
        now (they inherit the resolved entities and mentions instead of being sent them), else here. keep: each
        comes with what the page shows of it too (PageArticle, for the page's sink)."""
        doc_ids = sorted(self.mentions)
        # a second pool pays off only past a few dozen articles, even when asked for
        workers = pool_size(workers, len(doc_ids)) if len(doc_ids) >= AUTO_PARALLEL else 1
        if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
            iris = Iris(base)
            yield from (render(article, iris, keep) for article in self.articles())
            return
        global RENDERING
        RENDERING = self
        pool = new_pool(workers, "fork")
        try:
            yield from in_chunks(pool, render_chunk, doc_ids, workers, (base, keep))
        except BaseException:  # an error, Ctrl-C, SIGTERM, or the caller stopped reading
            stop_pool(pool)
            raise
        finally:
            RENDERING = None
        pool.shutdown()


@dataclass
class RenderedArticle:
    """One article's block of RDF (the same triples for graph.trig and graph.ttl) and what the build counts."""

    doc_id: str
    block: bytes
    edges: int  # the graph edges of its facts
    counts: dict[str, int]  # facts per kind
    page: PageArticle | None = None  # what the page shows of it, when asked (see Resolution.rendered)


RENDERING: Resolution | None = None  # the resolution forked render workers read (see Resolution.rendered)


def render(article: ResolvedArticle, iris: Iris, keep: bool = False) -> RenderedArticle:
    counts: dict[str, int] = {}
    for record in article.records:
        counts[record.kind] = counts.get(record.kind, 0) + 1
    return RenderedArticle(article.document.id, article_block(article.document, article.mentions, article.records,
                                                              iris),
                           sum(len(record_edges(r)) for r in article.records), counts,
                           page_article(article.document, article.mentions, article.records) if keep else None)


def render_chunk(doc_ids: list[str], base: str, keep: bool = False) -> list[RenderedArticle]:
    """In a forked render worker: these articles, resolved against the inherited entities and rendered."""
    iris = Iris(base)
    return [render(article, iris, keep) for article in RENDERING.articles(doc_ids)]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for a stretch that makes many objects and no cycles (analysing and
    resolving the corpus, loading the page state, drawing the page): with a corpus's millions of objects in
    memory, each of its full passes would cost a good part of a second."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@collector_paused()
def resolve_corpus(documents: list[Document | Known], report: ReadReport, settings: Settings,
                   release: bool = False, keys: list[str] | None = None, resolver: Resolver | None = None,
                   pool: ProcessPoolExecutor | None = None) -> Resolution:
    """Analyse every article (or take it from the cache) and resolve the corpus's entities (see Resolution).

    release: drop each article from `documents` once it is cached or analysed (the list is the caller's; a
    streamed build does not need it again). keys: the documents' cache keys, if known. resolver: one that has
    resolved earlier articles (a saved build's), to resolve these after them; its ``stale`` then says whether they
    would change the earlier ones. pool: a running process pool to analyse on (see map_articles).
    The collector is off meanwhile: the corpus's mentions pile up here (the pool's workers collect)."""
    started = time.monotonic()
    store = ArticleCache(settings.cache, settings.lang_code) if settings.cache is not None else None
    resolution = Resolution(report, store, resolver or Resolver(language.load(settings.lang_code)))
    if keys is None:
        keys = [store.key(d) for d in documents] if store is not None else []
    missing = []
    for n in range(len(documents)):
        found = store.get(keys[n]) if store is not None else None
        if found is None:
            if isinstance(documents[n], Known):
                raise NotCached(documents[n].id)
            missing.append(n)
        else:
            resolution.add(found, keys[n])
    resolution.reused = len(documents) - len(missing)
    resolution.analysed = len(missing)
    last_report = time.monotonic()
    todo = [documents[n] for n in missing]
    if release:
        documents.clear()  # the articles to analyse are in `todo`; map_articles releases them as it goes
    for done, (n, result) in enumerate(zip(missing, map_articles(todo, settings, release, pool), strict=True),
                                       start=1):
        if isinstance(result, AnalysisFailed):  # not cached: the next build tries it again (the failure
            resolution.fail(result)  # may have been a lack of memory)
            continue
        if store is not None:
            store.put(keys[n], result)
        resolution.add(result, keys[n] if keys else "")
        now = time.monotonic()
        if settings.progress and now - last_report >= PROGRESS_SECONDS:
            print(f"kg: analysed {done}/{len(missing)} articles ({done / (now - started):.1f}/s)", file=sys.stderr)
            last_report = now
    resolution.resolve_entities()
    return resolution


def process(documents: list[Document], report: ReadReport | None = None, settings: Settings | None = None
            ) -> BuildResult:
    """Clean, analyse, extract (in parallel, reusing cached articles) and resolve documents that have been read.

    The output does not depend on the number of workers: results are merged in article id order.
    """
    started = time.monotonic()
    report = report or ReadReport(read=len(documents))
    resolution = resolve_corpus(documents, report, settings or Settings(progress=False))
    corpus = Corpus(entities=resolution.entities)
    for article in resolution.articles():
        corpus.documents[article.document.id] = article.document
        corpus.mentions += article.mentions
        for record in article.records:
            corpus.add(record)
    graph = build_graph(corpus)
    counts = count_kinds(corpus.records())
    return BuildResult(corpus, graph, report, time.monotonic() - started, analysed=resolution.analysed,
                       reused=resolution.reused, nodes=graph.number_of_nodes(), edges=graph.number_of_edges(),
                       statements=counts["statement"], meetings=counts["meeting"], counts=counts)


def build(inputs: list[str | Path], out_dir: str | Path, base_iri: str = DEFAULT_BASE, lang_code: str = "id",
          html: bool = True, progress: bool = True, store: str | Path | None = None, workers: int = 1,
          cache: str | Path | None | bool = True, dask: str | None = None,
          view: dict[str, object] | None = None, trig: bool = False) -> BuildResult:
    """Build the graph of the inputs and write graph.ttl and graph.html (and with trig, graph.trig) into out_dir.

    cache: True keeps an article cache in OUTDIR/.kg-cache (incremental builds), a path puts it elsewhere,
    False or None turns it off. view: options of kg.subgraph.select (focus, hops, date_from, date_to,
    max_nodes) that narrow graph.html only; the RDF always holds everything. trig: also write graph.trig (the
    same triples, one named graph per article); without it a graph.trig an earlier build left goes with the
    outputs it no longer matches.
    """
    out_dir = Path(out_dir)
    check_output_dir(out_dir)
    cache_dir = out_dir / CACHE_NAME if cache is True else (Path(cache) if cache else None)
    settings = Settings(lang_code, base_iri, progress, workers, cache_dir, dask, trig)
    inputs = InputPaths(inputs, skip=(out_dir, cache_dir, store))  # never read what the build writes
    with ExitStack() as held:
        try:
            held.enter_context(output_lock(out_dir))
            if cache_dir is not None:
                held.enter_context(cache_lock(cache_dir))
            result = stream_build(inputs, out_dir, settings, (view or {}) if html else None)
            result.outputs += [out_dir / name for name in (*rdf_outputs(trig), *(["graph.html"] if html else []))]
            if store is not None:
                write_store(out_dir / (TRIG if trig else TURTLE), Path(store))
                result.outputs.append(Path(store))
        except OSError as err:
            raise OutputError(f"{err.filename or out_dir}: cannot write output ({err.strerror})") from err
    return result


def drop_stale_trig(outputs: OutputSet, trig: bool) -> None:
    """A build without trig removes the graph.trig of an earlier one with its other outputs (so that the folder
    never holds files of two builds), and says so."""
    if not trig and outputs.remove(TRIG):
        log.warning(f"{outputs.folder / TRIG}: an earlier build's, removed with its other outputs "
                    "(build with --trig to keep one)")


LOCK_NAME = ".kg-build.lock"
OUTPUT_NAMES = (TRIG, TURTLE, "graph.html", STATE_NAME, PAGE_STATE_NAME, COMMIT_NAME)  # what a build writes in OUTDIR
CACHE_TEMP = re.compile(TEMP_NAME.format(name=r"[0-9a-f]{64}\.\w+"))  # a cache entry's temporary file
CACHE_FOLDER = re.compile(r"[0-9a-f]{2}")
# what a build removes from the cache's folders: the temporary files a killed build left, and the entries an
# earlier kg wrote as pickles (never loaded)
CACHE_STALE = re.compile(rf"{CACHE_TEMP.pattern}|[0-9a-f]{{64}}\.pickle")


@contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Hold OUTDIR/.kg-build.lock for the build (BuildBusy if another build holds it), finish an interrupted
    commit of the outputs (kg.export.recover) and remove the temporary files a killed build left there."""
    with open(out_dir / LOCK_NAME, "a+b") as lock:
        try:
            locked = flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB if fcntl else 0)
        except BlockingIOError:
            raise BuildBusy(f"{out_dir}: another kg build is writing into this folder") from None
        recover(out_dir)
        if locked:  # else another build might be writing these
            for name in OUTPUT_NAMES:
                remove_stale_temps(out_dir, temp_pattern(name))
        yield  # the lock goes when the file closes


@contextmanager
def cache_lock(cache_dir: Path) -> Iterator[None]:
    """Share the article cache with other builds (several may use one --cache) for this build; first remove the
    temporary files a killed build left in it, when no other build is using it."""
    try:
        folder = os.open(cache_dir, os.O_RDONLY)  # the folder itself is locked: nothing is added to it
    except OSError:  # not there yet (a first build): nothing to clean
        yield
        return
    try:
        try:
            alone = flock(folder, fcntl.LOCK_EX | fcntl.LOCK_NB if fcntl else 0)
        except BlockingIOError:  # in use by another build: leave its files alone
            alone = False
            flock(folder, fcntl.LOCK_SH)
        if alone:
            removed = [path for entry in os.scandir(cache_dir)
                       if CACHE_FOLDER.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False)
                       for path in remove_stale_temps(entry.path, CACHE_STALE)]
            if any(path.suffix == ".pickle" for path in removed):
                log.warning(f"{cache_dir}: removed article cache entries of an earlier kg (pickles, never loaded)")
            flock(folder, fcntl.LOCK_SH)
        yield
    finally:
        os.close(folder)


def flock(fd: int, operation: int) -> bool:
    """fcntl.flock (BlockingIOError when a LOCK_NB lock is taken); False where there are no locks (Windows, some
    network file systems)."""
    if fcntl is None:
        return False
    try:
        fcntl.flock(fd, operation)
    except BlockingIOError:
        raise
    except OSError:
        return False
    return True


def stream_build(inputs: list[str | Path], out_dir: Path, settings: Settings, page: dict | None = None
                 ) -> BuildResult:
    """Read, analyse, resolve and write graph.ttl (and with trig, graph.trig) one article at a time; with `page`
    (the view options of graph.html, see kg.export.html.PageSink) the page's sink also collects what the page
    shows of every article, and graph.html is drawn from it with the other files.

    With a cache, the build saves its state (kg.state; with the page, the page's articles too) and the next one
    starts from it when it can: new articles that sort after the known ones are resolved alone and appended, the
    old blocks are copied and the page is drawn from the old articles' saved part and the new ones'.
    An OSError is the caller's to report."""
    started = time.monotonic()
    lang_code, base_iri, cache, trig = settings.lang_code, settings.base_iri, settings.cache, settings.trig
    state = BuildState.load(out_dir, lang_code, base_iri, trig) if cache is not None else None
    sink = None
    with ExitStack() as stack:
        outputs = stack.enter_context(OutputSet(out_dir))  # last out: renames the files once they are closed
        previous = None if state is None else Previous([stack.enter_context((out_dir / name).open("rb"))
                                                        for name in rdf_outputs(trig)], state.layout)
        writer = Writer(*(stack.enter_context(outputs.open(name)) for name in rdf_outputs(trig)), base=base_iri)
        stack.callback(writer.close)  # first on the way out: no copy may still run when the files close
        pool = warm_pool(lang_code) if previous is not None and settings.workers != 1 and not settings.dask else None
        if pool is not None:  # forked before the copying threads start
            stack.push(lambda failed, *_: stop_pool(pool) if failed else pool.shutdown(cancel_futures=True))
        if previous is not None:  # copying the old articles' blocks takes a while: start it now, in the background
            writer.copy(previous, list(state.articles))
        kept = None
        if page is not None:  # loaded while the warm pool loads the models
            with collector_paused():
                kept = PageState.load(out_dir, state) if state is not None else None
            sink = PageSink(page, kept, page_fork(settings))
        documents, report, files, keys = read_keyed(inputs, settings, state)
        # the page needs every article: without the last build's part of it, every article is resolved
        usable = state if page is None or kept is not None else None
        resolution, tried = incremental(usable, documents, keys, report, settings, pool)
        if resolution is not None:
            report = resolution.report  # the trial's, with the new articles' warnings
        else:
            if pool is not None:
                pool.shutdown()  # the models it holds are no use to a build that analyses on its own pool
            if state is not None:
                writer.restart()
                state = None
                if sink is not None:
                    sink.articles.clear()  # the last build's part of the page goes with its blocks
            try:
                resolution = resolve_corpus(documents, report, settings, release=True, keys=keys)
            except NotCached:  # an unchanged file's article left the cache: read every file again
                documents, report, files, keys = read_keyed(inputs, settings, None)
                resolution = resolve_corpus(documents, report, settings, release=True, keys=keys)
            resolution.analysed, resolution.reused = resolution.analysed + tried, resolution.reused - tried
        old_articles = list(state.articles) if state is not None else []
        totals = state.totals if state is not None else Totals()
        result = BuildResult(None, None, report, analysed=resolution.analysed,
                             reused=resolution.reused + len(old_articles) + (len(state.skipped) if state else 0),
                             nodes=len(resolution.entities), added=len(resolution.mentions) if state else None)
        counts = count_kinds([])
        for article in resolution.rendered(base_iri, 1 if settings.dask else settings.workers, sink is not None):
            totals.edges += article.edges
            for name, n in article.counts.items():
                counts[name] += n
            writer.add(article.doc_id, article.block)
            if sink is not None:
                sink.add(article.page)
        layout = writer.finish(list(resolution.entities.values()))
        if sink is not None:
            with collector_paused():
                outputs.write("graph.html", sink.draw(resolution.entities))
        drop_stale_trig(outputs, trig)
    totals.statements += counts["statement"]
    totals.meetings += counts["meeting"]
    result.edges, result.statements, result.meetings = totals.edges, totals.statements, totals.meetings
    result.counts = {**counts, "statement": totals.statements, "meeting": totals.meetings}
    if cache is not None:
        articles = {**(state.articles if state else {}), **{d: resolution.keys[d] for d in resolution.mentions}}
        articles = dict(sorted(articles.items()))  # the order of the blocks in the outputs
        skipped = {**(state.skipped if state else {}), **resolution.skipped}
        # the next build reads the files of failed articles again (to the state they are unknown articles)
        files = {name: record for name, record in files.items()
                 if not resolution.failed.intersection(doc_id for _, doc_id, _ in record.articles)}
        saved = BuildState(BuildState.fingerprint_of(lang_code), base_iri, resolution.resolver, articles, skipped,
                           layout, files, totals, trig=trig)
        if sink is not None:
            with collector_paused():
                PageState(saved.fingerprint, articles, sink.articles).save(out_dir)
        else:
            PageState.remove(out_dir)  # it would describe a page older than the files
        saved.save(out_dir)
    else:
        BuildState.remove(out_dir)
        PageState.remove(out_dir)
    result.seconds = time.monotonic() - started
    return result


def read_keyed(inputs: list[str | Path], settings: Settings, state: BuildState | None
               ) -> tuple[list[Document | Known], ReadReport, dict[str, FileRecord], list[str] | None]:
    """The articles of the inputs (those of files unchanged since the state's build are not read again: they
    come as Known), the report, the records of the files, and the cache keys (None without a cache)."""
    if settings.cache is None:
        documents, report = read_inputs(inputs)
        return documents, report, {}, None
    documents, report, files = read_changed(inputs, state.inputs if state is not None else {})
    store = ArticleCache(settings.cache, settings.lang_code)
    known = state.keys() if state is not None else {}
    return documents, report, files, [known[d.id] if isinstance(d, Known) else store.key(d) for d in documents]


def incremental(state: BuildState | None, documents: list[Document], keys: list[str] | None, report: ReadReport,
                settings: Settings, pool: ProcessPoolExecutor | None = None) -> tuple[Resolution | None, int]:
    """The new articles resolved against a saved build's entities, or None when the build must resolve everything
    (no usable state, an article changed or went away, or the new articles change how old ones resolve); and the
    number of articles analysed in trying (they are in the cache now)."""
    if state is None or keys is None:
        return None, 0
    new_ids = state.new_articles(dict(zip((d.id for d in documents), keys, strict=True)))
    if new_ids is None or (new_ids and state.articles and min(new_ids) <= next(reversed(state.articles))):
        return None, 0  # changed or removed articles, or new ones that would not come last in the outputs
    new = set(new_ids)
    todo = [n for n, d in enumerate(documents) if d.id in new]
    trial = copy.deepcopy(report)  # the report stays as it was if the build has to resolve everything
    resolver = state.resolver.with_language(language.load(settings.lang_code))
    resolution = resolve_corpus([documents[n] for n in todo], trial, settings, keys=[keys[n] for n in todo],
                                resolver=resolver, pool=pool)
    if resolver.stale:
        log.info("kg: the new articles change how earlier ones resolve; resolving every article again")
        return None, resolution.analysed
    for _, warning in state.skipped.values():  # skipped by an earlier build, and again now
        trial.warn(warning, skip=True)
        trial.read -= 1
    return resolution, 0
