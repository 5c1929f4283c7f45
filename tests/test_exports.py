"""kg export (CSV, GraphML, GEXF, JSON Lines) and kg.to_networkx: the build's nodes and edges, read back by the
libraries that will read them (csv, json, networkx; lxml for the GEXF's structure)."""
from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

import kg
from kg.cameo import QUAD_CLASSES, cameo_codes
from kg.extract.meetings import PLANNED_CAMEO, VISIT_CAMEO
from kg.lang import LanguageDataError, read_table
from kg.pipeline import SAMPLE_DIR

LANG_DIR = Path(kg.__file__).parent / "lang" / "id"
GEXF = "{http://gexf.net/1.3}"

# my own sentences: a meeting of three, a statement to an addressee, a sanction, a quote, an event dated by a
# month, a statement about a country; a second article dated only by its month
ARTICLES = [
    {"id": "a1", "title": "Tiga menteri bertemu di Berlin", "url": "https://news.example.org/2022/03/01/a1",
     "outlet": "Harian Contoh", "published": "2022-03-01",
     "text": "Menteri Luar Negeri Jepang Yoshimasa Hayashi bertemu Presiden Prancis Emmanuel Macron dan Kanselir "
             "Jerman Olaf Scholz di Berlin pada Senin (28/2/2022).\n\nHayashi mengatakan kepada Macron bahwa kerja "
             "sama kedua negara akan diperkuat.\n\nKanada menjatuhkan sanksi terhadap Belarus pada Selasa "
             "(1/3/2022).\n\n\"Kami menolak langkah itu,\" kata Scholz."},
    {"id": "a2", "title": "Kedutaan ditutup", "outlet": "Kabar Contoh", "published": "2022-04",
     "text": "Australia menutup kedutaannya di Kyiv pada Maret 2022.\n\nJuru bicara Kremlin Dmitry Peskov "
             "mengkritik Australia."},
]


def run_kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=120)


def summary_counts(stderr: str) -> tuple[int, int]:
    nodes, edges = re.search(r"(\d+) nodes, (\d+) edges", stderr).groups()
    return int(nodes), int(edges)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, tuple[int, int], nx.MultiDiGraph]:
    """A build of the test articles (through the command, for its summary line) and its in-memory graph."""
    folder = tmp_path_factory.mktemp("exports")
    (folder / "in").mkdir()
    (folder / "in" / "articles.jsonl").write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    proc = run_kg("build", str(folder / "in"), "-o", str(folder / "out"), "--no-cache")
    assert proc.returncode == 0, proc.stderr
    return folder / "out", summary_counts(proc.stderr), kg.build([folder / "in"]).graph


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> tuple[Path, tuple[int, int]]:
    out = tmp_path_factory.mktemp("sample") / "out"
    proc = run_kg("build", "--sample", "-o", str(out), "--no-cache")
    assert proc.returncode == 0, proc.stderr
    return out, summary_counts(proc.stderr)


def edge_view(graph: nx.MultiDiGraph) -> set[tuple]:
    return {(u, v, k, d["kind"], d["role"], d.get("date")) for u, v, k, d in graph.edges(keys=True, data=True)}


def test_to_networkx_is_the_build(built, sample):
    out, (nodes, edges), memory = built
    graph = kg.to_networkx(out)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (nodes, edges)
    # the same nodes and edges as the build's own graph, keys and endpoints included: the meeting of three is
    # drawn from its first participant, the sanction from actor to target, the quote without addressee loops
    assert set(graph.nodes) == set(memory.nodes)
    assert edge_view(graph) == {(u, v, k, d["kind"], d["role"], d["date"])
                                for u, v, k, d in memory.edges(keys=True, data=True)}
    kinds = {d["kind"] for *_, d in graph.edges(data=True)}
    assert {"statement", "meeting", "event", "sanction"} <= kinds
    meeting = [(u, v) for u, v, d in graph.edges(data=True) if d["kind"] == "meeting"]
    assert sorted(meeting) == [("person/yoshimasa-hayashi", "person/emmanuel-macron"),
                               ("person/yoshimasa-hayashi", "person/olaf-scholz")]
    sample_out, sample_counts = sample
    sample_graph = kg.to_networkx(sample_out)
    assert (sample_graph.number_of_nodes(), sample_graph.number_of_edges()) == sample_counts
    events = {d["fact"] for *_, d in sample_graph.edges(data=True) if d["kind"] == "event"}
    assert len(events) == len({r.id for *_, r in kg.build([SAMPLE_DIR]).graph.edges(data="record")
                               if r.kind == "event"}) > 0


def test_edge_attributes(built):
    graph = kg.to_networkx(built[0])
    by_kind = {}
    for u, v, d in graph.edges(data=True):
        by_kind.setdefault(d["kind"], []).append((u, v, d))
    said = next(d for u, v, d in by_kind["statement"] if d["role"] == "addressee")
    assert said["speech_act"] == "say" and said["cameo"] == "010" and said["quad_class"] == "verbal cooperation"
    assert said["goldstein"] == 0.0 and said["cue"] == "mengatakan" and said["article"] == "a1"
    assert said["outlet"] == "Harian Contoh" and said["url"] == "https://news.example.org/2022/03/01/a1"
    assert said["headline"] == "Tiga menteri bertemu di Berlin" and said["sentence"].startswith("Hayashi mengatakan")
    assert said["date"] == "2022-02-28" and said["date_precision"] == "day" and said["start"] == said["end"]
    assert isinstance(said["char_start"], int) and said["char_end"] > said["char_start"]
    quoted = next(d for u, v, d in by_kind["statement"] if d["role"] == "self")
    assert quoted["quote"] == "Kami menolak langkah itu"
    meeting = by_kind["meeting"][0][2]
    assert (meeting["status"], meeting["mode"], meeting["cameo"]) == ("held", "in_person", "040")
    sanction = by_kind["sanction"][0][2]
    assert (sanction["status"], sanction["measure"], sanction["quad_class"]) == ("imposed", "sanctions",
                                                                              "material conflict")
    assert sanction["goldstein"] == -8.0
    closure = next(d for u, v, d in by_kind["event"] if d["article"] == "a2")
    # a date known to the month covers the month on the timeline
    assert (closure["date"], closure["date_precision"], closure["start"], closure["end"]) == \
        ("2022-03", "month", "2022-03-01", "2022-03-31")
    assert closure["place"] == "Kyiv"
    for *_, data in graph.edges(data=True):
        assert all(isinstance(value, str | int | float) for value in data.values())
    node = graph.nodes["person/yoshimasa-hayashi"]
    assert node["label"] == "Yoshimasa Hayashi" and node["entity_type"] == "Person" and node["articles"] == 1
    assert "Menteri Luar Negeri" in node["roles"] and node["start"] == "2022-02-28"


def test_networkx_writes_it(built, tmp_path):
    graph = kg.to_networkx(built[0])
    nx.write_graphml(graph, tmp_path / "g.graphml")  # failed on list attributes before
    nx.write_gexf(graph, tmp_path / "g.gexf")
    again = nx.read_graphml(tmp_path / "g.graphml")
    assert again.number_of_edges() == graph.number_of_edges()
    assert nx.read_gexf(tmp_path / "g.gexf").graph["mode"] == "dynamic"


def test_graph_ttl_alone_and_a_hash_base(built, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_bytes((built[0] / "graph.ttl").read_bytes())  # graph.trig is optional
    assert edge_view(kg.to_networkx(out)) == edge_view(kg.to_networkx(built[0]))
    source = built[0].parent / "in"
    proc = run_kg("build", str(source), "-o", str(tmp_path / "hash"), "--base-iri", "https://news.example.org/kg#",
                  "--no-html", "--no-cache", "-q")
    assert proc.returncode == 0, proc.stderr
    assert edge_view(kg.to_networkx(tmp_path / "hash")) == edge_view(kg.to_networkx(built[0]))


def export(out: Path, fmt: str, *extra: str) -> subprocess.CompletedProcess:
    proc = run_kg("export", str(out), "--format", fmt, *extra)
    assert proc.returncode == 0, proc.stderr
    return proc


def test_csv(built):
    out, (nodes, edges), _ = built
    proc = export(out, "csv")
    assert f"({nodes} nodes, {edges} edges)" in proc.stderr
    with open(out / "export" / "nodes.csv", encoding="utf-8", newline="") as handle:
        node_rows = list(csv.DictReader(handle))
    with open(out / "export" / "edges.csv", encoding="utf-8", newline="") as handle:
        edge_rows = list(csv.DictReader(handle))
    assert (len(node_rows), len(edge_rows)) == (nodes, edges)
    assert {r["id"] for r in node_rows} >= {r["source"] for r in edge_rows} | {r["target"] for r in edge_rows}
    hayashi = next(r for r in node_rows if r["id"] == "person/yoshimasa-hayashi")
    assert hayashi["label"] == "Yoshimasa Hayashi" and hayashi["entity_type"] == "Person"
    quoted = next(r for r in edge_rows if r["quote"])
    assert quoted["source_label"] == "Olaf Scholz" and quoted["quote"] == "Kami menolak langkah itu"
    assert quoted["speech_act"] == "say" and quoted["goldstein"] == "0.0" and quoted["role"] == "self"
    assert all(r["sentence"] and r["cue"] and r["article"] for r in edge_rows)


def test_jsonl(built):
    out, (nodes, edges), _ = built
    export(out, "jsonl")
    lines = [json.loads(line) for line in (out / "export" / "graph.jsonl").read_text(encoding="utf-8").splitlines()]
    types = [line["type"] for line in lines]
    assert types == ["node"] * nodes + ["edge"] * edges  # nodes first, then edges
    sanction = next(line for line in lines if line.get("kind") == "sanction")
    assert (sanction["source"], sanction["target"]) == ("country/kanada", "country/belarusia")
    assert sanction["goldstein"] == -8.0 and sanction["cameo"] == "163"


def test_graphml(built, tmp_path):
    out, (nodes, edges), _ = built
    export(out, "graphml", "-o", str(tmp_path / "g.graphml"))
    graph = nx.read_graphml(tmp_path / "g.graphml")
    assert isinstance(graph, nx.MultiDiGraph) and (graph.number_of_nodes(), graph.number_of_edges()) == (nodes,
                                                                                                         edges)
    expected = kg.to_networkx(out)
    assert {k: d for *_, k, d in graph.edges(keys=True, data=True)} == \
        {k: d for *_, k, d in expected.edges(keys=True, data=True)}  # every attribute, with its type
    assert dict(graph.nodes(data=True)) == dict(expected.nodes(data=True))


def test_gexf(built):
    out, (nodes, edges), _ = built
    export(out, "gexf")
    path = out / "export" / "graph.gexf"
    graph = nx.read_gexf(path)
    assert graph.graph["mode"] == "dynamic" and (graph.number_of_nodes(), graph.number_of_edges()) == (nodes, edges)
    expected = kg.to_networkx(out)
    for u, v, key, data in expected.edges(keys=True, data=True):
        read = graph.edges[u, v, key]
        assert read["kind"] == data["kind"] and read.get("start") == data.get("start")
        assert read.get("goldstein") == data.get("goldstein") and read.get("quote") == data.get("quote")
    assert graph.nodes["person/olaf-scholz"]["label"] == "Olaf Scholz"
    check_gexf_structure(path, nodes, edges)


def check_gexf_structure(path: Path, nodes: int, edges: int) -> None:
    """No GEXF 1.3 XSD ships with any installed package, so the schema's rules that Gephi relies on are checked
    here with lxml: namespace and version, a dynamic graph with dates, declared attributes, typed values, edges
    between declared nodes, spells as intervals of valid dates."""
    root = etree.parse(str(path)).getroot()
    assert root.tag == f"{GEXF}gexf" and root.get("version") == "1.3"
    assert root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation").startswith("http://gexf.net/1.3 ")
    (graph,) = root.findall(f"{GEXF}graph")
    assert (graph.get("mode"), graph.get("timeformat"), graph.get("defaultedgetype")) == ("dynamic", "date",
                                                                                          "directed")
    children = [child.tag for child in graph]
    assert children == [f"{GEXF}attributes", f"{GEXF}attributes", f"{GEXF}nodes", f"{GEXF}edges"]
    declared = {}
    for table in graph.findall(f"{GEXF}attributes"):
        assert table.get("class") in ("node", "edge") and table.get("mode") == "static"
        for attribute in table:
            assert attribute.get("type") in ("string", "integer", "double")
            declared[(table.get("class"), attribute.get("id"))] = attribute.get("type")
    node_ids = [node.get("id") for node in graph.find(f"{GEXF}nodes")]
    assert len(node_ids) == len(set(node_ids)) == nodes
    edge_elements = list(graph.find(f"{GEXF}edges"))
    assert len(edge_elements) == edges and len({e.get("id") for e in edge_elements}) == edges
    dated = 0
    for element_class, elements in (("node", graph.find(f"{GEXF}nodes")), ("edge", edge_elements)):
        for element in elements:
            if element_class == "edge":
                assert element.get("source") in node_ids and element.get("target") in node_ids
            if element.get("start"):
                dated += 1
                assert date.fromisoformat(element.get("start")) <= date.fromisoformat(element.get("end"))
            for value in element.iter(f"{GEXF}attvalue"):
                kind = declared[(element_class, value.get("for"))]
                if kind == "integer":
                    int(value.get("value"))
                elif kind == "double":
                    float(value.get("value"))
    assert dated > edges // 2


def test_export_errors(built, tmp_path):
    proc = run_kg("export", str(tmp_path / "missing"), "--format", "csv")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "no such file or folder" in proc.stderr
    (tmp_path / "empty").mkdir()
    proc = run_kg("export", str(tmp_path / "empty"), "--format", "gexf")
    assert proc.returncode == 2 and "no graph.ttl, graph.trig" in proc.stderr and "Traceback" not in proc.stderr
    (tmp_path / "file").write_text("x", encoding="utf-8")
    proc = run_kg("export", str(built[0]), "--format", "graphml", "-o", str(tmp_path / "file" / "g.graphml"))
    assert proc.returncode == 3 and proc.stderr.startswith("kg: error: ") and "Traceback" not in proc.stderr
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "graph.ttl").write_text("<a> <b> .\n", encoding="utf-8")
    proc = run_kg("export", str(bad), "--format", "jsonl")
    assert proc.returncode == 2 and "graph.ttl" in proc.stderr and "Traceback" not in proc.stderr
    assert not (bad / "export").exists()  # nothing written


def test_cameo_table_covers_every_code_kg_emits():
    codes = cameo_codes()
    emitted = {PLANNED_CAMEO, VISIT_CAMEO}
    for name in ("speech_cues.tsv", "meeting_triggers.tsv", "event_triggers.tsv", "sanction_triggers.tsv"):
        emitted |= {row["cameo"] for row in read_table(LANG_DIR / name) if row.get("cameo")}
    assert emitted - codes.keys() == set()
    for code in codes.values():
        root = int(code.code[:2])
        assert code.quad_class == QUAD_CLASSES[(root > 5) + (root > 8) + (root > 13)], code
        assert -10 <= code.goldstein <= 10 and code.name


def test_cameo_table_errors(tmp_path):
    table = tmp_path / "cameo.tsv"
    table.write_text("code\tname\tquad_class\tgoldstein\n010\tsay\tverbal cooperation\tzero\n", encoding="utf-8")
    with pytest.raises(LanguageDataError, match=r"cameo.tsv:2: goldstein 'zero'"):
        cameo_codes(table)
    table.write_text("code\tname\tquad_class\tgoldstein\n010\tsay\tfriendly\t0\n", encoding="utf-8")
    with pytest.raises(LanguageDataError, match=r"cameo.tsv:2: quad_class 'friendly'"):
        cameo_codes(table)
