"""Focus a graph before drawing it: an entity's neighbourhood, a date range, the most connected nodes.

The HTML page stays interactive up to about 5,000 nodes; for bigger corpora ``kg build`` draws a
selection (``--focus``, ``--hops``, ``--from``, ``--to``, ``--max-nodes``) while the RDF stays complete.
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

import networkx as nx

from .iris import slug

DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@lru_cache(maxsize=8192)  # a corpus has few distinct dates and many edges
def period(value: str | None) -> tuple[date, date] | None:
    """The days a date covers: '2022' is the whole year, '2022-02' the month, '2022-02-14' one day.

    None for a missing or unreadable date (such an edge counts as undated).
    """
    if not value:
        return None
    match = DATE.match(value.strip())
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        return date(year, month, day), date(year, month, day)
    except ValueError:  # month 13, 30 February
        return None


def find_entities(graph: nx.MultiDiGraph, name: str) -> list[str]:
    """Ids of the entities a name means: an exact id, else a label, else an alias (case-insensitive).

    The first level that matches wins, so "Kyiv" finds the place labelled Kyiv, not the country
    that has Kyiv as an alias; several entities on that level are all returned.
    """
    wanted = slug(name)  # case-, accent- and punctuation-insensitive
    levels: tuple[list[str], list[str], list[str]] = ([], [], [])
    for node, data in sorted(graph.nodes(data=True)):
        # build_graph and kg.to_networkx both put label and aliases on the nodes
        if slug(str(node)) == wanted:
            levels[0].append(node)
        elif slug(data.get("label") or "") == wanted:
            levels[1].append(node)
        elif any(slug(alias) == wanted for alias in data.get("aliases", ())):
            levels[2].append(node)
    return next((level for level in levels if level), [])


def select(graph: nx.MultiDiGraph, focus: str | None = None, hops: int = 1, date_from: str | None = None,
           date_to: str | None = None, max_nodes: int | None = None) -> nx.MultiDiGraph:
    """The part of the graph to draw; the input graph is not changed.

    - date_from / date_to ('YYYY', 'YYYY-MM' or 'YYYY-MM-DD', either may be open) keep the edges whose
      date overlaps the range ('2022-02' overlaps 2022-02-10..2022-02-20); undated edges are dropped,
      and so are the entities left without an edge (except the focus);
    - focus (an entity id, label or alias, case-insensitive) keeps the entities within ``hops`` edges
      of it, in either direction; ValueError if no entity matches;
    - max_nodes keeps that many entities, the most connected first (the focus always stays).
    Edges between kept entities are kept with their keys and data; graph.graph (documents) is shared, and
    with a focus graph.graph["focus"] lists the entities it matched (the HTML page marks them).
    """
    if hops < 0:
        raise ValueError(f"hops must be 0 or more, not {hops}")
    if max_nodes is not None and max_nodes < 1:
        raise ValueError(f"max_nodes must be 1 or more, not {max_nodes}")
    edges = [(u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True)]
    nodes = set(graph.nodes)
    if date_from or date_to:
        low = range_end(date_from, "date_from", first=True)
        high = range_end(date_to, "date_to", first=False)
        if low and high and low > high:
            raise ValueError(f"the date range is empty: {date_from} is after {date_to}")
        edges = [e for e in edges if overlaps(period(e[3].get("date")), low, high)]
        nodes = {n for u, v, _, _ in edges for n in (u, v)}
    seeds: list[str] = []
    if focus is not None:
        seeds = find_entities(graph, focus)
        if not seeds:
            raise ValueError(f"no entity matches {focus!r} (give an entity id, label or alias)")
        nodes |= set(seeds)
        nodes = neighbourhood(nodes, edges, seeds, hops)
        edges = [e for e in edges if e[0] in nodes and e[1] in nodes]
    if max_nodes is not None and len(nodes) > max_nodes:
        nodes = most_connected(nodes, ((u, v) for u, v, _, _ in edges),
                               {n: graph.nodes[n].get("mentions", 0) for n in nodes}, seeds, max_nodes)
        edges = [e for e in edges if e[0] in nodes and e[1] in nodes]
    selected = nx.MultiDiGraph(**graph.graph)
    selected.add_nodes_from((n, graph.nodes[n]) for n in graph.nodes if n in nodes)
    selected.add_edges_from((u, v, k, d) for u, v, k, d in edges)
    if seeds:
        selected.graph["focus"] = seeds  # for the page, which marks and centres them
    return selected


def most_connected(nodes: set[str], edges: Iterable[tuple[str, str]], mentions: dict[str, int], seeds: list[str],
                   max_nodes: int) -> set[str]:
    """max_nodes of the nodes: the seeds, then the most connected by the edges (source, target) among them, then
    the most mentioned, then by id."""
    degree = dict.fromkeys(nodes, 0)
    for u, v in edges:
        degree[u] += 1
        degree[v] += 1
    ranked = sorted(nodes - set(seeds), key=lambda n: (-degree[n], -mentions[n], str(n)))
    return set(seeds[:max_nodes]) | set(ranked[: max(0, max_nodes - len(seeds))])


def range_end(value: str | None, name: str, first: bool) -> date | None:
    if not value:
        return None
    days = period(value)
    if days is None:
        raise ValueError(f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return days[0] if first else days[1]


def overlaps(days: tuple[date, date] | None, low: date | None, high: date | None) -> bool:
    if days is None:
        return False
    return (low is None or days[1] >= low) and (high is None or days[0] <= high)


def neighbourhood(nodes: set[str], edges: list, seeds: list[str], hops: int) -> set[str]:
    """The nodes within ``hops`` edges of the seeds, following edges both ways."""
    adjacent: dict[str, set[str]] = {n: set() for n in nodes}
    for u, v, _, _ in edges:
        adjacent[u].add(v)
        adjacent[v].add(u)
    reached = set(seeds)
    frontier = set(seeds)
    for _ in range(hops):
        frontier = {m for n in frontier for m in adjacent.get(n, ())} - reached
        if not frontier:
            break
        reached |= frontier
    return reached
