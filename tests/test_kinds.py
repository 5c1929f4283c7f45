"""Fact kinds as registered units (kg/kinds): the registry, no kind dispatch in the core, and the sanction kind
(extraction on our own sentences, and end to end through `kg build`: graph.ttl, sanctions.rq, graph.html)."""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import corpus_of

from kg import lang as language
from kg.kinds import FactKind, Style, kind, kinds
from kg.lang import LANG_DIR

ROOT = Path(__file__).resolve().parent.parent
CORE = ["kg/resolve.py", "kg/graph.py", "kg/export/rdf.py", "kg/export/html.py", "kg/pipeline.py",
        "kg/extract/__init__.py"]
RECORD_TYPES = {"Statement", "Meeting", "Event"}
KIND_NAMES = {k.name for k in kinds()}
# the cross-kind dating rules (a statement dated by the meeting it was said in, ...) name kinds by nature: they
# live in kg/dating.py, the one module of the date logic; the rest of the core goes through the registry
DATING = "kg/dating.py"


def dispatch_sites(path: Path) -> list[tuple[str, int]]:
    """(function, line) of each isinstance(x, Statement|Meeting|Event) and each `x.kind == "<kind>"`."""
    sites: list[tuple[str, int]] = []

    def visit(node: ast.AST, function: str) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            function = node.name
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "isinstance":
            classes = node.args[1].elts if isinstance(node.args[1], ast.Tuple) else [node.args[1]]
            if RECORD_TYPES & {c.id for c in classes if isinstance(c, ast.Name)}:
                sites.append((function, node.lineno))
        if isinstance(node, ast.Compare) and isinstance(node.left, ast.Attribute) and node.left.attr == "kind" \
                and any(isinstance(c, ast.Constant) and c.value in KIND_NAMES for c in node.comparators):
            sites.append((function, node.lineno))
        for child in ast.iter_child_nodes(node):
            visit(child, function)

    visit(ast.parse(path.read_text(encoding="utf-8")), "")
    return sites


def test_every_kind_is_registered_and_brings_every_part():
    assert [k.name for k in kinds()] == ["statement", "meeting", "event", "sanction"]
    ontology = (ROOT / "ontology" / "kg.ttl").read_text(encoding="utf-8")
    shapes = (ROOT / "ontology" / "shapes.ttl").read_text(encoding="utf-8")
    for fact_kind in kinds():
        assert isinstance(fact_kind, FactKind) and isinstance(fact_kind.style, Style)
        assert fact_kind.record_type.__dataclass_fields__["kind"].default == fact_kind.name
        for part in ("extract", "record", "edges", "triples", "panel"):
            assert getattr(type(fact_kind), part) is not getattr(FactKind, part), (fact_kind.name, part)
        for file_name in fact_kind.data_files:
            assert (LANG_DIR / "id" / file_name).is_file(), (fact_kind.name, file_name)
        # ontology/kg.ttl and shapes.ttl are the assembled files: each kind's class and shape must be in them
        assert re.search(rf"^{fact_kind.ontology_class}\n\s+a owl:Class", ontology, re.M), fact_kind.name
        assert re.search(rf"^{fact_kind.shape}\n\s+a sh:NodeShape", shapes, re.M), fact_kind.name
    assert kind("sanction").data_files == ("sanction_triggers.tsv",)


def test_the_core_loops_over_the_kinds_instead_of_naming_them():
    found = {path: dispatch_sites(ROOT / path) for path in CORE}
    assert found == {path: [] for path in CORE}
    assert dispatch_sites(ROOT / DATING)  # the checker sees the dating rules' dispatch


def sanctions(*texts: str):
    return [r for r in corpus_of(*texts).records() if r.kind == "sanction"]


@pytest.mark.parametrize(("text", "actor", "target", "cameo", "status", "day"), [
    ("Amerika Serikat menjatuhkan sanksi terhadap Rusia pada Selasa (22/2/2022) setelah pasukan bergerak.",
     "country/amerika-serikat", "country/rusia", "163", "imposed", "2022-02-22"),
    ("Uni Eropa mengancam akan menjatuhkan sanksi kepada Belarus pada Rabu (16/2/2022).",
     "organization/uni-eropa", "country/belarusia", "1312", "threatened", "2022-02-16"),
    ("Pemerintah Polandia mengusir diplomat Rusia pada Kamis (24/2/2022), kata juru bicara kementerian.",
     "organization/pemerintah-polandia", "country/rusia", "161", "imposed", "2022-02-24"),
    ("Inggris memberlakukan embargo terhadap Iran.", "country/inggris", "country/iran", "163", "imposed", None),
])
def test_sanctions_are_read_with_actor_target_code_and_date(text, actor, target, cameo, status, day):
    [sanction] = sanctions(text)
    assert (sanction.actor, sanction.target, sanction.cameo, sanction.status) == (actor, target, cameo, status)
    assert (sanction.date.value if sanction.date else None) == day
    assert sanction.evidence.sentence == text and sanction.cue in text


def test_no_sanction_without_a_target_or_in_a_quotation():
    assert sanctions("Amerika Serikat menjatuhkan sanksi pada Selasa (22/2/2022).") == []
    assert sanctions("Presiden Joko Widodo mengatakan, “Amerika Serikat menjatuhkan sanksi terhadap Rusia.”") == []


def test_a_language_without_the_sanction_file_has_no_sanctions(monkeypatch):
    from kg.kinds import sanction
    sanction.triggers.cache_clear()
    monkeypatch.setattr(sanction, "DATA_FILE", "no-such-file.tsv")
    try:
        assert sanction.triggers(language.load("id").folder) == ({}, frozenset())
    finally:
        sanction.triggers.cache_clear()
    assert language.load("id") is not None


def test_a_sanction_goes_through_kg_build_into_the_graph_the_query_and_the_page(tmp_path):
    news, out = tmp_path / "news", tmp_path / "out"
    news.mkdir()
    sentence = "Amerika Serikat menjatuhkan sanksi terhadap Rusia pada Selasa (22/2/2022)."
    (news / "s1.txt").write_text(f"{sentence} Menteri Luar Negeri Antony Blinken mengatakan bahwa sanksi itu "
                                 "akan diperluas.", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "kg", "build", str(news), "-o", str(out), "--no-cache", "-q"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    store = ox.Store()
    store.load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    query = (ROOT / "ontology" / "queries" / "sanctions.rq").read_text(encoding="utf-8")
    rows = [{name: row[name].value if row[name] is not None else None for name in
             ("actor", "target", "measure", "status", "cameo", "date", "sentence")} for row in store.query(query)]
    assert len(rows) == 1
    assert rows[0]["actor"].endswith("country/amerika-serikat") and rows[0]["target"].endswith("country/rusia")
    assert (rows[0]["measure"], rows[0]["status"], rows[0]["cameo"], rows[0]["date"]) == \
        ("sanctions", "imposed", "163", "2022-02-22")
    assert rows[0]["sentence"] == sentence
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert '"name": "sanction"' in page or '"name":"sanction"' in page  # in the legend
    assert re.search(r'"kind": ?"sanction"', page) and re.search(r'"measure": ?"sanctions"', page)
