"""The whole pipeline: read -> clean -> analyse -> extract -> resolve -> graph -> export (files)."""
from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from . import lang as language
from .analyse import analyse, pipeline
from .clean import clean
from .export import write_atomic
from .export.html import to_html
from .export.rdf import DEFAULT_BASE, serialize
from .extract import Draft, extract_document
from .extract.entities import MentionFinder
from .graph import build_graph
from .model import Corpus, Document, Mention
from .read import ReadReport, read_inputs
from .resolve import Resolver
from .sparql import write_store

log = logging.getLogger("kg")
SAMPLE_DIR = Path(__file__).resolve().parent / "sample"
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

    def summary(self) -> str:
        c = self.corpus
        return (f"kg: {self.report.read} articles read, {self.report.skipped} skipped; "
                f"{self.graph.number_of_nodes()} nodes, {self.graph.number_of_edges()} edges "
                f"({len(c.statements)} statements, {len(c.meetings)} meetings); "
                f"{len(self.report.warnings)} warnings; {self.seconds:.1f} s")


def check_output_dir(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"{out_dir}: cannot create output folder ({err.strerror})") from err
    if not out_dir.is_dir():
        raise OutputError(f"{out_dir}: not a folder")
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise OutputError(f"{out_dir}: output folder is not writable")


def run_pipeline(inputs: list[str | Path], lang_code: str = "id", progress: bool = True) -> BuildResult:
    """Read and analyse every article; return the resolved corpus and its graph (no files written)."""
    started = time.monotonic()
    documents, report = read_inputs(inputs)
    result = process(documents, report, lang_code, progress)
    result.seconds = time.monotonic() - started
    return result


def process(documents: list[Document], report: ReadReport | None = None, lang_code: str = "id",
            progress: bool = False) -> BuildResult:
    """Clean, analyse, extract and resolve documents that have been read."""
    started = time.monotonic()
    report = report or ReadReport(read=len(documents))
    lang = language.load(lang_code)
    nlp = pipeline(lang_code)
    finder = MentionFinder(nlp, lang)
    mentions: list[Mention] = []
    drafts: list[Draft] = []
    last_report = time.monotonic()
    for n, document in enumerate(documents, start=1):
        document.language = lang_code
        clean(document, lang)
        if not document.text.strip():
            report.warn(f"{document.source}: nothing left after removing page chrome, skipped", skip=True)
            report.read -= 1
            continue
        doc, sentences = analyse(document, nlp)
        found, facts = extract_document(document, doc, sentences, nlp, lang, finder)
        mentions.extend(found)
        drafts.extend(facts)
        now = time.monotonic()
        if progress and now - last_report >= PROGRESS_SECONDS:
            print(f"kg: analysed {n}/{len(documents)} articles ({n / (now - started):.1f}/s)", file=sys.stderr)
            last_report = now
    kept = {d.id: d for d in documents if d.text.strip()}
    corpus = Resolver(lang).resolve(kept, mentions, drafts)
    graph = build_graph(corpus)
    return BuildResult(corpus, graph, report, time.monotonic() - started)


def build(inputs: list[str | Path], out_dir: str | Path, base_iri: str = DEFAULT_BASE, lang_code: str = "id",
          html: bool = True, progress: bool = True, store: str | Path | None = None) -> BuildResult:
    """Build the graph of the inputs and write graph.ttl, graph.trig and graph.html into out_dir."""
    out_dir = Path(out_dir)
    check_output_dir(out_dir)
    result = run_pipeline(inputs, lang_code, progress)
    trig, turtle = serialize(result.graph, base_iri)
    outputs: dict[str, str | bytes] = {"graph.trig": trig, "graph.ttl": turtle}
    if html:
        outputs["graph.html"] = to_html(result.graph)
    try:
        for name, content in outputs.items():
            write_atomic(out_dir / name, content)
            result.outputs.append(out_dir / name)
        if store is not None:
            write_store(outputs["graph.trig"], Path(store))
            result.outputs.append(Path(store))
    except OSError as err:
        raise OutputError(f"{err.filename or out_dir}: cannot write output ({err.strerror})") from err
    return result
