"""graph.html without a browser: offline, escaped, deterministic; the layout; focusing a graph (kg.subgraph)."""
from __future__ import annotations

import json
import random
import re
import time
from collections import Counter
from html.parser import HTMLParser

import networkx as nx
import pytest

from kg.export.html import asset, page_data, to_html
from kg.export.layout import layout
from kg.graph import build_graph
from kg.model import Corpus, DateValue, Document, Entity, Event, Evidence, Meeting, Mention, Role, Statement
from kg.subgraph import find_entities, period, select

EXTERNAL = re.compile(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


def entity(entity_id: str, label: str, *aliases: str, roles: list[Role] | None = None, mentions: int = 1) -> Entity:
    kind = {"person": "Person", "country": "Country", "place": "Place", "organization": "Organization",
            "event": "Event"}[entity_id.split("/")[0]]
    return Entity(id=entity_id, type=kind, label=label, aliases=set(aliases), roles=roles or [],
                  documents={"d1"}, mention_count=mentions)


def evidence(doc: str, text: str, index: int = 0) -> Evidence:
    return Evidence(doc, index, text, 0, len(text))


def day(value: str) -> DateValue:
    return DateValue(value, {10: "day", 7: "month", 4: "year"}[len(value)], value)


def world_corpus(quote: str = "Kami siap berunding", sentence: str | None = None, speaker_label: str = "Antony Blinken",
                 title: str = "Blinken dan Lavrov Bertemu di Jenewa") -> Corpus:
    """A small dated news graph: two ministers, their countries, Kyiv (alias Kiev), meetings of every status."""
    entities = [
        entity("person/antony-blinken", speaker_label, "Blinken", mentions=14,
               roles=[Role("Menteri Luar Negeri", "Menlu AS", "country/amerika-serikat")]),
        entity("person/sergey-lavrov", "Sergey Lavrov", "Lavrov", mentions=11,
               roles=[Role("Menteri Luar Negeri", "Menlu Rusia", "country/rusia")]),
        entity("person/volodymyr-zelensky", "Volodymyr Zelensky", "Zelensky", mentions=9),
        entity("country/amerika-serikat", "Amerika Serikat", "AS", "Washington", mentions=20),
        entity("country/rusia", "Rusia", "Moskow", mentions=30),
        entity("country/ukraina", "Ukraina", "Kyiv", mentions=25),
        entity("place/kyiv", "Kyiv", "Kiev", mentions=5),
        entity("place/jenewa", "Jenewa", "Geneva", mentions=4),
        entity("organization/pbb", "PBB", "Perserikatan Bangsa-Bangsa", mentions=3),
        entity("event/ktt-g20", "KTT G20", mentions=2),
        entity("person/arrmanatha-nasir", "Arrmanatha Nasir", mentions=1),
    ]
    documents = {
        "d1": Document(id="d1", source="d1.txt", raw_text="", title=title, outlet="Lintas Sejagat",
                       url="https://example.com/lintas/blinken-lavrov", published="2022-01-22"),
        "d2": Document(id="d2", source="d2.txt", raw_text="", title="Blinken Batalkan Pertemuan", outlet="Kabar",
                       published="2022-02-23"),
        "d3": Document(id="d3", source="d3.txt", raw_text="", title="Zelensky di Kyiv", outlet="Warta",
                       url="javascript:window.__pwned=9", published="2022-02-25"),
    }
    statements = [
        Statement("d1/statement/1", "person/antony-blinken", evidence("d1", sentence or f'"{quote}," kata Blinken.'),
                  "kata", "say", "010", addressees=["person/sergey-lavrov"], quote=quote, date=day("2022-01-21"),
                  report_date="2022-01-22"),
        Statement("d2/statement/1", "person/sergey-lavrov", evidence("d2", "Lavrov menolak tuduhan itu.", 3),
                  "menolak", "reject", "120", about=["country/ukraina"], content="tuduhan itu", date=day("2022-02"),
                  report_date="2022-02-23"),
        Statement("d3/statement/1", "person/volodymyr-zelensky", evidence("d3", "Zelensky mendesak Rusia mundur.", 1),
                  "mendesak", "appeal", "020", addressees=["country/rusia"], quote="Mundurlah",
                  report_date="2022-02-25"),
    ]
    meetings = [
        Meeting("d1/meeting/1", ["person/antony-blinken", "person/sergey-lavrov"],
                evidence("d1", "Blinken bertemu Lavrov di Jenewa.", 1), "bertemu", "held", "in_person",
                "place/jenewa", date=day("2022-01-21"), report_date="2022-01-22"),
        Meeting("d2/meeting/1", ["person/antony-blinken", "person/sergey-lavrov"],
                evidence("d2", "Blinken membatalkan pertemuan dengan Lavrov.", 2), "membatalkan", "cancelled",
                None, "place/jenewa", date=day("2022-02-24"), report_date="2022-02-23"),
        Meeting("d2/meeting/2", ["country/amerika-serikat", "country/rusia"],
                evidence("d2", "AS dan Rusia akan bertemu di PBB.", 4), "akan bertemu", "planned", None,
                None, date=day("2022-03-01"), report_date="2022-02-23"),
    ]
    events = [
        Event("d3/event/1", "summit", ["event/ktt-g20", "country/ukraina"],
              evidence("d3", "KTT G20 membahas Ukraina.", 2), "membahas", date=day("2022-11-15"),
              report_date="2022-02-25"),
    ]
    return Corpus(documents=documents, entities={e.id: e for e in entities}, statements=statements,
                  meetings=meetings, events=events)


def world(**kwargs) -> nx.MultiDiGraph:
    return build_graph(world_corpus(**kwargs))


PAGE_TAGS = {"html", "head", "meta", "title", "style", "script", "body", "header", "div", "h1", "input", "ul", "label",
             "select", "option", "button", "aside", "footer", "canvas", "span", "details", "summary", "section"}


class Tags(HTMLParser):
    """Counts the elements a browser would see (script and style contents are not parsed as markup)."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: Counter = Counter()
        self.closed: Counter = Counter()

    def handle_starttag(self, tag, attrs):
        self.opened[tag] += 1

    def handle_endtag(self, tag):
        self.closed[tag] += 1


def pyvis_items(html: str, name: str) -> list[dict]:
    """The nodes or edges pyvis wrote into its drawing script."""
    match = re.search(rf"{name} = new vis\.DataSet\((\[.*?\])\);\n", html)
    assert match, name
    return json.loads(match.group(1))


def page_json(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.DOTALL)
    assert match
    return json.loads(match.group(1))


# ---- the page -------------------------------------------------------------------------------------------------

def test_page_is_one_offline_file():
    html = to_html(world())
    assert html.startswith("<!DOCTYPE html>")
    assert not EXTERNAL.search(html), EXTERNAL.search(html).group(0)
    assert "<link" not in html and "@import" not in html
    assert not re.search(r"jsdelivr|cloudflare|unpkg|googleapis|bootstrap", html, re.IGNORECASE)
    assert "vis.Network" in html and "kg-data" in html and 'id="kg-timeline"' in html


def test_page_draws_every_node_and_edge_with_positions_and_styles():
    graph = world()
    html = to_html(graph)
    nodes, edges = pyvis_items(html, "nodes"), pyvis_items(html, "edges")
    assert len(nodes) == graph.number_of_nodes() and len(edges) == graph.number_of_edges()
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in nodes)
    assert {n["group"] for n in nodes} == {"Person", "Country", "Place", "Organization", "Event"}
    assert '"physics": {"enabled": false}' in html
    data = page_json(html)
    by_record = {data["edges"][e["id"]][5].split("#")[0]: e for e in edges}
    assert by_record["d2/meeting/2"]["dashes"] == [8, 6]  # planned: dashed
    assert by_record["d2/meeting/1"]["label"] == "✕" and by_record["d2/meeting/1"]["dashes"] == [2, 5]  # cancelled
    assert "dashes" not in by_record["d1/meeting/1"] and by_record["d1/statement/1"]["arrows"] == "to"
    assert all("title" not in n for n in nodes)  # hover texts come from the explorer, as plain text


def test_page_data_carries_provenance_and_dates():
    data, _ = page_data(world(), "t")
    records = {r["id"]: r for r in map(json.loads, data["records"])}  # script JSON, made with each article
    said = records["d1/statement/1"]
    assert said["quote"] == "Kami siap berunding" and said["act"] == "say" and said["cameo"] == "010"
    assert said["doc"] == "d1" and "kata Blinken" in said["sentence"]
    assert records["d2/meeting/1"]["status"] == "cancelled" and records["d1/meeting/1"]["place"] == "place/jenewa"
    first = data["documents"]["d1"]
    assert first["url"].startswith("https://") and first["outlet"] == "Lintas Sejagat"
    rows = {row[5].split("#")[0]: row for row in data["edges"]}
    month = rows["d2/statement/1"]
    assert month[7] - month[6] == 27  # February 2022 spans 28 days
    assert rows["d3/statement/1"][6] is None  # undated
    kyiv = next(n for n in data["nodes"] if n["id"] == "place/kyiv")
    assert kyiv["aliases"] == ["Kiev"] and kyiv["type"] == "Place"


def test_article_text_cannot_break_out_of_the_page():
    hostile = '</script><script>window.__pwned=1</script><!-- <img src=x onerror="window.__pwned=2">'
    graph = world(quote=hostile, sentence=hostile, speaker_label="<b>Evil</b>" + hostile, title=hostile)
    html = to_html(graph, title="<script>window.__pwned=5</script>")
    assert "window.__pwned=1</script>" not in html and "<img src=x" not in html
    assert "\\u003c/script\\u003e\\u003cscript\\u003ewindow.__pwned=1" in html
    tags = Tags()
    tags.feed(html)
    assert tags.opened["script"] == tags.closed["script"] == 5  # utils, vis-network, data, explorer, drawing
    assert set(tags.opened) <= PAGE_TAGS, set(tags.opened) - PAGE_TAGS  # no <img>, <b> from the article
    assert "<title>&lt;script&gt;window.__pwned=5&lt;/script&gt;</title>" in html
    data = page_json(html)
    said = next(r for r in data["records"] if r["id"] == "d1/statement/1")
    assert said["quote"] == hostile and said["sentence"] == hostile  # intact once parsed, as text


def test_a_node_title_with_href_does_not_switch_pyvis_to_html_popups():
    graph = world(speaker_label='Blinken <a href="javascript:alert(1)">x</a>')
    html = to_html(graph)
    assert "popup.innerHTML" not in html and "tooltip_link" not in html


def test_explorer_never_writes_html():
    script = asset("explorer.js")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in script


def test_same_graph_same_bytes():
    assert to_html(world()) == to_html(world())


def test_empty_graph_and_undated_graph():
    empty = to_html(nx.MultiDiGraph(documents={}))
    assert "vis.Network" in empty and page_json(empty)["nodes"] == []
    corpus = world_corpus()
    for record in [*corpus.statements, *corpus.meetings, *corpus.events]:
        record.date = None
    data = page_json(to_html(build_graph(corpus)))
    assert all(row[6] is None for row in data["edges"])


# ---- layout ---------------------------------------------------------------------------------------------------

def random_graph(n: int, seed: int = 3) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(f"n{i}" for i in range(n))
    rng = random.Random(seed)
    for i in range(3 * n):
        graph.add_edge(f"n{rng.randrange(n)}", f"n{min(n - 1, int(rng.paretovariate(1.2)) - 1 + (i % 7))}")
    return graph


def test_layout_is_deterministic_and_places_every_node():
    graph = world()
    first, second = layout(graph), layout(graph)
    assert first == second and set(first) == set(graph.nodes)
    points = set(first.values())
    assert len(points) == len(first)  # no two nodes on the same spot


def test_layout_keeps_neighbours_closer_than_strangers():
    graph = nx.MultiDiGraph()
    for side in "ab":  # two cliques of six, joined by one edge
        graph.add_edges_from((f"{side}{i}", f"{side}{j}") for i in range(6) for j in range(i))
    graph.add_edge("a0", "b0")
    pos = layout(graph)

    def distance(u, v):
        return ((pos[u][0] - pos[v][0]) ** 2 + (pos[u][1] - pos[v][1]) ** 2) ** 0.5
    inside = max(distance(f"a{i}", f"a{j}") for i in range(6) for j in range(i))
    across = min(distance(f"a{i}", f"b{j}") for i in range(1, 6) for j in range(1, 6))
    assert inside < across


def test_layout_of_5000_nodes_is_fast():
    graph = random_graph(5000)
    started = time.perf_counter()
    pos = layout(graph)
    assert time.perf_counter() - started < 10  # about 0.5 s here; networkx's spring_layout takes ~53 s
    assert len(pos) == 5000 and all(abs(x) < 1e7 and abs(y) < 1e7 for x, y in pos.values())


# ---- focusing (kg.subgraph) -----------------------------------------------------------------------------------

def test_find_entities_by_id_label_alias_ignoring_case_and_accents():
    graph = world()
    assert find_entities(graph, "place/kyiv") == ["place/kyiv"]
    assert find_entities(graph, "KYIV") == ["place/kyiv"]  # the label wins over Ukraina's alias
    assert find_entities(graph, "kiev") == ["place/kyiv"]
    assert find_entities(graph, "Zelénsky") == ["person/volodymyr-zelensky"]
    assert find_entities(graph, "Atlantis") == []


def test_select_focus_and_hops():
    graph = world()
    one = select(graph, focus="Blinken", hops=1)
    assert set(one.nodes) == {"person/antony-blinken", "person/sergey-lavrov"}
    two = select(graph, focus="Blinken", hops=2)
    assert "country/ukraina" in two and "country/rusia" not in two
    alone = select(graph, focus="Arrmanatha Nasir", hops=3)
    assert list(alone.nodes) == ["person/arrmanatha-nasir"] and alone.number_of_edges() == 0
    assert select(graph, focus="blinken", hops=0).number_of_nodes() == 1
    assert one.graph["documents"] is graph.graph["documents"]
    assert graph.number_of_nodes() == 11  # the input is not changed
    with pytest.raises(ValueError, match="no entity matches 'Atlantis'"):
        select(graph, focus="Atlantis")


def test_select_date_range_keeps_overlapping_edges_and_drops_undated():
    graph = world()
    january = select(graph, date_from="2022-01-01", date_to="2022-01-31")
    assert {d["record"].id for _, _, d in january.edges(data=True)} == {"d1/statement/1", "d1/meeting/1"}
    assert set(january.nodes) == {"person/antony-blinken", "person/sergey-lavrov"}
    mid_february = select(graph, date_from="2022-02-10", date_to="2022-02-20")
    assert {d["record"].id for _, _, d in mid_february.edges(data=True)} == {"d2/statement/1"}  # dated '2022-02'
    spring = select(graph, date_from="2022-02")
    assert "d3/event/1" in {d["record"].id for _, _, d in spring.edges(data=True)}
    assert "d3/statement/1" not in {d["record"].id for _, _, d in spring.edges(data=True)}  # undated
    assert select(graph, date_to="2021").number_of_edges() == 0
    with pytest.raises(ValueError, match="after"):
        select(graph, date_from="2022-03", date_to="2022-01")
    with pytest.raises(ValueError, match="YYYY"):
        select(graph, date_from="22/01/2022")


def test_select_max_nodes_keeps_the_most_connected():
    graph = world()
    top = select(graph, max_nodes=3)
    assert set(top.nodes) == {"person/antony-blinken", "person/sergey-lavrov", "country/rusia"}
    assert all(u in top and v in top for u, v in top.edges())
    focused = select(graph, focus="Kiev", hops=0, max_nodes=1)
    assert list(focused.nodes) == ["place/kyiv"]
    with pytest.raises(ValueError):
        select(graph, max_nodes=0)


def test_period():
    assert str(period("2024-02")[1]) == "2024-02-29" and str(period("2022")[0]) == "2022-01-01"
    assert period("2022-13") is None and period(None) is None and period("kemarin") is None


def test_focused_graph_draws():
    html = to_html(select(world(), focus="Lavrov", hops=1))
    data = page_json(html)
    assert {n["id"] for n in data["nodes"]} >= {"person/sergey-lavrov", "person/antony-blinken", "country/ukraina"}
    assert data["focus"] == ["person/sergey-lavrov"]  # the page rings and centres it
    assert page_json(to_html(world()))["focus"] == []


def kept_pages(corpus):
    """What the page keeps of each article of the corpus, through the page state's encoding (kg.codec)."""
    from kg import codec
    from kg.export.html import PageArticle, page_article

    mentions = {doc_id: [Mention(doc_id, 0, 0, 1, "x", e.type, entity_id=e.id) for e in corpus.entities.values()
                         if doc_id in e.documents] for doc_id in corpus.documents}
    pages = [page_article(document, mentions[doc_id], [r for r in corpus.records() if r.evidence.doc_id == doc_id])
             for doc_id, document in sorted(corpus.documents.items())]
    decoded = codec.decode(codec.PAGE_MAGIC, codec.encode(codec.PAGE_MAGIC, pages), lambda rows: rows)
    return {page.doc_id: page for page in map(PageArticle.from_data, decoded)}


@pytest.mark.parametrize("limit, forked", [(None, False), (3, False), (None, True)])
def test_the_page_drawn_from_what_each_article_keeps_is_the_page_of_the_graph(monkeypatch, limit, forked):
    """A build draws the page from what each article keeps (its own, or the last build's page state); it is the
    page of the whole graph, above HTML_MAX_NODES entities that of its most connected ones (as select makes it);
    half made on a forked process, the same page."""
    from functools import partial

    from kg.export import html
    from kg.pipeline import new_pool

    corpus = world_corpus()
    fork = None
    if forked:
        monkeypatch.setattr(html, "FORKED_LAYOUT", 1)
        fork = partial(new_pool, 1, "fork")
    graph = build_graph(corpus)
    if limit is not None:
        monkeypatch.setattr(html, "HTML_MAX_NODES", limit)
        graph = select(graph, max_nodes=limit)
        assert graph.number_of_nodes() == limit
    assert html.PageSink({}, kept_pages(corpus), fork).draw(corpus.entities).decode() == to_html(graph)
    view = {"focus": "Lavrov", "hops": 1}
    assert html.PageSink(view, kept_pages(corpus), fork).draw(corpus.entities).decode() == to_html(
        select(build_graph(corpus), **view))


def test_the_records_go_into_the_page_as_script_json_would_put_them():
    from kg.export.html import page_json, script_json

    data, _ = page_data(world(quote="</script><!-- & -->"), "t")
    assert page_json(data) == script_json({**data, "records": [json.loads(r) for r in data["records"]]})
