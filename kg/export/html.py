"""HTML export: an interactive pyvis page that works offline.

vis-network is inlined (``cdn_resources="in_line"``) and the page's remaining CDN links
(Bootstrap) are removed, so nothing is fetched. Tooltips are plain text: vis-network shows
string titles with innerText, and pyvis writes the data with Jinja's ``tojson``, which escapes
``<`` and ``>``, so article text cannot inject markup or scripts.
"""
from __future__ import annotations

import re

import networkx as nx

from ..model import Document, Meeting, Statement

TYPE_COLOURS = {"Person": "#e4572e", "Organization": "#2e86ab", "Country": "#3bb273", "Place": "#f3a712",
                "Event": "#8e44ad"}
KIND_COLOURS = {"statement": "#555555", "meeting": "#1b998b", "event": "#c5283d"}
EXTERNAL = re.compile(r"<link[^>]+href=\"https?://[^\"]*\"[^>]*>|<script[^>]+src=\"https?://[^\"]*\"[^>]*>\s*</script>",
                      re.IGNORECASE | re.DOTALL)
MAX_TOOLTIP = 300


def shorten(value: str, limit: int = MAX_TOOLTIP) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def source_line(document: Document | None, doc_id: str) -> str:
    if document is None:
        return doc_id
    parts = [document.title or doc_id, document.outlet or "", document.published_date or "", document.url or ""]
    return " · ".join(p for p in parts if p)


def edge_tooltip(record, documents: dict[str, Document], labels: dict[str, str]) -> str:
    date = record.date.value if record.date else "undated"
    lines = [f"{record.kind} · {date}"]
    if isinstance(record, Statement):
        lines.append(f"{labels.get(record.speaker, record.speaker)} ({record.speech_act}, CAMEO {record.cameo})")
        if record.quote or record.content:
            lines.append("“" + shorten(record.quote or record.content or "", 200) + "”")
    elif isinstance(record, Meeting):
        lines.append(", ".join(labels.get(p, p) for p in record.participants))
        lines.append(f"{record.status}, {record.mode or 'mode unknown'}"
                     + (f", at {labels.get(record.place, record.place)}" if record.place else ""))
    lines.append(f"cue: {record.cue}")
    lines.append("source: " + source_line(documents.get(record.evidence.doc_id), record.evidence.doc_id))
    lines.append("sentence: " + shorten(record.evidence.sentence, 240))
    return "\n".join(lines)


def to_html(graph: nx.MultiDiGraph, title: str = "kg: news knowledge graph") -> str:
    from pyvis.network import Network

    network = Network(height="800px", width="100%", directed=True, cdn_resources="in_line", heading="")
    documents: dict[str, Document] = graph.graph["documents"]
    labels = {node: data["label"] for node, data in graph.nodes(data=True)}
    for node, data in sorted(graph.nodes(data=True)):
        entity = data["entity"]
        tooltip = [f"{entity.label} ({entity.type})"]
        if entity.aliases:
            tooltip.append("also: " + shorten(", ".join(sorted(entity.aliases)), 200))
        tooltip.extend(f"role: {role.label}" for role in entity.roles)
        tooltip.append(f"mentioned {entity.mention_count}× in {len(entity.documents)} article(s)")
        network.add_node(node, label=shorten(entity.label, 40), title="\n".join(tooltip),
                         color=TYPE_COLOURS.get(entity.type, "#999999"),
                         size=10 + min(entity.mention_count, 30))
    for source, target, _key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[2]):
        record = data["record"]
        label = f"{record.kind} {record.date.value}" if record.date else record.kind
        dashes = isinstance(record, Meeting) and record.status != "held"
        network.add_edge(source, target, label=label, title=edge_tooltip(record, documents, labels),
                         color=KIND_COLOURS.get(record.kind, "#999999"), dashes=dashes, arrows="to")
    network.set_options('{"physics": {"stabilization": {"iterations": 200}}, '
                        '"edges": {"font": {"size": 9, "align": "middle"}, "smooth": {"type": "dynamic"}}, '
                        '"interaction": {"hover": true, "tooltipDelay": 150}}')
    html = network.generate_html(notebook=False)
    html = EXTERNAL.sub("", html)
    return html.replace("<head>", f"<head>\n<title>{escape_text(title)}</title>", 1)


def escape_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
