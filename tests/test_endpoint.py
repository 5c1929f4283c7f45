"""The endpoint's limits over a real socket on 127.0.0.1, and the same limits in `kg query`."""
import http.client
import socket
import subprocess
import sys
import time
import urllib.parse

import pyoxigraph as ox
import pytest

from kg.serve import ServeLimits, serve_in_thread

DEEP = "ASK { FILTER(" + "(" * 10000 + "1" + ")" * 10000 + ") }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
FAST = "ASK { ?s ?p ?o }"


def generated_store(triples: int = 3000) -> ox.Store:
    store = ox.Store()
    store.extend(ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), ox.NamedNode("http://example.org/p"),
                         ox.Literal(str(i))) for i in range(triples))
    return store


@pytest.fixture(scope="module")
def server():
    running, _ = serve_in_thread(generated_store(), limits=ServeLimits(timeout=1.0))
    yield running
    running.shutdown()
    running.server_close()


def request(server, method="GET", query=None, body=None, headers=None, path="/sparql", timeout=10):
    port = server.server_address[1]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    if query is not None:
        path += "?" + urllib.parse.urlencode({"query": query})
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    answer = response.status, dict(response.getheaders()), response.read().decode()
    connection.close()
    return answer


def still_answers(server) -> bool:
    status, _, body = request(server, query=FAST)
    return status == 200 and '"boolean":true' in body


def test_deep_nesting_is_refused_before_parsing(server):
    status, _, body = request(server, "POST", body=DEEP.encode(), headers={"Content-Type": "application/sparql-query"})
    assert status == 400 and "nested too deeply" in body
    assert still_answers(server)


def test_service_is_refused_but_an_iri_naming_service_is_not(server):
    status, _, body = request(server, query="ASK { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert status == 400 and "SERVICE is refused" in body
    status, _, _ = request(server, query='ASK { <http://x/service> ?p "SERVICE" } # service')
    assert status == 200


def test_a_slow_query_is_stopped_at_the_timeout(server):
    started = time.monotonic()
    status, _, body = request(server, query=SLOW)
    assert status == 503 and "timed out" in body and time.monotonic() - started < 5
    assert still_answers(server)


def test_a_client_that_leaves_frees_its_worker():
    running, _ = serve_in_thread(generated_store(), limits=ServeLimits(timeout=30.0, workers=2, threads=8))
    try:
        port = running.server_address[1]
        for _ in range(2):  # occupy both workers, then leave
            client = socket.create_connection(("127.0.0.1", port))
            client.sendall(f"GET /sparql?{urllib.parse.urlencode({'query': SLOW})} HTTP/1.0\r\n\r\n".encode())
            time.sleep(0.3)
            client.close()
        started = time.monotonic()
        assert still_answers(running) and time.monotonic() - started < 5  # not 30 s behind the slow queries
    finally:
        running.shutdown()
        running.server_close()


def test_silent_connections_do_not_use_up_the_server(server):
    port = server.server_address[1]
    silent = [socket.create_connection(("127.0.0.1", port)) for _ in range(50)]
    try:
        status, _, _ = request(server, query=FAST, timeout=15)
        assert status in (200, 503)  # an answer either way, not a hang
    finally:
        for client in silent:
            client.close()
    assert still_answers(server)


@pytest.mark.parametrize("headers,status", [
    ({"Content-Type": "application/sparql-query", "Content-Length": "abc"}, 400),
    ({"Content-Type": "application/sparql-query", "Content-Length": "-5"}, 400),
    ({"Content-Type": "application/sparql-query", "Content-Length": str(10 << 20)}, 413),
    ({"Content-Type": "image/png", "Content-Length": "4"}, 415),
])
def test_malformed_posts_get_a_status(server, headers, status):
    port = server.server_address[1]
    with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
        head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        client.sendall(f"POST /sparql HTTP/1.0\r\n{head}\r\nASK{{}}".encode())
        reply = client.recv(4096).decode()
    assert reply.startswith(f"HTTP/1.0 {status}") and "Traceback" not in reply
    assert still_answers(server)


def test_bad_graph_iri_and_percent_encoding_are_400(server):
    status, _, body = request(server, path="/sparql?query=ASK%7B%7D&default-graph-uri=not%20an%20iri")
    assert status == 400 and "default-graph-uri" in body
    status, _, _ = request(server, path="/sparql?query=%FF%FE")
    assert status == 400
    assert still_answers(server)


def test_host_header_must_name_the_server(server):
    port = server.server_address[1]
    status, _, body = request(server, query=FAST, headers={"Host": f"evil.example:{port}"})
    assert status == 403 and "Host" in body
    for host in (f"localhost:{port}", "127.0.0.1", f"[::1]:{port}"):
        assert request(server, query=FAST, headers={"Host": host})[0] == 200


def test_head_and_options(server):
    status, headers, body = request(server, "HEAD", query=FAST)
    assert status == 200 and body == "" and int(headers["Content-Length"]) > 0
    status, headers, _ = request(server, "OPTIONS")
    assert status == 204 and "POST" in headers["Allow"] and "Access-Control-Allow-Origin" not in headers


def test_cors_only_when_asked():
    assert "Access-Control-Allow-Origin" not in request_once(None)
    headers = request_once("https://example.org")
    assert headers["Access-Control-Allow-Origin"] == "https://example.org"


def request_once(cors):
    running, _ = serve_in_thread(generated_store(10), limits=ServeLimits(cors=cors, workers=1, threads=2))
    try:
        _, headers, _ = request(running, query=FAST)
        _, preflight, _ = request(running, "OPTIONS", headers={"Origin": "https://example.org",
                                                               "Access-Control-Request-Method": "POST"})
        if cors:
            assert "POST" in preflight["Access-Control-Allow-Methods"]
        return headers
    finally:
        running.shutdown()
        running.server_close()


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("endpoint") / "graph.nq"
    generated_store(2000).dump(str(path), ox.RdfFormat.N_QUADS)
    return path


@pytest.mark.parametrize("args,message", [
    ([DEEP], "nested too deeply"),
    (["ASK { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"], "SERVICE is refused"),
    ([SLOW, "--timeout", "1"], "timed out after 1 s"),
    (["SELECT * WHERE { ?s ?p ?o }", "--max-rows", "10"], "more than 10 results"),
])
def test_kg_query_limits(graph_file, args, message):
    proc = subprocess.run([sys.executable, "-m", "kg", "query", str(graph_file), *args], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2 and message in proc.stderr and len(proc.stderr.splitlines()) == 1
