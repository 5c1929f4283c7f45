import json
import shutil
import subprocess
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kg.pipeline import SAMPLE_DIR, build
from kg.serve import serve_in_thread
from kg.sparql import open_store

COUNT = "SELECT (COUNT(?s) AS ?n) WHERE { ?s a kgo:Person }"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve")
    build([SAMPLE_DIR], folder, progress=False, html=False)
    assert not (folder / "graph.trig").exists()  # served from graph.ttl, kg build's default output
    server, url = serve_in_thread(open_store(folder))
    yield url
    server.shutdown()


def fetch(url, data=None, headers=None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers.get("Content-Type"), response.read().decode("utf-8")


def test_get_json_by_default(endpoint):
    status, kind, body = fetch(endpoint + "?" + urllib.parse.urlencode({"query": COUNT}))
    assert status == 200 and kind.startswith("application/sparql-results+json")
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 5


def test_post_form_and_direct_body_with_negotiation(endpoint):
    status, kind, body = fetch(endpoint, urllib.parse.urlencode({"query": COUNT}).encode(),
                               {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"})
    assert kind.startswith("text/csv") and body.splitlines()[0] == "n"
    status, kind, body = fetch(endpoint, COUNT.encode(), {"Content-Type": "application/sparql-query",
                                                           "Accept": "application/sparql-results+xml"})
    assert kind.startswith("application/sparql-results+xml") and "<sparql" in body
    _, kind, body = fetch(endpoint + "?" + urllib.parse.urlencode(
        {"query": "CONSTRUCT { ?s a kgo:Person } WHERE { ?s a kgo:Person }"}), headers={"Accept": "text/turtle"})
    assert kind.startswith("text/turtle") and "Person" in body


def test_updates_are_refused_and_errors_are_400(endpoint):
    for data, kind in ((urllib.parse.urlencode({"update": "CLEAR ALL"}).encode(), "application/x-www-form-urlencoded"),
                       (b"CLEAR ALL", "application/sparql-update")):
        with pytest.raises(urllib.error.HTTPError) as err:
            fetch(endpoint, data, {"Content-Type": kind})
        assert err.value.code == 403
    with pytest.raises(urllib.error.HTTPError) as err:
        fetch(endpoint + "?" + urllib.parse.urlencode({"query": "SELECT ?s WHERE {"}))
    assert err.value.code == 400 and "syntax error" in err.value.read().decode()
    status, _, body = fetch(endpoint + "?" + urllib.parse.urlencode({"query": COUNT}))
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 5  # still all there


def test_sparqlwrapper_client(endpoint):
    sparqlwrapper = pytest.importorskip("SPARQLWrapper")
    client = sparqlwrapper.SPARQLWrapper(endpoint)
    client.setQuery("PREFIX kgo: <https://w3id.org/kg-news/ontology#> " + COUNT.replace("kgo:", "kgo:"))
    client.setReturnFormat(sparqlwrapper.JSON)
    result = client.query().convert()
    assert int(result["results"]["bindings"][0]["n"]["value"]) > 5


def test_rdflib_sparqlstore_client(endpoint):
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(store=SPARQLStore(endpoint, returnFormat="json"))
    rows = list(graph.query("PREFIX kgo: <https://w3id.org/kg-news/ontology#> " + COUNT))
    assert int(rows[0][0]) > 5


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_curl_client(endpoint):
    proc = subprocess.run(["curl", "-s", "-H", "Accept: text/tab-separated-values", "--data-urlencode",
                           f"query={COUNT}", endpoint], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.splitlines()[0] == "?n"
