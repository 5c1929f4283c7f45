"""Benchmark graph.html: layout time in Python and time to first draw in headless Chromium.

    .venv/bin/python scripts/bench_html.py [--sizes 100 1000 5000] [--keep DIR]

Builds synthetic news-like graphs (stories of a few entities linked by dated statements, meetings and
events, plus a few hub entities everybody talks about; about three edges per node), writes each page,
loads it from a file in headless Chromium and prints a table: layout and page-writing time, page size,
time from navigation to the first drawing of the network, and the time one timeline move takes
(filter plus redraw).
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.export.chromium import Chromium, find_chromium  # noqa: E402
from kg.export.html import to_html  # noqa: E402
from kg.export.layout import layout  # noqa: E402
from kg.graph import build_graph  # noqa: E402
from kg.model import Corpus, DateValue, Document, Entity, Event, Evidence, Meeting, Role, Statement  # noqa: E402

TYPES = ["Person", "Person", "Person", "Organization", "Country", "Place", "Event"]
ACTS = [("say", "010"), ("threaten", "130"), ("appeal", "020"), ("reject", "120"), ("praise", "051")]


def synthetic_graph(n: int, seed: int = 1) -> nx.MultiDiGraph:
    """About n entities and 3n dated facts, shaped like a news corpus."""
    rng = random.Random(seed)
    entities = {}
    for i in range(n):
        kind = TYPES[i % len(TYPES)]
        entity_id = f"{kind.lower()}/entity-{i:05d}"
        entities[entity_id] = Entity(id=entity_id, type=kind, label=f"{kind} {i:05d}",
                                     aliases={f"E{i}", f"Alias {i}"} if i % 3 == 0 else set(),
                                     roles=[Role("Menteri", f"Menteri {i % 17}", None)] if kind == "Person" else [],
                                     documents={f"doc{i % max(1, n // 10)}"}, mention_count=1 + (n - i) % 23)
    ids = sorted(entities)
    hubs = ids[: max(3, n // 50)]
    others = ids[len(hubs):] or ids
    documents = {f"doc{d}": Document(id=f"doc{d}", source=f"doc{d}.txt", raw_text="", title=f"Berita nomor {d}",
                                     outlet=["Lintas Sejagat", "Warta Khatulistiwa", "Pelita Dewata"][d % 3],
                                     url=f"https://example.com/berita/{d}", published=f"2022-{1 + d % 12:02d}-15")
                 for d in range(max(1, n // 10))}
    statements, meetings, events = [], [], []
    story_start = 0
    while len(statements) + len(meetings) + len(events) < 3 * n:
        size = rng.randint(4, 12)
        story = [others[(story_start + k) % len(others)] for k in range(size)]
        story_start += size
        day = rng.randrange(0, 365)
        for _ in range(size * 3):
            u = rng.choice(story)
            v = rng.choice(hubs) if rng.random() < 0.3 else rng.choice(story)
            number = len(statements) + len(meetings) + len(events)
            doc = f"doc{number % len(documents)}"
            evidence = Evidence(doc, number % 40, f"Kalimat nomor {number}: {u} berbicara tentang {v} di sini.", 0, 60)
            when = None if rng.random() < 0.2 else DateValue(f"2022-{1 + (day // 31) % 12:02d}-{1 + day % 28:02d}",
                                                            "day", "Senin")
            pick = rng.random()
            if pick < 0.7 or u == v:
                act, cameo = rng.choice(ACTS)
                statements.append(Statement(id=f"s{number:06d}", speaker=u, evidence=evidence, cue="mengatakan",
                                            speech_act=act, cameo=cameo, addressees=[v] if u != v else [],
                                            quote=f"Kutipan nomor {number}", date=when, report_date="2022-12-31"))
            elif pick < 0.9:
                meetings.append(Meeting(id=f"m{number:06d}", participants=[u, v], evidence=evidence, cue="bertemu",
                                        status=rng.choice(["held", "held", "held", "planned", "cancelled"]),
                                        mode="in_person", date=when, report_date="2022-12-31"))
            else:
                events.append(Event(id=f"e{number:06d}", event_type="summit", participants=[u, v],
                                    evidence=evidence, cue="menghadiri", date=when, report_date="2022-12-31"))
            day = min(364, day + rng.randrange(0, 3))
    corpus = Corpus(documents=documents, entities=entities, statements=statements, meetings=meetings, events=events)
    return build_graph(corpus)


def measure(n: int, browser: Chromium | None, directory: Path) -> dict:
    graph = synthetic_graph(n)
    started = time.perf_counter()
    positions = layout(graph)
    layout_seconds = time.perf_counter() - started
    started = time.perf_counter()
    html = to_html(graph, title=f"bench {n}", positions=positions)
    page_seconds = time.perf_counter() - started
    path = directory / f"bench-{n}.html"
    path.write_text(html, encoding="utf-8")
    row = {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(), "layout": layout_seconds,
           "page": page_seconds, "size": len(html.encode("utf-8")) / 1e6}
    if browser is not None:
        browser.navigate(path.as_uri())
        row["first_draw"] = browser.wait_for("window.__kgDrawnAt", timeout=120) / 1000
        row["drawn"] = browser.evaluate("kg.drawn().nodes + '/' + kg.drawn().edges")
        row["timeline"] = browser.evaluate(
            "(() => { const t = performance.now(); "
            "kg.setRange('2022-03-01', '2022-04-30'); network.redraw(); "
            "return (performance.now() - t) / 1000; })()")
        row["errors"] = len(browser.console_errors())
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--keep", help="write the pages into this directory and keep them")
    args = parser.parse_args(argv)
    directory = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kg-bench-"))
    directory.mkdir(parents=True, exist_ok=True)
    browser = Chromium(width=1400, height=900, timeout=180) if find_chromium() else None
    if browser is None:
        print("no Chromium found: measuring the Python side only", file=sys.stderr)
    print(f"{'nodes':>7} {'edges':>7} {'layout s':>9} {'page s':>7} {'MB':>6} {'first draw s':>13} "
          f"{'timeline s':>11} {'drawn':>13} {'errors':>6}")
    layout(synthetic_graph(50))  # warm up (imports, numpy), so the first row measures the layout alone
    try:
        if browser is not None:
            browser.start()
        for n in args.sizes:
            if browser is not None:
                browser.events.clear()
            row = measure(n, browser, directory)
            print(f"{row['nodes']:>7} {row['edges']:>7} {row['layout']:>9.2f} {row['page']:>7.2f} {row['size']:>6.1f} "
                  f"{row.get('first_draw', float('nan')):>13.2f} {row.get('timeline', float('nan')):>11.3f} "
                  f"{row.get('drawn', '-'):>13} {row.get('errors', '-'):>6}", flush=True)
    finally:
        if browser is not None:
            browser.close()
    if args.keep:
        print(f"pages in {directory}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
