"""kg report: the HTML page and the Markdown of a build of the sample, their numbers checked against SPARQL counts of
the same build, their figures inline (HTML) or beside (Markdown), their links to graph.html entries that exist."""
from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from kg.pipeline import SAMPLE_DIR, build
from kg.report import NO_OUTLET, Corpus, Report, day_of, draw, render_markdown
from kg.sparql import bundled_queries, open_store, run

SECTIONS = ["Overview", "Articles per outlet", "Articles per day", "Most active speakers", "Who met whom",
            "Busiest days", "Entities that appear or vanish"]
PNG = b"\x89PNG\r\n\x1a\n"


def run_kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=120)


class Page(HTMLParser):
    """The parts of report.html the tests read: each section's tables (rows of cell texts, and the links of each
    row), every image's src, every URL any attribute holds."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: dict[str, list[list[list[str]]]] = {}
        self.links: dict[str, list[list[list[str]]]] = {}
        self.images: list[str] = []
        self.urls: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.tags: set[str] = set()
        self.section = self.text = None
        self.row: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        attributes = dict(attrs)
        for name, value in attrs:
            if name in ("src", "href", "srcset", "data", "action", "poster"):
                self.urls.append((tag, name, value or ""))
        if tag == "h2":
            self.text = ""
        elif tag == "table":
            self.sections[self.section].append([])
            self.links[self.section].append([])
        elif tag == "tr":
            self.row, self.row_links = [], []
        elif tag in ("td", "th"):
            self.text = ""
        elif tag == "img":
            self.images.append(attributes["src"])
        elif tag == "a" and self.row is not None:
            self.row_links.append(attributes["href"])

    def handle_data(self, data):
        if self.text is not None:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "h2":
            self.section = self.text.strip()
            self.sections[self.section], self.links[self.section] = [], []
            self.text = None
        elif tag in ("td", "th"):
            self.row.append(self.text.strip())
            self.text = None
        elif tag == "tr":
            self.sections[self.section][-1].append(self.row)
            self.links[self.section][-1].append(self.row_links)
            self.row = None


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[Path, Page, str]:
    """The sample built once, its report written by the command: the build folder, the parsed page, the Markdown."""
    out = tmp_path_factory.mktemp("report") / "out"
    build([SAMPLE_DIR], out, progress=False)
    proc = run_kg("report", str(out))
    assert proc.returncode == 0, proc.stderr
    page = Page()
    page.feed((out / "report.html").read_text(encoding="utf-8"))
    return out, page, (out / "report.md").read_text(encoding="utf-8")


def table(page: Page, section: str, n: int = 0) -> list[dict[str, str]]:
    """A table of the page as dicts, by its header row."""
    header, *rows = page.sections[section][n]
    return [dict(zip(header, row, strict=True)) for row in rows]


def count(out: Path, sparql: str) -> dict[str, int]:
    """A SPARQL query's (?key ?n) rows of the build as a dict."""
    return {row["key"]: int(row["n"]) for row in run(open_store(out), sparql).records()}


def test_every_section_is_in_the_page_and_the_markdown(report):
    _, page, markdown = report
    assert list(page.sections) == SECTIONS
    assert re.findall(r"^## (.+)$", markdown, re.MULTILINE) == SECTIONS


def test_articles_per_outlet_and_per_day_match_the_build(report):
    out, page, _ = report
    per_outlet = count(out, "SELECT ?key (COUNT(?doc) AS ?n) WHERE { ?doc a kgo:Document ; kgo:outlet ?key } "
                            "GROUP BY ?key")
    articles = count(out, "SELECT ('all' AS ?key) (COUNT(?doc) AS ?n) WHERE { ?doc a kgo:Document }")["all"]
    rows = table(page, "Articles per outlet")
    assert {row["outlet"]: int(row["articles"]) for row in rows} == per_outlet
    assert sum(int(row["articles"]) for row in rows) == articles == 6
    per_day = count(out, "SELECT ?key (COUNT(?doc) AS ?n) WHERE { ?doc a kgo:Document ; schema:datePublished ?p } "
                         "GROUP BY (SUBSTR(STR(?p), 1, 10) AS ?key)")
    assert {row["day"]: int(row["articles"]) for row in table(page, "Articles per day")} == per_day
    assert sum(per_day.values()) == articles


def test_speakers_count_their_statements_by_speech_act(report):
    out, page, _ = report
    by_speaker = count(out, "SELECT ?key (COUNT(?s) AS ?n) WHERE { ?s a kgo:Statement ; kgo:speaker ?e . "
                            "?e rdfs:label ?key } GROUP BY ?key")
    by_act = count(out, "SELECT (CONCAT(?label, '|', ?act) AS ?key) (COUNT(?s) AS ?n) WHERE { ?s a kgo:Statement ; "
                        "kgo:speaker ?e ; kgo:speechAct ?act . ?e rdfs:label ?label } GROUP BY ?label ?act")
    rows = table(page, "Most active speakers")
    assert len(rows) == 10
    statements = [int(row["statements"]) for row in rows]
    assert statements == sorted(statements, reverse=True) and statements[0] == max(by_speaker.values())
    for row in rows:
        assert int(row["statements"]) == by_speaker[row["speaker"]]
        acts = {act: int(n) for act, n in row.items() if act not in ("speaker", "statements")}
        assert sum(acts.values()) == by_speaker[row["speaker"]]
        assert {a: n for a, n in acts.items() if n} == {key.split("|")[1]: n for key, n in by_act.items()
                                                        if key.split("|")[0] == row["speaker"]}


def test_who_met_whom_counts_the_meetings_of_each_pair(report):
    out, page, _ = report
    pairs = {(row["a"], row["b"]): int(row["meetings"])
             for row in run(open_store(out), bundled_queries()["who_met_whom"].read_text()).records()}
    rows = table(page, "Who met whom")
    actors = [row["actor"] for row in rows]
    assert len(actors) == 10
    checked = 0
    for row in rows:
        for other in actors:
            if other == row["actor"]:
                assert row[other] == "·"
                continue
            assert int(row[other]) == pairs.get(tuple(sorted((row["actor"], other))), 0)
            checked += int(row[other])
    assert checked > 0  # the sample's top actors met each other
    attended = count(out, "SELECT ?key (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a kgo:Meeting ; kgo:participant ?e . "
                          "?e rdfs:label ?key } GROUP BY ?key")
    assert all(int(row["meetings"]) == attended[row["actor"]] for row in rows)


def test_busiest_days_count_the_facts_dated_to_them(report):
    out, page, _ = report
    per_day = count(out, "SELECT (STR(?d) AS ?key) (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f kgo:cue ?c ; kgo:date ?d "
                         "FILTER(DATATYPE(?d) = xsd:date) } GROUP BY ?d")
    rows = table(page, "Busiest days")
    assert [int(row["facts"]) for row in rows] == sorted(per_day.values(), reverse=True)[:10]
    for row in rows:
        assert int(row["facts"]) == per_day[row["day"]]
        assert int(row["facts"]) == sum(int(row[c]) for c in ("statements", "meetings", "other events"))


def test_entities_that_appear_or_vanish_by_publication_date(report):
    out, page, _ = report
    seen = {row["key"]: (row["first"][:10], row["last"][:10]) for row in run(open_store(out), """
        SELECT ?key (MIN(STR(?p)) AS ?first) (MAX(STR(?p)) AS ?last) WHERE {
          ?e kgo:mentionedIn ?doc ; rdfs:label ?key . ?doc schema:datePublished ?p } GROUP BY ?key""").records()}
    # the sample runs from 2022-01-22 to 2022-11-14: its last quarter starts 219 days in
    cutoff = "2022-09-01"
    appearing, vanishing = table(page, "Entities that appear or vanish", 0), table(page, "Entities that appear or "
                                                                                         "vanish", 1)
    assert appearing and vanishing
    for row in appearing + vanishing:
        assert (row["first seen"], row["last seen"]) == seen[row["entity"]]
    assert {row["entity"] for row in appearing} == {e for e, (first, _) in seen.items() if first >= cutoff}
    assert all(row["last seen"] < cutoff for row in vanishing)
    assert "Xi Jinping" in {row["entity"] for row in appearing}


def test_figures_are_inline_png_and_nothing_is_loaded_from_the_web(report):
    out, page, markdown = report
    assert len(page.images) == 5
    for src in page.images:
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1]).startswith(PNG)
    assert not {"script", "link", "iframe", "object"} & page.tags
    assert not [url for _, _, url in page.urls if re.match(r"\s*(https?:)?//", url)]
    html = (out / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"url\(|@import", html)
    # the Markdown's figures are the same PNGs, beside it
    paths = re.findall(r"!\[[^]]*\]\(([^)]+)\)", markdown)
    assert len(paths) == 5
    assert [(out / p).read_bytes() for p in paths] == [base64.b64decode(s.split(",", 1)[1]) for s in page.images]


def graph_node_ids(out: Path) -> set[str]:
    data = re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", (out / "graph.html").read_text(encoding="utf-8"))
    return {node["id"] for node in json.loads(data.group(1))}


def test_entities_link_to_graph_html_entries_that_exist(report):
    out, page, markdown = report
    ids = graph_node_ids(out)
    hrefs = [href for tables in page.links.values() for rows in tables for row in rows for href in row]
    markdown_hrefs = re.findall(r"\]\(<([^>]+)>\)", markdown)
    assert len(hrefs) > 50 and sorted(hrefs) == sorted(markdown_hrefs)
    for href in hrefs:
        page_name, _, fragment = href.partition("#select=")
        assert page_name == "graph.html" and "/" not in fragment  # the id is percent-encoded
        assert unquote(fragment) in ids
    speaker = table(page, "Most active speakers")[0]["speaker"]
    assert f"[{speaker}](<graph.html#select=" in markdown


def test_a_report_elsewhere_links_back_to_the_build(report, tmp_path):
    out, _, _ = report
    proc = run_kg("report", str(out), "-o", str(tmp_path / "elsewhere"), "--top", "3")
    assert proc.returncode == 0, proc.stderr
    page = Page()
    page.feed((tmp_path / "elsewhere" / "report.html").read_text(encoding="utf-8"))
    assert len(table(page, "Most active speakers")) == 3
    href = page.links["Most active speakers"][0][1][0]
    assert (tmp_path / "elsewhere" / href.split("#")[0]).resolve() == (out / "graph.html").resolve()


def test_a_build_with_graph_ttl_only_gives_the_same_numbers(report, tmp_path):
    out, page, markdown = report
    shutil.copy(out / "graph.ttl", tmp_path / "graph.ttl")
    proc = run_kg("report", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    alone = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "no graph.html" in alone  # nothing to link to: plain names
    unlinked = re.sub(r"\[([^]]*)\]\(<[^>]+>\)", r"\1", markdown)
    assert alone.replace("*The build has no graph.html: entities are not linked.*\n\n", "") == unlinked


def test_the_same_build_gives_the_same_bytes(report):
    out, _, _ = report
    names = ("report.html", "report.md", "report-files/speakers.png")
    before = {name: (out / name).read_bytes() for name in names}
    assert run_kg("report", str(out)).returncode == 0  # written again: the same page (no date, no version)
    assert {name: (out / name).read_bytes() for name in names} == before


def test_unreadable_build_is_a_one_line_error(tmp_path):
    proc = run_kg("report", str(tmp_path / "missing"))
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "missing" in proc.stderr
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "graph.ttl").write_text("this is <not turtle\n", encoding="utf-8")
    proc = run_kg("report", str(tmp_path / "broken"))
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "graph.ttl" in proc.stderr
    assert not (tmp_path / "broken" / "report.html").exists()


def test_unwritable_output_is_exit_3_and_leaves_no_report(report, tmp_path):
    out, _, _ = report
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    proc = run_kg("report", str(out), "-o", str(tmp_path / "a-file" / "report"))
    assert proc.returncode == 3, proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr and "a-file" in proc.stderr


def small_corpus(published: dict[str, str | None], outlets: dict[str, str]) -> Corpus:
    """A corpus of documents only (no build): each document names one entity of its own."""
    days = {doc: d for doc, value in published.items() if (d := day_of(value)) is not None}
    return Corpus(outlets={doc: outlets.get(doc, NO_OUTLET) for doc in published}, published=days,
                  labels={f"person/p-{doc}": f"P {doc}" for doc in published},
                  types={f"person/p-{doc}": "Person" for doc in published}, statements=[], meetings={},
                  facts_by_day={}, actors_by_day={}, mentioned={f"person/p-{doc}": {doc} for doc in published})


def test_articles_without_a_day_or_an_outlet_are_counted_apart():
    corpus = small_corpus({"a": "2022-05-01T08:00:00", "b": "2022-05", "c": None}, {"a": "North | South"})
    report = Report(corpus)
    sections = {section.title: section for section in report.sections}
    assert sections["Articles per day"].tables[0].rows == [["2022-05-01", 1]]
    assert "2 without a publication day" in sections["Articles per day"].text
    assert sorted(sections["Articles per outlet"].tables[0].rows) == [["(no outlet)", 2], ["North | South", 1]]
    assert "North \\| South" in render_markdown(report, {}, None)  # a pipe does not split the table's cell
    # one publication day: nothing can appear or vanish, and nothing is drawn for the empty sections
    assert "less than two days" in sections["Entities that appear or vanish"].text
    assert set(draw(report)) == {"articles-per-day", "articles-per-outlet"}


def test_the_last_quarter_decides_what_appears_and_what_vanishes():
    # 100 days: the last quarter starts on day 75
    corpus = small_corpus({"a": "2022-01-01", "b": "2022-03-16", "c": "2022-03-17", "d": "2022-04-11"}, {})
    corpus.mentioned["person/p-a"].add("d")  # named on the first and the last day: neither
    section = Report(corpus).sections[-1]
    appearing, vanishing = ([row[0].label for row in t.rows] for t in section.tables)
    assert appearing == ["P c", "P d"] and vanishing == ["P b"]
