"""kg push against a real Oxigraph server on 127.0.0.1 (the `oxigraph` package's CLI)."""
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.pipeline import SAMPLE_DIR, build
from kg.push import PushError, push

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not Path(OXIGRAPH).exists():
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    port = free_port()
    process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path_factory.mktemp("oxi")),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)


def count(base: str, where: str) -> int:
    query = "SELECT (COUNT(*) AS ?n) WHERE { " + where + " }"
    request = urllib.request.Request(base + "/query?" + urllib.parse.urlencode({"query": query}),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return int(json.loads(response.read())["results"]["bindings"][0]["n"]["value"])


def test_push_all_graphs_and_push_again_replaces(server, tmp_path):
    out = tmp_path / "out"
    build([SAMPLE_DIR], out, progress=False, html=False, trig=True)
    report = push(out, server + "/store")
    assert report.graphs == 1 + 6  # the default graph and one graph per article
    total = count(server, "{ ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } }")
    assert total == report.triples
    assert count(server, "GRAPH ?g { ?s a <https://w3id.org/kg-news/ontology#Statement> }") > 10
    push(out, server + "/store")
    assert count(server, "{ ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } }") == total  # replaced, not doubled


def test_push_of_a_build_without_trig_fills_the_default_graph_in_batches(server, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build([SAMPLE_DIR], out, progress=False, html=False)
    assert not (out / "graph.trig").exists()
    monkeypatch.setattr("kg.push.TURTLE_BATCH", 1000)  # the sample's ~3,800 triples: a PUT, then POSTs
    report = push(out, server + "/store")
    assert report.graphs == 1 and report.triples > 3000
    assert count(server, "?s ?p ?o") == report.triples  # the default graph (the server's is not the union)
    assert count(server, "?s a <https://w3id.org/kg-news/ontology#Statement>") > 10
    push(out, server + "/store")
    assert count(server, "?s ?p ?o") == report.triples  # the PUT replaced the default graph, the POSTs added


def test_push_errors(tmp_path):
    with pytest.raises(PushError, match="no graph.trig or graph.ttl"):
        push(tmp_path, "http://127.0.0.1:9/store")
    (tmp_path / "graph.ttl").write_text("<a:b> <a:c> .\n", encoding="utf-8")
    with pytest.raises(PushError, match="graph.ttl: cannot read RDF"):
        push(tmp_path, f"http://127.0.0.1:{free_port()}/store")
    (tmp_path / "graph.ttl").unlink()
    (tmp_path / "graph.trig").write_text("<a:b> <a:c> <a:d> .\n", encoding="utf-8")
    with pytest.raises(PushError, match="cannot reach the store"):
        push(tmp_path, f"http://127.0.0.1:{free_port()}/store")
    with pytest.raises(PushError, match="expected an http"):
        push(tmp_path, "ftp://example/store")
