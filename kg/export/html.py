"""HTML export: one self-contained page to explore the dated graph (pyvis draws, explorer.js adds the rest).

- Offline: vis-network is inlined (``cdn_resources="in_line"``) and every CDN reference of pyvis's template
  (Bootstrap, commented-out links) is removed, so the page fetches nothing.
- Fast: node positions come from the build (kg.export.layout) and physics is off, so the browser draws
  thousands of nodes at once instead of simulating them.
- Explorer: colour, shape and size by entity type and mentions with a legend; edges styled by kind
  (planned meetings dashed, cancelled ones dotted and marked ✕); a timeline over the dated edges
  (range slider, play, histogram); search over every alias and role; filters by type and kind; a
  provenance panel with each fact's quote, cue, article and sentence.
- Safe: the graph travels as JSON in a ``<script type="application/json">`` block with ``<``, ``>`` and
  ``&`` escaped, pyvis writes its data with Jinja's ``tojson`` (same escaping), and explorer.js puts
  article text into the page only with textContent, hover texts included. Nodes and edges get no vis
  ``title``: pyvis switches its popup to innerHTML when a node title contains "href", which article
  text could trigger.
- Deterministic: the same graph gives the same bytes (sorted data, seeded layout, no timestamps).
"""
from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from concurrent.futures import BrokenExecutor, Executor
from dataclasses import replace
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

import networkx as nx

from ..graph import add_fact, entity_graph, record_edges
from ..kinds import kind, kind_of
from ..kinds import kinds as registered_kinds
from ..model import Document, Entity, Mention, Record
from ..subgraph import most_connected, period, select
from .layout import layout

log = logging.getLogger("kg")

TYPE_STYLES = {  # colour, vis-network shape
    "Person": ("#e4572e", "dot"),
    "Organization": ("#2e86ab", "square"),
    "Country": ("#3bb273", "diamond"),
    "Place": ("#f3a712", "triangle"),
    "Event": ("#8e44ad", "star"),
}
OTHER_STYLE = ("#8c8c8c", "dot")
CANCELLED_COLOUR = "#b0413e"
PLANNED_DASHES = [8, 6]
CANCELLED_DASHES = [2, 5]
MAX_LABEL = 28
BIG_GRAPH_EDGES = 3000  # above this, hide edges while dragging or zooming to keep the page responsive
EPOCH = date(1970, 1, 1)
HTML_MAX_NODES = 5000  # the page stays interactive up to about this many nodes
FORKED_LAYOUT = 1000  # entities from which a page is laid out on a forked process (when the build may fork)
TITLE = "kg: news knowledge graph"
LABELS_BY_EXPLORER = 10**6  # vis-network draws a label only when its size on screen reaches this (never)

# pyvis's template links Bootstrap from a CDN in every mode and keeps commented-out script links; the
# clean-up only looks at markup, never inside an inlined script or style (see markup_only)
ELEMENTS = re.compile(r"(<script\b[^>]*>.*?</script>|<style\b[^>]*>.*?</style>)", re.IGNORECASE | re.DOTALL)
REMOTE_SCRIPT = re.compile(r"<script\b[^>]*\bsrc\s*=", re.IGNORECASE)
REMOTE_LINK = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>", re.IGNORECASE)
DRAW_SCRIPT = '<script type="text/javascript">'


def shorten(value: str, limit: int = MAX_LABEL) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def escape_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def script_json(value: object) -> str:
    """JSON that is safe inside <script>: no string can close the element or start a comment."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def asset(name: str) -> str:
    return resources.files("kg.export").joinpath(name).read_text(encoding="utf-8")


def day_number(day: date) -> int:
    return (day - EPOCH).days


@lru_cache(maxsize=8192)
def day_span(value: str | None) -> tuple[int | None, int | None]:
    """The first and last day (day numbers) a date covers; (None, None) undated."""
    days = period(value)
    return (day_number(days[0]), day_number(days[1])) if days else (None, None)


class NodeIndex(list):
    """pyvis keeps node ids in a list and scans it for every added node and edge (quadratic at 5,000
    nodes); this list answers ``in`` from a set."""

    def __init__(self) -> None:
        super().__init__()
        self.members: set = set()

    def append(self, item) -> None:
        super().append(item)
        self.members.add(item)

    def __contains__(self, item) -> bool:
        return item in self.members


def record_data(record: Record) -> dict:
    """What the provenance panel shows for one statement, meeting or event."""
    evidence = record.evidence
    data = {
        "id": record.id, "kind": record.kind, "cue": record.cue, "cameo": record.cameo,
        "date": record.date.value if record.date else None,
        "precision": record.date.precision if record.date else None,
        "expression": record.date.expression if record.date else None,
        "report": record.report_date, "doc": evidence.doc_id, "sentence": evidence.sentence,
        "sentence_index": evidence.sentence_index,
    }
    data.update(kind_of(record).panel(record))
    return {k: v for k, v in data.items() if v is not None}


def document_data(document: Document) -> dict:
    data = {"title": document.title, "outlet": document.outlet, "url": document.url,
            "published": document.published_date, "source": document.source}
    return {k: v for k, v in data.items() if v}


class PageRecord(NamedTuple):
    """What the page shows of one fact: its edges (source, target, role), their style and its provenance panel
    (already script JSON). Made where its article is rendered (a render worker) and kept in the page state
    (kg.state.PageState), so that a build draws the page without resolving the old articles again. A tuple: the
    page state holds one per fact and loads them by the hundred thousand."""

    id: str
    doc_id: str
    kind: str
    date: str | None
    edges: tuple[tuple[str, str, str | None], ...]
    style: dict
    panel: str

    @classmethod
    def from_data(cls, row: Any) -> PageRecord:
        record = cls(*row)
        if not (all(type(v) is str for v in (record.id, record.doc_id, record.kind, record.panel))
                and (record.date is None or type(record.date) is str) and type(record.style) is dict
                and all(len(e) == 3 and type(e[0]) is str and type(e[1]) is str for e in record.edges)):
            raise ValueError("not a page record")
        return record


class PageArticle(NamedTuple):
    """What the page shows of one article: its provenance (document_data), the entities it mentions (ids, for
    the articles each entity appears in) and its facts."""

    doc_id: str
    document: dict
    entities: tuple[str, ...]
    records: tuple[PageRecord, ...]

    @classmethod
    def from_data(cls, row: Any) -> PageArticle:
        doc_id, document, entities, records = row
        if type(doc_id) is not str or not all(type(v) is str for v in dict(document).values()) \
                or not all(type(e) is str for e in entities):
            raise ValueError("not a page article")
        return cls(doc_id, dict(document), tuple(entities), tuple(map(PageRecord.from_data, records)))


def page_record(record: Record | PageRecord) -> PageRecord:
    """What the page shows of a model record (a PageRecord is that already)."""
    if isinstance(record, PageRecord):
        return record
    return PageRecord(record.id, record.evidence.doc_id, record.kind, record.date.value if record.date else None,
                      tuple(record_edges(record)), edge_style(record), script_json(record_data(record)))


def page_article(document: Document, mentions: list[Mention], records: list[Record]) -> PageArticle:
    """What the page shows of an article with its resolved mentions and facts."""
    return PageArticle(document.id, document_data(document), tuple(sorted({m.entity_id for m in mentions
                                                                           if m.entity_id})),
                       tuple(page_record(r) for r in records))


def page_graph(entities: dict[str, Entity], documents: dict[str, dict], records: list[PageRecord],
               keep: set[str] | None = None) -> nx.MultiDiGraph:
    """The graph the page draws (of the entities in `keep`, if given): the entities and the facts' edges, as
    kg.graph.build_graph makes them, with what the page keeps of each fact (PageRecord) as the edges' record and
    of each article (document_data) as its document."""
    graph = entity_graph(entities if keep is None else {e: entities[e] for e in keep}, documents=documents)
    for record in sorted(records, key=lambda r: r.id):
        add_fact(graph, record, record.date, record.edges, keep)
    return graph


LAYING_OUT: nx.MultiDiGraph | None = None  # the graph a forked layout process lays out (see PageSink.page)


def layout_forked() -> dict[str, tuple[float, float]]:
    """In a process forked by PageSink.page: the positions of the graph it inherited."""
    return layout(LAYING_OUT)


class PageSink:
    """graph.html's sink on the stream of resolved articles: it keeps what the page shows of each article
    (PageArticle; those of an earlier build come from its page state) and draws the page once the stream ends.

    fork: makes a one-process pool forked when called (kg.pipeline.new_pool); with it a big page is laid out there
    (see page)."""

    def __init__(self, view: dict[str, object], kept: dict[str, PageArticle] | None = None,
                 fork: Callable[[], Executor] | None = None):
        self.view = view  # options of kg.subgraph.select that narrow the page
        self.articles: dict[str, PageArticle] = dict(kept or {})
        self.fork = fork

    def add(self, article: PageArticle) -> None:
        self.articles[article.doc_id] = article

    def draw(self, entities: dict[str, Entity]) -> bytes:
        """The page (UTF-8) of these articles and entities, narrowed to the view, at most HTML_MAX_NODES
        entities."""
        documents = {d: self.articles[d].document for d in sorted(self.articles)}
        # the articles each entity appears in, from the articles (a saved resolver does not keep them)
        appears: dict[str, set[str]] = {e: set() for e in entities}
        for doc_id in documents:
            for entity_id in self.articles[doc_id].entities:
                appears[entity_id].add(doc_id)
        entities = {e: replace(entity, documents=appears[e]) for e, entity in entities.items()}
        records = [r for d in documents for r in self.articles[d].records]
        if self.view:
            return self.page(select(page_graph(entities, documents, records), **self.view))
        keep = None
        if len(entities) > HTML_MAX_NODES:  # as select(graph, max_nodes=...), without the whole graph first
            log.warning(f"graph.html shows the {HTML_MAX_NODES:,} most connected of {len(entities):,} entities "
                        "(see --max-nodes, --focus, --from/--to)")
            keep = most_connected(set(entities), (e[:2] for r in records for e in r.edges),
                                  {e: entity.mention_count for e, entity in entities.items()}, [], HTML_MAX_NODES)
        return self.page(page_graph(entities, documents, records, keep))

    def page(self, graph: nx.MultiDiGraph) -> bytes:
        """to_html(graph), UTF-8; for a big graph with a fork, laid out on a forked process while this one gathers
        the page's data and writes its JSON (which take longer)."""
        if self.fork is None or graph.number_of_nodes() < FORKED_LAYOUT:
            return to_html(graph).encode("utf-8")
        global LAYING_OUT
        LAYING_OUT = graph
        pool = self.fork()
        try:
            forked = pool.submit(layout_forked)
            data = page_data(graph, TITLE)
            edges = vis_edges(data[1])
            json_text = page_json(data[0])
            try:
                positions = forked.result()
            except BrokenExecutor:  # the process died (killed, out of memory): lay out here
                positions = layout(graph)
        except BaseException:  # Ctrl-C, SIGTERM: the process dies with this one, no need to wait for it
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        finally:
            LAYING_OUT = None
        pool.shutdown()
        head, tail = page_frame(data, positions, edges, TITLE)
        return (head + json_text + tail).encode("utf-8")


def page_data(graph: nx.MultiDiGraph, title: str) -> tuple[dict, list[tuple]]:
    """The explorer's JSON (its records script JSON already, see page_json) and the edge list (source, target,
    key, PageRecord) in drawing order."""
    documents: dict[str, Document | dict] = graph.graph.get("documents", {})
    nodes = []
    used_documents: set[str] = set()
    for node, data in sorted(graph.nodes(data=True)):
        entity = data["entity"]
        used_documents.update(entity.documents)
        nodes.append({"id": node, "label": entity.label, "type": entity.type, "aliases": sorted(entity.aliases),
                      "roles": [[r.position, r.label, r.of] for r in entity.roles],
                      "mentions": entity.mention_count, "docs": len(entity.documents)})
    # (key, source, target) is unique in a multigraph: the sort never compares the data
    edges = sorted((str(key), str(source), str(target), source, target, data)
                   for source, target, key, data in graph.edges(keys=True, data=True))
    shown: dict[str, tuple[int, PageRecord]] = {}  # record id -> its index and what the page shows of it
    records = []
    edge_rows = []
    drawn = []
    for key, _, _, source, target, data in edges:
        found = shown.get(data["record"].id)
        if found is None:  # a model record is made into what the page shows of it once
            record = page_record(data["record"])
            found = shown[record.id] = (len(records), record)
            records.append(record.panel)
            used_documents.add(record.doc_id)
        index, record = found
        edge_rows.append([source, target, data["kind"], data.get("role"), index, key, *day_span(data.get("date"))])
        drawn.append((source, target, key, record))
    present = {n["type"] for n in nodes}
    types = [{"name": t, "colour": TYPE_STYLES.get(t, OTHER_STYLE)[0], "shape": TYPE_STYLES.get(t, OTHER_STYLE)[1]}
             for t in [*TYPE_STYLES, *sorted(present - set(TYPE_STYLES))]]
    present_kinds = {row[2] for row in edge_rows}
    kinds = [{"name": k.name, "colour": k.style.colour} for k in registered_kinds()
             if k.style.listed_when_absent or k.name in present_kinds]
    # kg.subgraph.select names the --focus entities; the page rings and centres them
    focus = sorted(n for n in graph.graph.get("focus", ()) if n in graph)
    page = {"title": title, "types": types, "kinds": kinds, "nodes": nodes, "edges": edge_rows, "records": records,
            "focus": focus,
            "documents": {d: provenance(documents[d]) for d in sorted(used_documents) if d in documents}}
    return page, drawn


def provenance(document: Document | dict) -> dict:
    """What the page shows of an article (a page graph holds that already)."""
    return document if isinstance(document, dict) else document_data(document)


def page_json(page: dict) -> str:
    """script_json(page) with its records, script JSON already (made with their articles), put in as they are:
    the records are most of a big page, and serialising each once where its article is rendered is what lets
    a build of thousands of articles draw the page again in seconds."""
    return "{" + ",".join(f"{script_json(key)}:" + ("[" + ",".join(value) + "]" if key == "records"
                                                     else script_json(value))
                          for key, value in sorted(page.items())) + "}"


def edge_style(record) -> dict:
    """Per-edge vis options; statements use the defaults of options() (grey, thin, arrow), so most edges stay short."""
    kind_style = kind_of(record).style
    style: dict = {"arrows": kind_style.arrows}
    if kind_style.width is not None:  # None: the defaults of options()
        style.update(color=kind_style.colour, width=kind_style.width)
    status = getattr(record, "status", None)
    if status == "planned":
        style["dashes"] = PLANNED_DASHES
    elif status == "cancelled":
        style.update(dashes=CANCELLED_DASHES, color=CANCELLED_COLOUR, label="✕",
                     font={"size": 16, "color": CANCELLED_COLOUR, "strokeWidth": 3, "align": "middle"})
    return style


def darker(colour: str, factor: float = 0.72) -> str:
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{int(c * factor):02x}" for c in (red, green, blue))


def options(graph_edges: int) -> dict:
    big = graph_edges > BIG_GRAPH_EDGES
    groups = {name: {"shape": shape, "color": {"background": colour, "border": darker(colour),
                                                "highlight": {"background": colour, "border": "#1f2328"},
                                                "hover": {"background": colour, "border": "#1f2328"}}}
              for name, (colour, shape) in [*TYPE_STYLES.items(), ("other", OTHER_STYLE)]}
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "groups": groups,
        "nodes": {"borderWidth": 1, "font": {"size": 13, "face": "system-ui, sans-serif", "strokeWidth": 3,
                                              "strokeColor": "#ffffff", "color": "#1f2328"},
                  "scaling": {"min": 6, "max": 24, "label": {"enabled": True, "min": 12, "max": 24,
                                                             # explorer.js draws the labels (by importance,
                                                             # without overlaps): vis-network never does
                                                             "drawThreshold": LABELS_BY_EXPLORER,
                                                             "maxVisible": 28}}},
        "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 1.5, "width": 1.5,
                  "color": {"color": kind("statement").style.colour, "highlight": "#1f2328", "hover": "#1f2328",
                            "opacity": 0.8},
                  "arrows": {"to": {"scaleFactor": 0.5}},
                  "font": {"size": 10, "face": "system-ui, sans-serif", "strokeWidth": 3, "align": "middle"}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "navigationButtons": False, "keyboard": False, "multiselect": False},
    }


def to_html(graph: nx.MultiDiGraph, title: str = TITLE, positions: dict[str, tuple[float, float]] | None = None
            ) -> str:
    """The graph as one offline HTML page (see the module docstring); positions default to layout(graph)."""
    data = page_data(graph, title)
    head, tail = page_frame(data, layout(graph) if positions is None else positions, vis_edges(data[1]), title)
    return head + page_json(data[0]) + tail


def vis_edges(edges: list[tuple]) -> list[dict]:
    """pyvis's edges (what its add_edge makes, without its checks and its Edge object per edge: a big page has a
    hundred thousand edges) of page_data's edge list, parallel ones bent apart."""
    drawn = []
    pair_counts: dict[tuple[str, str], int] = {}
    for n, (source, target, _key, record) in enumerate(edges):
        edge = {"id": n, **record.style, "from": source, "to": target}
        pair = (source, target) if source <= target else (target, source)
        count = pair_counts.get(pair, 0)
        pair_counts[pair] = count + 1
        if count and source != target:
            # parallel edges would be drawn on top of each other: bend each one a little more
            bend = 0.12 * ((count + 1) // 2)
            clockwise = (count % 2 == 1) == (source <= target)
            edge["smooth"] = {"enabled": True, "type": "curvedCW" if clockwise else "curvedCCW", "roundness": bend}
        drawn.append(edge)
    return drawn


def page_frame(data: tuple[dict, list[tuple]], positions: dict[str, tuple[float, float]], edges: list[dict],
               title: str) -> tuple[str, str]:
    """The page of page_data's data, the nodes' positions and vis_edges's edges, but for the explorer's JSON
    (page_json): the text before it and after it."""
    from pyvis.network import Network

    page, _ = data
    network = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", heading="")
    network.node_ids = NodeIndex()
    for node in page["nodes"]:
        group = node["type"] if node["type"] in TYPE_STYLES else "other"
        x, y = positions[node["id"]]
        # pyvis always writes a shape, which would override the group's: give the same one
        network.add_node(node["id"], label=shorten(node["label"]), group=group,
                         shape=TYPE_STYLES.get(node["type"], OTHER_STYLE)[1], x=x, y=y, value=max(1, node["mentions"]))
    network.edges = edges
    network.set_options(json.dumps(options(len(edges))))
    html = markup_only(network.generate_html(notebook=False))
    head = (f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape_text(title)}</title>\n<style>{asset('explorer.css')}</style>\n")
    shell = asset("explorer.html").replace("{{title}}", escape_text(title))
    html = html.replace("<head>", "<head>\n" + head, 1).replace("<body>", "<body>\n" + shell, 1)
    # the explorer goes before pyvis's drawing script: it wraps vis.Network to set up before the first frame
    before, found, after = html.rpartition(DRAW_SCRIPT)
    if not found:
        raise RuntimeError("pyvis's page has no drawing script: unsupported pyvis version")
    return ("<!DOCTYPE html>\n" + before.lstrip() + '<script type="application/json" id="kg-data">',
            f"</script>\n<script>{asset('explorer.js')}</script>\n" + found + after)


def markup_only(html: str) -> str:
    """pyvis's page without anything that would load from elsewhere: every <link> (Bootstrap's CSS), every
    <script src> (Bootstrap's JS), HTML comments (commented-out links) and the empty heading. Inlined
    scripts and styles (vis-network itself) pass through untouched."""
    parts = ELEMENTS.split(html)
    kept = []
    for i, part in enumerate(parts):
        if i % 2:  # a script or style element
            if not REMOTE_SCRIPT.match(part):
                kept.append(part)
        else:
            kept.append(EMPTY_HEADING.sub("", REMOTE_LINK.sub("", COMMENT.sub("", part))))
    return "".join(kept)
