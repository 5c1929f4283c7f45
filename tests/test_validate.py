"""kg validate: SHACL validation of a build folder through pyshacl (exit 0 conforms, 1 violations, 2 user error)."""
import pytest
from rdflib import RDF, URIRef

import kg
from kg.cli import main
from kg.pipeline import SAMPLE_DIR, build
from kg.validate import Report, Violation, format_report

KGO = "https://w3id.org/kg-news/ontology#"


@pytest.fixture(scope="module")
def small_out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("in")
    (folder / "a.txt").write_text("Menlu Retno Marsudi bertemu Menlu Wang Yi di Bali pada Senin. Retno mengatakan "
                                  "bahwa kerja sama kedua negara terus tumbuh.", encoding="utf-8")
    (folder / "metadata.csv").write_text("file,published\na.txt,2022-02-15\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    build([folder], out, progress=False, html=False, cache=False)
    return out


@pytest.mark.parametrize("trig", [False, True])
def test_a_fresh_sample_build_conforms(tmp_path, capsys, trig):
    build([SAMPLE_DIR], tmp_path, progress=False, html=False, trig=trig)
    assert (tmp_path / "graph.trig").exists() == trig  # graph.ttl alone, or graph.trig read first
    assert main(["validate", str(tmp_path)]) == 0
    assert capsys.readouterr().out.startswith(f"{tmp_path}: conforms (")


def test_a_statement_without_speaker_is_a_violation(small_out, tmp_path, capsys):
    dataset = kg.to_rdflib(small_out)
    statement = next(iter(dataset.subjects(RDF.type, URIRef(KGO + "Statement"))))
    dataset.remove((statement, URIRef(KGO + "speaker"), None))
    (tmp_path / "tampered").mkdir()
    dataset.serialize(tmp_path / "tampered" / "graph.trig", format="trig")
    assert main(["validate", str(tmp_path / "tampered")]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{tmp_path / 'tampered'}: does not conform: 1 violation (")
    assert lines[1:] == [f"<{statement}>  kgo:speaker  A statement needs exactly one kgo:speaker, a kgo:Entity."]


def test_an_untyped_record_is_checked_by_the_domains_of_its_properties(small_out, tmp_path, capsys):
    dataset = kg.to_rdflib(small_out)
    speaker = next(iter(dataset.objects(None, URIRef(KGO + "speaker"))))
    dataset.add((URIRef("https://example.org/kg/loose"), URIRef(KGO + "speaker"), speaker))
    dataset.serialize(tmp_path / "graph.trig", format="trig")
    assert main(["validate", str(tmp_path)]) == 1  # RDFS inference types it as a kgo:Statement
    assert "<https://example.org/kg/loose>  kgo:cue  " in capsys.readouterr().out
    assert main(["validate", str(tmp_path), "--inference", "none"]) == 0


@pytest.mark.parametrize("make, args, message", [
    (lambda d: None, ["{d}/missing"], "kg: error: {d}/missing: no such file or folder"),
    (lambda d: None, ["{d}"], "kg: error: {d}: no graph.trig or graph.ttl in this folder"),
    (lambda d: (d / "graph.trig").write_text("<g> { <a> <b> ", encoding="utf-8"), ["{d}"],
     "kg: error: {d}/graph.trig: line 1: cannot read TriG (objectList expected)"),
    (lambda d: None, ["OUT", "--shapes", "{d}/none.ttl"], "kg: error: {d}/none.ttl: no such shapes file"),
    (lambda d: (d / "kg.ttl").write_bytes(b"\xff<a> ."), ["OUT", "--ontology", "{d}/kg.ttl"],
     "kg: error: {d}/kg.ttl: cannot read the ontology ('utf-8' codec can't decode byte 0xff in position 0: "
     "invalid start byte)"),
])
def test_user_errors_exit_2_with_one_line_naming_the_file(small_out, tmp_path, capsys, make, args, message):
    make(tmp_path)
    argv = [str(small_out) if a == "OUT" else a.format(d=tmp_path) for a in args]
    assert main(["validate", *argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == message.format(d=tmp_path) + "\n"


def test_the_report_lists_at_most_the_limit_of_violations():
    violations = [Violation(f"<https://example.org/kg/s{n:02d}>", "kgo:speaker", "A speaker.") for n in range(60)]
    text = format_report(Report(False, violations, 100, 1.25), "out", limit=50)
    lines = text.splitlines()
    assert lines[0] == "out: does not conform: 60 violations (100 triples, 1.2 s)"
    assert lines[1] == "<https://example.org/kg/s00>  kgo:speaker  A speaker." and len(lines) == 52
    assert lines[-1] == "... and 10 more"
