import re
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.pipeline import SAMPLE_DIR, build, run_pipeline
from kg.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
KGO = "https://w3id.org/kg-news/ontology#"
CONTRACT = {
    "entities.rq": ["entity", "type", "label", "doc"],
    "statements.rq": ["statement", "doc", "speaker", "date", "addressee", "evidence"],
    "meetings.rq": ["meeting", "doc", "participant", "date", "place", "status", "mode"],
}


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory):
    """The sample built with --trig (graph.ttl, graph.trig, graph.html), and its corpus in memory (kg.process)."""
    out = tmp_path_factory.mktemp("sample")
    built = build([SAMPLE_DIR], out, progress=False, trig=True)
    memory = run_pipeline([SAMPLE_DIR], Settings(progress=False))
    assert (built.nodes, built.edges) == (memory.graph.number_of_nodes(), memory.graph.number_of_edges())
    return out, memory


def test_outputs_written(sample_build):
    out, result = sample_build
    assert {p.name for p in out.iterdir() if not p.name.startswith(".")} == {"graph.ttl", "graph.trig", "graph.html"}
    assert result.report.read >= 6 and result.graph.number_of_nodes() > 20


@pytest.mark.parametrize("html", [True, False])
def test_a_default_build_writes_no_trig_and_the_same_turtle(sample_build, tmp_path, html):
    out, _ = sample_build
    result = build([SAMPLE_DIR], tmp_path, progress=False, html=html)
    written = {p.name for p in tmp_path.iterdir() if not p.name.startswith(".")}
    assert written == ({"graph.ttl", "graph.html"} if html else {"graph.ttl"})
    assert [p.name for p in result.outputs] == sorted(written, reverse=True)
    assert (tmp_path / "graph.ttl").read_bytes() == (out / "graph.ttl").read_bytes()
    if html:
        assert (tmp_path / "graph.html").read_bytes() == (out / "graph.html").read_bytes()


def test_trig_is_the_turtle_with_each_article_block_in_its_named_graph(sample_build):
    """graph.trig keeps the format it had when it was always written: graph.ttl byte for byte, each article's
    block wrapped in its named graph, the entities after them in the default graph."""
    out, result = sample_build
    trig = (out / "graph.trig").read_text(encoding="utf-8")
    opened = re.findall(r"\n<graph/([^>]+)> \{\n", trig)
    assert opened == sorted(result.corpus.documents)
    unwrapped = re.sub(r"\n<graph/[^>]+> \{\n", "\n", trig).replace("}\n", "")
    assert "}" not in (out / "graph.ttl").read_text(encoding="utf-8")  # so removing every "}" line is exact
    assert unwrapped == (out / "graph.ttl").read_text(encoding="utf-8")


def test_trig_has_one_named_graph_per_article_and_entities_in_default(sample_build):
    out, result = sample_build
    dataset = Dataset()
    dataset.parse(out / "graph.trig", format="trig")
    names = {str(g.identifier) for g in dataset.graphs() if str(g.identifier).startswith("https://example.org/kg/graph/")}
    assert names == {f"https://example.org/kg/graph/{d}" for d in result.corpus.documents}
    default = dataset.default_graph if hasattr(dataset, "default_graph") else dataset.default_context
    assert (None, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(KGO + "Person")) in default
    assert not list(default.triples((None, URIRef(KGO + "speaker"), None)))


def test_turtle_holds_everything_with_typed_dates_and_offsets(sample_build):
    out, result = sample_build
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    dates = list(graph.objects(None, URIRef(KGO + "date")))
    assert dates and all(d.datatype in (XSD.date, XSD.gYearMonth, XSD.gYear) for d in dates)
    documents = result.corpus.documents
    for statement in result.corpus.statements:
        doc = documents[statement.evidence.doc_id]
        ev = statement.evidence
        assert doc.raw_text[ev.start:ev.end] == ev.sentence  # provenance points into the article as read
    node = URIRef(f"https://example.org/kg/{result.corpus.statements[0].id}")
    assert (node, URIRef(KGO + "charStart"), None) in graph
    assert isinstance(graph.value(node, URIRef(KGO + "sentence")), Literal)


def test_iris_are_stable_and_base_is_configurable(tmp_path, sample_build):
    out, _ = sample_build
    build([SAMPLE_DIR], tmp_path / "again", progress=False)
    first = Graph().parse(out / "graph.ttl")
    second = Graph().parse(tmp_path / "again" / "graph.ttl")
    assert set(first.subjects()) == set(second.subjects())
    build([SAMPLE_DIR], tmp_path / "based", base_iri="http://news.example/x/", progress=False, html=False)
    based = {str(s) for s in Graph().parse(tmp_path / "based" / "graph.ttl").subjects()}
    assert any(s.startswith("http://news.example/x/entity/") for s in based)
    assert not any("example.org" in s for s in based)


def test_shacl_shapes_validate_the_build(sample_build):
    pyshacl = pytest.importorskip("pyshacl")
    out, _ = sample_build
    data = Graph().parse(out / "graph.ttl")
    conforms, _, report = pyshacl.validate(data, shacl_graph=str(ROOT / "ontology" / "shapes.ttl"),
                                           ont_graph=str(ROOT / "ontology" / "kg.ttl"), inference="rdfs")
    assert conforms, report


def test_publication_months_and_date_conflicts_are_typed_and_pass_the_shapes(tmp_path):
    pyshacl = pytest.importorskip("pyshacl")
    (tmp_path / "a.txt").write_text("Menlu Retno Marsudi bertemu Menlu Wang Yi di Beijing pada 9 Maret. Retno "
                                    "mengatakan pada Senin (14/3/2023) bahwa kerja sama kedua negara terus tumbuh.",
                                    encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,published\na.txt,2023-03\n", encoding="utf-8")
    build([tmp_path / "a.txt"], tmp_path / "out", progress=False, html=False)
    data = Graph().parse(tmp_path / "out" / "graph.ttl")
    document = URIRef("https://example.org/kg/doc/a")
    assert data.value(document, URIRef("https://schema.org/datePublished")).datatype == XSD.gYearMonth
    assert "2023-03-14 is no Senin" in str(data.value(document, URIRef(KGO + "dateConflict")))
    conforms, _, report = pyshacl.validate(data, shacl_graph=str(ROOT / "ontology" / "shapes.ttl"),
                                           ont_graph=str(ROOT / "ontology" / "kg.ttl"), inference="rdfs")
    assert conforms, report


def test_shacl_shapes_reject_a_broken_statement(sample_build):
    pyshacl = pytest.importorskip("pyshacl")
    out, result = sample_build
    data = Graph().parse(out / "graph.ttl")
    node = URIRef(f"https://example.org/kg/{result.corpus.statements[0].id}")
    data.add((node, URIRef(KGO + "date"), Literal("kemarin")))  # a date must be typed
    data.add((node, URIRef(KGO + "speaker"), URIRef("https://example.org/kg/entity/person/nobody")))
    conforms, _, _ = pyshacl.validate(data, shacl_graph=str(ROOT / "ontology" / "shapes.ttl"),
                                      ont_graph=str(ROOT / "ontology" / "kg.ttl"), inference="rdfs")
    assert not conforms


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_contract_queries_return_the_documented_columns(sample_build, name):
    out, _ = sample_build
    dataset = Dataset(default_union=True)
    dataset.parse(out / "graph.trig", format="trig")
    result = dataset.query((ROOT / "ontology" / "queries" / name).read_text(encoding="utf-8"))
    assert [str(v) for v in result.vars] == CONTRACT[name]
    assert len(result) > 0


def test_statement_evidence_is_the_sentence_each_statement_was_read_from(sample_build):
    """The scorer counts statements one by one through ?evidence: one row per statement, its own sentence."""
    out, result = sample_build
    dataset = Dataset(default_union=True)
    dataset.parse(out / "graph.trig", format="trig")
    rows = list(dataset.query((ROOT / "ontology" / "queries" / "statements.rq").read_text(encoding="utf-8")))
    sentences = {str(row.statement).rsplit("/kg/", 1)[1]: str(row.evidence) for row in rows}
    assert len(sentences) == len(result.corpus.statements)
    for statement in result.corpus.statements:
        assert sentences[statement.id] == statement.evidence.sentence


def test_extra_queries_run(sample_build):
    out, _ = sample_build
    graph = Graph().parse(out / "graph.ttl")
    for path in sorted((ROOT / "ontology" / "queries").glob("*.rq")):
        graph.query(path.read_text(encoding="utf-8"))  # parses and runs


def test_html_works_offline_and_escapes_article_text(tmp_path):
    article = tmp_path / "xss.txt"
    article.write_text('Menlu Retno Marsudi bertemu Menlu Wang Yi di Bali pada Senin. '
                       '"<script>alert(1)</script> <b>tebal</b>," kata Retno.', encoding="utf-8")
    build([article], tmp_path / "out", progress=False)
    html = (tmp_path / "out" / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?://", html)
    assert "<script>alert(1)</script>" not in html
    assert "vis.Network" in html and "\\u003cscript\\u003ealert(1)" in html


def test_literals_with_quotes_breaks_and_control_characters_round_trip():
    import pyoxigraph as ox

    from kg.export.rdf import body, document_triples, prefix_header, text
    from kg.iris import Iris
    from kg.model import Document

    title = 'Kata "damai" \\ jalan\nbaru\r\tdi\x00Kyiv\x7f \udc80 ✓'
    document = Document(id="judul aneh/1", source="a b.txt", raw_text="", title=title)
    iris = Iris("https://example.org/kg/")
    data = prefix_header(iris) + body(list(document_triples(document, iris)))
    expected = [title.replace("\udc80", "\ufffd")]  # a lone surrogate has no UTF-8 form
    parsed = ox.parse(data, format=ox.RdfFormat.TURTLE)
    assert [t.object.value for t in parsed if t.predicate.value.endswith("headline")] == expected
    graph = Graph().parse(data=data, format="turtle")
    assert [str(o) for _, p, o in graph if str(p).endswith("headline")] == expected
    assert text("a\x00b") == '"a\\u0000b"'


def test_iris_are_relative_to_the_declared_base_unless_they_could_resolve_elsewhere():
    import pyoxigraph as ox

    from kg.export.rdf import prefix_header
    from kg.iris import Iris

    paths = ["entity/person/joko-widodo", "doc/a.b", "../x", "doc/../x", "/x", "./x", "judul aneh/1", "a/.b"]
    for base in ("https://example.org/kg/", "https://example.org/kg#"):
        iris = Iris(base)
        data = prefix_header(iris) + "".join(f"{iris(p)} <urn:p> {n} .\n" for n, p in enumerate(paths)).encode()
        parsed = sorted(ox.parse(data, format=ox.RdfFormat.TURTLE), key=lambda t: int(t.object.value))
        assert [t.subject.value for t in parsed] == [iris.base + p.replace(" ", "%20") for p in paths]
        assert (iris(paths[0]) == f"<{paths[0]}>") == base.endswith("/")
        assert iris("../x") == f"<{iris.base}../x>"
