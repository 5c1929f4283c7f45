import csv
import io
import json
import subprocess
import sys

import pytest

import kg
from kg.pipeline import SAMPLE_DIR, build
from kg.sparql import GraphNotFound, QueryError, bundled_queries, declared_parameters, format_results, open_store, run


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    """A build as kg build makes it by default: graph.ttl, no graph.trig (and a store of it)."""
    folder = tmp_path_factory.mktemp("q")
    build([SAMPLE_DIR], folder, progress=False, html=False, store=folder / "store")
    assert not (folder / "graph.trig").exists()
    return folder


@pytest.fixture(scope="module")
def trig_out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("q-trig")
    build([SAMPLE_DIR], folder, progress=False, html=False, trig=True, store=folder / "store")
    return folder


def run_kg(*args):
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=300)


def test_store_and_files_give_the_same_answers(out, trig_out):
    """A folder with graph.ttl alone, one with graph.trig too, each file, and the stores built from either."""
    sparql = "SELECT (COUNT(*) AS ?n) WHERE { ?s a kgo:Statement ; kgo:speaker/rdfs:label ?name }"
    counts = {source: int(run(open_store(source), sparql).rows[0][0].value)
              for source in (out, out / "graph.ttl", out / "store", trig_out, trig_out / "graph.trig",
                             trig_out / "store")}
    assert len(set(counts.values())) == 1 and counts[out] > 10
    assert {len(open_store(source)) for source in (out, out / "store", trig_out, trig_out / "store")} \
        == {len(open_store(trig_out / "graph.ttl"))}  # the same triples (TriG only names the graphs)
    assert len(list(open_store(trig_out).named_graphs())) == 6 and not list(open_store(out).named_graphs())


NONE_IN_SAMPLE = {"sanctions"}  # the sample reports no sanction: tests/test_kinds.py runs the query on its own


@pytest.mark.parametrize("name", sorted(bundled_queries()))
def test_every_bundled_query_runs(out, name):
    sparql = bundled_queries()[name].read_text(encoding="utf-8")
    required = {n: "Rusia" for n, needed in (declared_parameters(sparql) or {}).items() if needed}
    results = run(open_store(out), sparql, required)
    assert results.variables and (results.rows or name in NONE_IN_SAMPLE), name


def test_parameters_bind_a_query_variable(out):
    store = open_store(out)
    sparql = bundled_queries()["speaker_statements"].read_text(encoding="utf-8")
    everyone = run(store, sparql)
    blinken = run(store, sparql, {"speakerName": "Blinken"})  # an alias works as well as the label
    speakers = {row[1].value for row in blinken.rows}
    assert speakers == {"Antony Blinken"} and len(blinken.rows) < len(everyone.rows)
    with pytest.raises(QueryError, match="unknown parameter 'nothing': this query takes speakerName"):
        run(store, sparql, {"nothing": "x"})
    with pytest.raises(QueryError, match="unknown parameter 'speaker'"):  # a variable, but not a parameter
        run(store, sparql, {"speaker": "Antony Blinken"})
    with pytest.raises(QueryError, match=r"no variable \?nothing to bind \(its variables: \?o, \?s\)"):
        run(store, "SELECT ?s { ?s a ?o }", {"nothing": "x"})


def test_a_required_parameter_must_be_given_and_names_may_be_keywords(out):
    with pytest.raises(QueryError, match="needs the parameter entityName"):
        kg.query(out, "entity_profile", frame=False)
    rows = kg.query(out, "speaker_statements", speakerName="Antony Blinken", frame=False)
    assert rows and {row["speakerLabel"] for row in rows} == {"Antony Blinken"}


def test_cli_parameter_errors_and_an_unknown_prefix_are_one_line(out):
    for args, expected in ((["--name", "speaker_statements", "-p", "speaker=Antony Blinken"],
                            "unknown parameter 'speaker': this query takes speakerName"),
                           (["--name", "entity_profile"], "needs the parameter entityName"),
                           (["SELECT * { ?s foo:bar ?o }"], "unknown prefix foo: at 1:")):
        proc = subprocess.run([sys.executable, "-m", "kg", "query", str(out), *args], capture_output=True, text=True,
                              timeout=60)
        assert proc.returncode == 2 and expected in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_entity_profile_is_one_row_per_entity(out):
    rows = kg.query(out, "entity_profile", {"entityName": "Rusia"}, frame=False)
    assert len(rows) == 1 and rows[0]["type"] == "Country" and int(rows[0]["articles"]) >= 3


def test_output_formats(out):
    results = run(open_store(out), "SELECT ?label WHERE { ?e a kgo:Country ; rdfs:label ?label } ORDER BY ?label")
    table = format_results(results, "table")
    assert table.splitlines()[0].strip() == "label" and table.rstrip().endswith("rows)")
    rows = list(csv.reader(io.StringIO(format_results(results, "csv"))))
    assert rows[0] == ["label"] and ["Rusia"] in rows
    assert format_results(results, "tsv").splitlines()[0] == "label"
    data = json.loads(format_results(results, "json"))
    assert data["head"]["vars"] == ["label"] and {"type": "literal", "value": "Rusia"} in \
        [b["label"] for b in data["results"]["bindings"]]
    assert format_results(run(open_store(out), "ASK { ?s a kgo:Meeting }"), "table").strip() == "true"


def test_errors(tmp_path, out):
    with pytest.raises(GraphNotFound):
        open_store(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(GraphNotFound, match="no graph.trig, graph.ttl or kg store"):
        open_store(tmp_path / "empty")
    with pytest.raises(QueryError, match=r"syntax error at 1:\d+"):
        run(open_store(out), "SELECT ?s WHERE { ?s a ")


def test_cli_query(out):
    proc = run_kg("query", str(out), "--name", "who_met_whom", "--format", "csv")
    assert proc.returncode == 0 and proc.stdout.startswith("a,b,meetings,first,last")
    proc = run_kg("query", str(out), "SELECT ?s WHERE { ?s a kgo:Person")
    assert proc.returncode == 2 and proc.stderr.startswith("kg: error: query: SPARQL syntax error at 1:")
    proc = run_kg("query", str(out / "nope"), "ASK {}")
    assert proc.returncode == 2 and "no such file or folder" in proc.stderr and "Traceback" not in proc.stderr
    proc = run_kg("query", str(out), "--list")
    assert "timeline" in proc.stdout and "entity_profile" in proc.stdout


def test_python_api(out):
    graph = kg.load(out)
    assert len(graph) > 1000
    nxg = kg.to_networkx(out)
    assert nxg.number_of_nodes() > 20 and nxg.number_of_edges() > 10
    kinds = {data["kind"] for _, _, data in nxg.edges(data=True)}
    assert {"statement", "meeting"} <= kinds
    result = kg.build([SAMPLE_DIR])
    assert kg.to_networkx(result) is result.graph


def test_to_networkx_of_a_build_into_a_folder_reads_its_files(tmp_path):
    result = kg.build([SAMPLE_DIR], tmp_path / "o")
    assert result.graph is None  # a build into a folder returns counts; the graph is in the files
    nxg = kg.to_networkx(result)
    assert (nxg.number_of_nodes(), nxg.number_of_edges()) == (result.nodes, result.edges)
    assert set(nxg) == set(kg.to_networkx(tmp_path / "o"))
