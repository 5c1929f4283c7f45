"""`kg export`: a built graph as files for other tools: CSV (spreadsheets, Gephi's importer), JSON Lines,
GraphML (networkx, Gephi, yEd, Cytoscape) and GEXF 1.3 with dynamic time (Gephi's timeline).

Every format holds the same nodes, edges and attributes: the flat graph of kg.export.flat (the build's nodes and
edges). Files are written under a temporary name and renamed when complete (the two CSV files together).
"""
from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO

import networkx as nx

from . import OutputSet, atomic_open
from .flat import EDGE_COLUMNS, NODE_COLUMNS

FORMATS = ("csv", "graphml", "gexf", "jsonl")
EXPORT_FOLDER = "export"  # in the build folder, where exports go by default
GEXF_NS = "http://gexf.net/1.3"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
GEXF_SCHEMA = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"
GEXF_TIMED = ("start", "end")  # on Gephi's timeline: XML attributes of the element, not attribute values


def default_path(out: str | Path, fmt: str) -> Path:
    """Where an export goes without -o: OUT/export/ (the CSV files) or OUT/export/graph.<format>."""
    folder = Path(out) / EXPORT_FOLDER
    return folder if fmt == "csv" else folder / f"graph.{fmt}"


def write_export(graph: nx.MultiDiGraph, fmt: str, path: str | Path) -> list[Path]:
    """Write the graph in a format of FORMATS to path (a folder for csv; a folder for the others means
    graph.<format> in it); the paths written."""
    path = Path(path)
    if fmt == "csv":
        path.mkdir(parents=True, exist_ok=True)
        with OutputSet(path) as outputs:
            with text_file(outputs.open("nodes.csv")) as handle:
                write_csv(handle, ("id", *NODE_COLUMNS), node_rows(graph))
            with text_file(outputs.open("edges.csv")) as handle:
                write_csv(handle, ("id", "source", "target", "source_label", "target_label", *EDGE_COLUMNS),
                          edge_rows(graph, labels=True))
        return [path / "nodes.csv", path / "edges.csv"]
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    if path.is_dir():
        path = path / f"graph.{fmt}"
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_open(path) as handle:
        if fmt == "jsonl":
            write_jsonl(graph, handle)
        elif fmt == "graphml":
            nx.write_graphml(graph, handle)
        else:
            write_gexf(graph, handle)
    return [path]


@contextmanager
def text_file(binary: object) -> Iterator[TextIO]:
    """A UTF-8 text view of a binary file context manager (the csv module writes text)."""
    with binary as handle:
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
        try:
            yield text
        finally:
            text.flush()
            text.detach()  # the binary file is closed by its own context


def node_rows(graph: nx.MultiDiGraph) -> Iterator[dict]:
    for node, data in graph.nodes(data=True):
        yield {"id": node, **data}


def edge_rows(graph: nx.MultiDiGraph, labels: bool = False) -> Iterator[dict]:
    for source, target, key, data in graph.edges(keys=True, data=True):
        row = {"id": key, "source": source, "target": target}
        if labels:  # a spreadsheet has no node table beside it to look names up in
            row.update(source_label=graph.nodes[source].get("label", source),
                       target_label=graph.nodes[target].get("label", target))
        yield {**row, **data}


def write_csv(handle: TextIO, columns: tuple[str, ...], rows: Iterator[dict]) -> None:
    writer = csv.DictWriter(handle, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def write_jsonl(graph: nx.MultiDiGraph, handle: BinaryIO) -> None:
    """One JSON object a line: the nodes, then the edges, each with "type" ("node" or "edge")."""
    for row in node_rows(graph):
        handle.write(json.dumps({"type": "node", **row}, ensure_ascii=False).encode("utf-8") + b"\n")
    for row in edge_rows(graph):
        handle.write(json.dumps({"type": "edge", **row}, ensure_ascii=False).encode("utf-8") + b"\n")


def gexf_type(values: list) -> str:
    """The GEXF type of an attribute's values: integer, double (any number) or string."""
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "integer"
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return "double"
    return "string"


def attribute_table(graph_element: ET.Element, element_class: str, columns: tuple[str, ...],
                    items: list[dict]) -> list[str]:
    """Declare the attributes that some node (or edge) has; their names, in column order."""
    declared = ET.SubElement(graph_element, "attributes", {"class": element_class, "mode": "static"})
    present = []
    for column in columns:
        values = [item[column] for item in items if column in item]
        if values and column not in GEXF_TIMED and not (element_class == "node" and column == "label"):
            ET.SubElement(declared, "attribute", {"id": column, "title": column, "type": gexf_type(values)})
            present.append(column)
    return present


def attvalues(element: ET.Element, data: dict, columns: list[str]) -> None:
    values = [(column, data[column]) for column in columns if column in data]
    if values:
        holder = ET.SubElement(element, "attvalues")
        for column, value in values:
            ET.SubElement(holder, "attvalue", {"for": column, "value": str(value)})


def timed(data: dict) -> dict[str, str]:
    return {name: data[name] for name in GEXF_TIMED if name in data}


def write_gexf(graph: nx.MultiDiGraph, handle: BinaryIO) -> None:
    """GEXF 1.3, dynamic: each dated edge lives from the first to the last day its date covers (a month, a year
    or a day), each entity from its first dated fact to its last; undated ones are always there."""
    root = ET.Element("gexf", {"xmlns": GEXF_NS, "xmlns:xsi": XSI_NS, "xsi:schemaLocation": GEXF_SCHEMA,
                               "version": "1.3"})
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "kg"
    ET.SubElement(meta, "description").text = "entities and dated facts (statements, meetings, events) of the news"
    # timerepresentation: each start..end is an interval (of days, timeformat date)
    graph_element = ET.SubElement(root, "graph", {"mode": "dynamic", "defaultedgetype": "directed",
                                                  "timeformat": "date", "timerepresentation": "interval"})
    nodes = list(graph.nodes(data=True))
    edges = list(graph.edges(keys=True, data=True))
    node_columns = attribute_table(graph_element, "node", NODE_COLUMNS, [data for _, data in nodes])
    edge_columns = attribute_table(graph_element, "edge", EDGE_COLUMNS, [data for *_, data in edges])
    nodes_element = ET.SubElement(graph_element, "nodes")
    for node, data in nodes:
        element = ET.SubElement(nodes_element, "node", {"id": node, "label": data.get("label", node), **timed(data)})
        attvalues(element, data, node_columns)
    edges_element = ET.SubElement(graph_element, "edges")
    for source, target, key, data in edges:
        element = ET.SubElement(edges_element, "edge", {"id": key, "source": source, "target": target,
                                                        **timed(data)})
        attvalues(element, data, edge_columns)
    ET.indent(root)
    ET.ElementTree(root).write(handle, encoding="utf-8", xml_declaration=True)
