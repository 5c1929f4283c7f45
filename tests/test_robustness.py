"""Hostile and random input: the build never crashes, warns and skips what it cannot use, and its RDF always
parses and passes the SHACL shapes. Time and memory are bounded by a subprocess timeout and an address-space
limit (safety nets, not timings: speed lives in scripts/benchmark.py)."""
import json
import random
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph

from kg.model import Document
from kg.pipeline import build, process
from kg.read import read_inputs

ROOT = Path(__file__).resolve().parent.parent
MEMORY_LIMIT = 3 * 1024**3


def hostile_corpus(folder: Path) -> None:
    rng = random.Random(7)
    folder.mkdir()
    (folder / "huge.txt").write_text("Presiden Joko Widodo tiba di Kyiv pada Senin. " * 60000, encoding="utf-8")
    words = ["Presiden", "Rusia", "kata", "Blinken", "“Kami", "siap,”", "di", "Jenewa", "pada", "Senin.", "/"]
    (folder / "one_line.txt").write_text(" ".join(rng.choice(words) for _ in range(150000)), encoding="utf-8")
    (folder / "nested.html").write_text("<html><body>" + "<div>" * 20000 + "<p>Presiden Joko Widodo tiba.</p>"
                                        + "</div>" * 20000 + "</body></html>", encoding="utf-8")
    (folder / "punctuation.txt").write_text("!?.,;:-–—“”\"'()[]…" * 2000, encoding="utf-8")
    (folder / "scripts.txt").write_text("Presiden Joko Widodo 会见 Владимир Путин في موسكو 🇮🇩 pada Senin (30/6/2022). "
                                        "«Привет», kata Jokowi.\n" * 50, encoding="utf-8")
    (folder / "nul.txt").write_bytes(b"Presiden\x00Joko\x00Widodo" * 100)
    (folder / "quotes.txt").write_text('Presiden Joko Widodo mengatakan ' + '"' * 10000 + ' kata Jokowi.',
                                       encoding="utf-8")
    (folder / "curly.txt").write_text("“" * 5000 + "Kami siap" + "”" * 5000 + ", kata Presiden Joko Widodo.",
                                      encoding="utf-8")
    (folder / "parens.txt").write_text("(" * 5000 + "Presiden Joko Widodo" + ")" * 5000, encoding="utf-8")
    (folder / "good.txt").write_text("Presiden Joko Widodo bertemu Presiden Vladimir Putin di Moskow pada Kamis "
                                     "(30/6/2022).", encoding="utf-8")


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def test_hostile_corpus_builds_with_warnings(tmp_path):
    hostile_corpus(tmp_path / "in")
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(tmp_path / "in"), "-o", str(tmp_path / "out"),
                           "-j", "1", "--trig"], capture_output=True, text=True, timeout=300, preexec_fn=limit_memory)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    assert "huge.txt: 2,760,000 characters, longer than any news article" in proc.stderr
    assert "nul.txt: binary file" in proc.stderr
    dataset = Dataset()
    dataset.parse(tmp_path / "out" / "graph.trig", format="trig")
    assert any("good" in str(g.identifier) for g in dataset.graphs())


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
WORDS = st.lists(st.sampled_from(["Presiden", "Joko", "Widodo", "kata", "mengatakan", "“", "”", '"', "bertemu",
                                  "dengan", "di", "Jenewa", "pada", "Senin", "(22/2/2022)", "Menlu", "AS", ",", ".",
                                  "Baca", "Juga:", "\n", "Editor:", "kemarin", "sehari", "setelah", "Ia", "-nya",
                                  "KTT", "G20", "menolak", "sanksi", "Rusia", "(", ")", "/", "pembicaraan"]),
                 max_size=120).map(" ".join)


def case_twins(word: str) -> list[str]:
    """The word as written, in capitals, and with letters that case-insensitive patterns take for i, s and k."""
    upper = word.upper()
    return [word, upper, word.replace("i", "ı"), upper.replace("I", "İ"), word.replace("s", "ſ"),
            upper.replace("K", "\u212a")]


def _date_words() -> list[str]:
    from kg.lang import load

    lang = load("id")
    return sorted({twin for word in (*lang.months, *lang.weekdays, *lang.relative_dates, *lang.anchored_dates)
                   for twin in case_twins(word)})


DATE_WORDS = st.lists(st.sampled_from(_date_words() + ["pada", "5", "(7/2/2022)", "2022", "\n", "Joko Widodo",
                                                       "mengatakan", "."]), max_size=40).map(" ".join)


def check_rdf(result) -> None:
    from kg.export.rdf import serialize

    trig, turtle = serialize(result.graph)
    Dataset().parse(data=trig, format="trig")
    Graph().parse(data=turtle, format="turtle")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(TEXT, WORDS, DATE_WORDS), min_size=1, max_size=3),
       st.one_of(st.none(), st.dates().map(str)))
def test_random_text_never_crashes(texts, published):
    documents = [Document(id=f"d{i}", source=f"d{i}.txt", raw_text=t, published=published)
                 for i, t in enumerate(texts)]
    check_rdf(process(documents))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.one_of(st.dictionaries(st.sampled_from(["id", "text", "title", "published", "url", "x"]),
                                                st.one_of(TEXT, WORDS, st.integers(), st.none())).map(json.dumps),
                                TEXT), min_size=1, max_size=4),
       csv=st.lists(st.tuples(st.sampled_from(["a.jsonl", "b.txt", "zz"]), TEXT), max_size=3))
def test_random_jsonl_and_metadata_never_crash(tmp_path_factory, lines, csv):
    folder = tmp_path_factory.mktemp("j")
    (folder / "a.jsonl").write_text("\n".join(lines), encoding="utf-8")
    (folder / "b.txt").write_text("Presiden Joko Widodo tiba di Kyiv.", encoding="utf-8")
    rows = "".join(f"{name},{value.replace(',', ' ').replace(chr(10), ' ')}\n" for name, value in csv)
    (folder / "metadata.csv").write_text("file,published\n" + rows, encoding="utf-8")
    documents, report = read_inputs([folder])
    check_rdf(process(documents, report))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(body=st.lists(st.one_of(WORDS, TEXT, st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<script>", "<b>",
                                                            "<!--", "-->", "<![CDATA[", "&amp;", "&#0;"])),
                     max_size=40).map("".join))
def test_random_html_never_crashes(tmp_path_factory, body):
    folder = tmp_path_factory.mktemp("h")
    (folder / "page.html").write_text(f"<html><head><title>t</title></head><body>{body}</body></html>",
                                      encoding="utf-8")
    (folder / "ok.txt").write_text("Menlu Retno Marsudi tiba di Bali.", encoding="utf-8")
    documents, report = read_inputs([folder])
    check_rdf(process(documents, report))


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(texts=st.lists(WORDS, min_size=1, max_size=3))
def test_random_builds_pass_the_shacl_shapes(tmp_path_factory, texts):
    pyshacl = pytest.importorskip("pyshacl")
    folder = tmp_path_factory.mktemp("s")
    for n, text in enumerate(texts):
        (folder / f"{n}.txt").write_text(text + " Menlu Retno Marsudi bertemu Menlu Wang Yi di Bali pada Senin.",
                                         encoding="utf-8")
    (folder / "metadata.csv").write_text("file,published\n0.txt,2022-02-15\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("o")
    build([folder], out, progress=False, html=False, cache=False)
    conforms, _, report = pyshacl.validate(Graph().parse(out / "graph.ttl"),
                                           shacl_graph=str(ROOT / "ontology" / "shapes.ttl"),
                                           ont_graph=str(ROOT / "ontology" / "kg.ttl"), inference="rdfs")
    assert conforms, report
