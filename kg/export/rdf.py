"""RDF export: the graph as Turtle (everything) and, when asked, TriG (the same triples, one named graph per
article).

Vocabulary: ``ontology/kg.ttl`` (prefix kgo). Statements and meetings are nodes of their own
(n-ary relations) with speaker/addressee or participants, date at its precision, quote, cue,
CAMEO code and provenance (document, sentence, character offsets into the article as read).
Entities live in the default graph; each article's document, facts, mentions and the kgo:mentionedIn links
of the entities it names live in the graph ``<base>graph/<doc>``.
IRIs depend only on the input, so they are stable across runs.
"""
from __future__ import annotations

import io
import os
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import BinaryIO

import networkx as nx

from ..graph import entities, records
from ..iris import DEFAULT_BASE, Iris, slug
from ..kinds import kind_of
from ..model import DateValue, Document, Entity, Evidence, Mention
from ..prefixes import KGO, PREFIXES, RDFS, SCHEMA, SKOS, TIME, XSD

TYPE = "a"
PRECISION = {"day": (XSD.date, TIME.unitDay), "month": (XSD.gYearMonth, TIME.unitMonth),
             "year": (XSD.gYear, TIME.unitYear)}
STATUS = {"held": KGO.Held, "planned": KGO.Planned, "cancelled": KGO.Cancelled}
MODE = {"in_person": KGO.InPerson, "phone": KGO.Phone, "video": KGO.Video}
NNI = XSD.nonNegativeInteger


# Turtle strings: quote, backslash and line breaks must be escaped; other control characters are escaped too
# so that every RDF tool reads the files
ESCAPES = {**{c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F)}, ord("\\"): "\\\\", ord('"'): '\\"',
           ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t",
           **{c: "\ufffd" for c in range(0xD800, 0xE000)}}  # a lone surrogate cannot be written as UTF-8


def text(value: str) -> str:
    return f'"{value.translate(ESCAPES)}"'


def typed(value: object, datatype: str) -> str:
    return f'"{str(value).translate(ESCAPES)}"^^{datatype}'


def entity_triples(entity_list: list[Entity], iris: Iris):
    for entity in entity_list:
        node = iris.entity(entity.id)
        yield node, TYPE, KGO[entity.type]
        if entity.type == "Event":  # a named event is also an entity (kgo:Event alone is any dated happening)
            yield node, TYPE, KGO.Entity
        yield node, RDFS.label, text(entity.label)
        for alias in sorted(entity.aliases):
            yield node, SKOS.altLabel, text(alias)
        for role in entity.roles:
            role_node = iris(f"entity/{entity.id}/role/{slug(role.label)}")
            yield node, KGO.hasRole, role_node
            yield role_node, TYPE, KGO.Role
            yield role_node, RDFS.label, text(role.label)
            yield role_node, KGO.position, text(role.position)
            if role.of:
                yield role_node, KGO.roleIn, iris.entity(role.of)
        for note in sorted(entity.merge_notes):
            yield node, KGO.mergeNote, text(note)


def document_triples(document: Document, iris: Iris):
    node = iris.document(document.id)
    yield node, TYPE, KGO.Document
    yield node, KGO.sourceFile, text(document.source)
    yield node, KGO.language, text(document.language)
    if document.title:
        yield node, SCHEMA.headline, text(document.title)
    if document.published:
        if "T" in document.published:
            yield node, SCHEMA.datePublished, typed(document.published[:16] + ":00", XSD.dateTime)
        else:
            yield node, SCHEMA.datePublished, typed(document.published, date_datatype(document.published))
    if document.url:
        yield node, SCHEMA.url, typed(document.url, XSD.anyURI)
    if document.outlet:
        yield node, KGO.outlet, text(document.outlet)
    if document.dateline:
        yield node, KGO.dateline, text(document.dateline)
    for conflict in document.date_conflicts:
        yield node, KGO.dateConflict, text(conflict)
    for prop, values in ((KGO.editor, document.editors), (KGO.author, document.authors),
                         (KGO.contributor, document.contributors), (KGO.sourceAgency, document.source_agencies)):
        for value in values:
            yield node, prop, text(value)


def date_datatype(iso: str):
    """The XSD type of an ISO date at its precision: a day, a month ("2022-02") or a year ("2022")."""
    return {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(iso), XSD.date)


def evidence_triples(node: str, evidence: Evidence, iris: Iris):
    yield node, KGO.source, iris.document(evidence.doc_id)
    yield node, KGO.sentence, text(evidence.sentence)
    yield node, KGO.sentenceIndex, typed(evidence.sentence_index, NNI)
    yield node, KGO.charStart, typed(evidence.start, NNI)
    yield node, KGO.charEnd, typed(evidence.end, NNI)


def date_triples(node: str, date: DateValue | None, report_date: str | None):
    if date is not None:
        datatype, unit = PRECISION[date.precision]
        yield node, KGO.date, typed(date.value, datatype)
        yield node, KGO.datePrecision, unit
        yield node, KGO.dateExpression, text(date.expression)
    if report_date:
        yield node, KGO.reportDate, typed(report_date, date_datatype(report_date))


def record_triples(record, iris: Iris):
    node = iris(record.id)
    yield from evidence_triples(node, record.evidence, iris)
    yield from date_triples(node, record.date, record.report_date)
    yield node, KGO.cue, text(record.cue)
    if record.cameo:
        yield node, KGO.cameoCode, text(record.cameo)
    yield from kind_of(record).triples(record, iris)


def mention_block(mention: Mention, document: Document, document_iri: str, iris: Iris) -> str:
    """A mention node as one Turtle statement (written directly: an article has dozens, a corpus millions)."""
    start = document.raw_offset(mention.start)
    end = start + len(mention.text)
    return (f"{iris(f'{mention.doc_id}/mention/{start}-{end}')} a kgo:Mention ;\n"
            f"\tkgo:refersTo {iris.entity(mention.entity_id)} ;\n\tkgo:source {document_iri} ;\n"
            f"\tkgo:text {text(mention.text)} ;\n\tkgo:sentenceIndex \"{mention.sentence}\"^^{NNI} ;\n"
            f"\tkgo:charStart \"{start}\"^^{NNI} ;\n\tkgo:charEnd \"{end}\"^^{NNI} .\n")


Triple = tuple[str, str, str]  # subject, predicate, object as Turtle terms


def article_block(document: Document, mentions: list[Mention], facts: list, iris: Iris) -> bytes:
    """One article's Turtle: the document, the entities it mentions, its mentions and its facts. (An entity's
    kgo:mentionedIn links live with each article, so that the entities' block does not grow with the corpus.)"""
    triples = list(document_triples(document, iris))
    document_iri = iris.document(document.id)
    triples += [(iris.entity(entity_id), KGO.mentionedIn, document_iri)
                for entity_id in sorted({m.entity_id for m in mentions})]
    for record in facts:
        triples.extend(record_triples(record, iris))
    # a name found twice at the same place gives the same mention node: written once
    mention_blocks = dict.fromkeys(mention_block(m, document, document_iri, iris) for m in mentions)
    return body(triples) + "".join(mention_blocks).encode("utf-8")


def graph_articles(graph: nx.MultiDiGraph) -> Iterator[tuple[Document, list[Mention], list]]:
    """(document, mentions, facts) of each article of a graph, in id order."""
    documents: dict[str, Document] = graph.graph["documents"]
    mentions: dict[str, list[Mention]] = defaultdict(list)
    for mention in graph.graph["mentions"]:
        mentions[mention.doc_id].append(mention)
    facts: dict[str, list] = defaultdict(list)
    for record in records(graph):
        facts[record.evidence.doc_id].append(record)
    for doc_id in sorted(documents):
        yield documents[doc_id], mentions.pop(doc_id, []), facts.pop(doc_id, [])


def default_triples(entity_list: list[Entity], iris: Iris) -> list[Triple]:
    """Entities, and labels for the status and mode individuals (so queries read without the ontology)."""
    triples = list(entity_triples(entity_list, iris))
    triples += [(node, RDFS.label, text(value)) for value, node in (*STATUS.items(), *MODE.items())]
    return triples


def body(triples: list[Triple]) -> bytes:
    """Turtle for triples, one subject per statement block, in the order given (which is deterministic);
    a triple produced twice (a name repeated at the same place) is written once."""
    by_subject: dict[str, dict[tuple[str, str], None]] = {}
    for subject, predicate, obj in triples:
        by_subject.setdefault(subject, {})[(predicate, obj)] = None
    lines = []
    for subject, pairs in by_subject.items():
        lines.append(subject + " " + " ;\n\t".join(f"{p} {o}" for p, o in pairs) + " .\n")
    return "".join(lines).encode("utf-8")


def prefix_header(iris: Iris | None = None) -> bytes:
    """The prefixes, and the base that the IRIs of `iris` are relative to."""
    base = f"@base <{iris.base}> .\n" if iris is not None and iris.relative else ""
    return (base + "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items())).encode("utf-8") + b"\n"


def write_rdf(graph: nx.MultiDiGraph, turtle: BinaryIO, trig: BinaryIO | None = None,
              base: str = DEFAULT_BASE) -> None:
    """Stream Turtle (everything) and, when asked, TriG (entities in the default graph, one named graph per
    article)."""
    writer = Writer(turtle, trig, base)
    for document, mentions, facts in graph_articles(graph):
        writer.article(document, mentions, facts)
    writer.finish(entities(graph))


# article id -> byte range (start, end) of its block in each file the writer writes, one after the other:
# graph.ttl's, then graph.trig's when the build writes it
Layout = dict[str, tuple[int, ...]]
COPY_CHUNK = 1 << 20


class Output:
    """A binary output file being written, counting the bytes so far (copied ranges bypass Python's buffer)."""

    def __init__(self, handle: BinaryIO):
        self.handle = handle
        self.size = 0

    def write(self, data: bytes) -> None:
        self.handle.write(data)
        self.size += len(data)

    def copy(self, source: BinaryIO, start: int, end: int) -> None:
        """Append bytes start..end of source (in the kernel where it can: no read into Python)."""
        self.handle.flush()
        done = start
        try:
            while done < end:
                copied = os.copy_file_range(source.fileno(), self.handle.fileno(), end - done, done)
                if not copied:
                    raise OSError(f"{getattr(source, 'name', 'output')}: shorter than its layout")
                done += copied
        except (AttributeError, OSError, io.UnsupportedOperation):  # no copy_file_range here: copy through Python
            source.seek(done)
            while done < end:
                chunk = source.read(min(COPY_CHUNK, end - done))
                if not chunk:
                    raise OSError(f"{getattr(source, 'name', 'output')}: shorter than its layout") from None
                self.handle.write(chunk)
                done += len(chunk)
        self.handle.seek(0, os.SEEK_END)  # the buffered writer's position after the kernel moved the file's
        self.size += end - start

    def copy_ranges(self, source: BinaryIO, ranges: list[tuple[int, int]]) -> None:
        for start, end in ranges:
            self.copy(source, start, end)

    def restart(self) -> None:
        self.handle.seek(0)
        self.handle.truncate()
        self.size = 0


@dataclass
class Previous:
    """The files of an earlier build, open for reading (graph.ttl, then graph.trig if it wrote one), and where
    each article's block lies in them (its Layout has a range per file, in this order)."""

    files: list[BinaryIO]
    layout: Layout


class Writer:
    """Writes a build's Turtle and, with a `trig` file to write to, its TriG: the header, each article's block
    (rendered, or copied from an earlier build's files), then the entities, which change with every article and
    so come last. The Turtle is the same whether or not the TriG is written.

    Output is byte-identical for the same input: articles in the caller's order (id order), entities in id order,
    triples in the order the code makes them. Only one article is in memory at a time.
    """

    def __init__(self, turtle: BinaryIO, trig: BinaryIO | None = None, base: str = DEFAULT_BASE):
        self.iris = Iris(base)
        self.outputs = [Output(turtle)] + ([Output(trig)] if trig is not None else [])
        self.layout: Layout = {}
        self.copying: list[Future] = []
        self._pool: ThreadPoolExecutor | None = None
        self.restart()

    @property
    def trig(self) -> bool:
        return len(self.outputs) == 2

    def restart(self) -> None:
        """Start the files again, empty but for the header."""
        self.wait()
        self.layout = {}
        header = prefix_header(self.iris)
        for out in self.outputs:
            out.restart()
            out.write(header)

    def copy(self, previous: Previous, doc_ids: list[str]) -> None:
        """Append the blocks of these articles from an earlier build's files (the same files as this writer's),
        where they follow each other in this order: every file at once, in the background (anything written next
        waits for the copy)."""
        if len(previous.files) != len(self.outputs):
            raise ValueError("the earlier build wrote other files than this one")
        self.wait()
        runs: list[list[int]] = []  # (start, end) in each file of stretches of adjacent blocks, flattened
        sizes = [out.size for out in self.outputs]
        for doc_id in doc_ids:
            old = previous.layout[doc_id]
            if runs and all(runs[-1][n + 1] == old[n] for n in range(0, len(old), 2)):
                runs[-1][1::2] = old[1::2]
            else:
                runs.append(list(old))
            lengths = [old[n + 1] - old[n] for n in range(0, len(old), 2)]
            self.layout[doc_id] = tuple(x for size, length in zip(sizes, lengths, strict=True)
                                        for x in (size, size + length))
            sizes = [size + length for size, length in zip(sizes, lengths, strict=True)]
        if not runs:
            return
        self._pool = self._pool or ThreadPoolExecutor(len(self.outputs), thread_name_prefix="kg-copy")
        for n, (out, source) in enumerate(zip(self.outputs, previous.files, strict=True)):
            self.copying.append(self._pool.submit(out.copy_ranges, source, [(r[2 * n], r[2 * n + 1]) for r in runs]))

    def wait(self) -> None:
        """Until the copying is done (its error, if any, is raised here)."""
        copying, self.copying = self.copying, []
        for future in copying:
            future.result()

    def article(self, document: Document, mentions: list[Mention], facts: list) -> None:
        self.add(document.id, article_block(document, mentions, facts, self.iris))

    def add(self, doc_id: str, block: bytes) -> None:
        """Append an article's rendered block (see article_block) to the Turtle, and as its named graph to the
        TriG."""
        self.wait()
        turtle = self.outputs[0]
        start = turtle.size
        turtle.write(b"\n" + block)
        ranges: tuple[int, ...] = (start, turtle.size)
        if self.trig:
            trig = self.outputs[1]
            start = trig.size
            trig.write(b"".join((f"\n{self.iris.graph(doc_id)} {{\n".encode(), block, b"}\n")))
            ranges += (start, trig.size)
        self.layout[doc_id] = ranges

    def close(self) -> None:
        """Wait for any copy still running, whatever its outcome (an error is raised by wait or finish)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    def finish(self, entity_list: list[Entity]) -> Layout:
        """Write the entities (the default graph of the TriG); return where each article's block lies."""
        self.wait()
        self.close()
        block = b"\n" + body(default_triples(sorted(entity_list, key=lambda e: e.id), self.iris))
        for out in self.outputs:
            out.write(block)
        return self.layout


def serialize(graph: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> tuple[bytes, bytes]:
    """(TriG, Turtle) documents of the graph, in memory (small graphs and tests; builds stream to files)."""
    trig, turtle = io.BytesIO(), io.BytesIO()
    write_rdf(graph, turtle, trig, base)
    return trig.getvalue(), turtle.getvalue()
