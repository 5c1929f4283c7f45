"""A read-only SPARQL 1.1 Protocol endpoint over a built graph (``kg serve``).

GET /sparql?query=... and POST (form ``query=...`` or an ``application/sparql-query`` body). Results are
negotiated from the Accept header: SPARQL JSON (default), XML, CSV or TSV for SELECT/ASK; Turtle (default),
N-Triples or RDF/XML for CONSTRUCT/DESCRIBE. Updates are refused with 403. It listens on 127.0.0.1 unless
told otherwise.
"""
from __future__ import annotations

import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from .sparql import PREFIXES

RESULT_TYPES = [
    ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("application/json", ox.QueryResultsFormat.JSON),
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("application/xml", ox.QueryResultsFormat.XML),
    ("text/csv", ox.QueryResultsFormat.CSV),
    ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
]
GRAPH_TYPES = [
    ("text/turtle", ox.RdfFormat.TURTLE),
    ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/rdf+xml", ox.RdfFormat.RDF_XML),
]
MAX_BODY = 1 << 20


def negotiate(accept: str, offers: list[tuple[str, object]]) -> tuple[str, object]:
    """The offer the Accept header prefers (q-values honoured); the first offer by default."""
    ranked = []
    for position, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for field in fields[1:]:
            if field.startswith("q="):
                try:
                    q = float(field[2:])
                except ValueError:
                    q = 0.0
        ranked.append((-q, position, media))
    for _, _, media in sorted(ranked):
        for offer in offers:
            if media == offer[0] or media in ("*/*", offer[0].split("/")[0] + "/*"):
                return offer
    return offers[0]


class SparqlHandler(BaseHTTPRequestHandler):
    store: ox.Store  # set by make_server
    server_version = "kg-sparql/1"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        if getattr(self.server, "verbose", False):
            sys.stderr.write("kg serve: " + format % args + "\n")

    def send_text(self, status: int, text: str) -> None:
        body = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        url = urlsplit(self.path)
        if url.path not in ("/sparql", "/"):
            return self.send_text(404, "not found: the SPARQL endpoint is /sparql\n")
        params = parse_qs(url.query)
        if "update" in params:
            return self.send_text(403, "this endpoint is read-only: SPARQL updates are refused\n")
        if "query" not in params:
            return self.send_text(200, "kg SPARQL endpoint (read-only). Send ?query=... or POST a query.\n")
        self.answer(params["query"][0], params)

    def do_POST(self) -> None:  # noqa: N802
        if urlsplit(self.path).path not in ("/sparql", "/"):
            return self.send_text(404, "not found: the SPARQL endpoint is /sparql\n")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self.send_text(413, "request too large\n")
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/sparql-update":
            return self.send_text(403, "this endpoint is read-only: SPARQL updates are refused\n")
        if kind == "application/sparql-query":
            return self.answer(body, parse_qs(urlsplit(self.path).query))
        if kind == "application/x-www-form-urlencoded":
            params = parse_qs(body)
            if "update" in params:
                return self.send_text(403, "this endpoint is read-only: SPARQL updates are refused\n")
            if "query" in params:
                return self.answer(params["query"][0], params)
        return self.send_text(400, "send a SPARQL query: form field 'query' or an application/sparql-query body\n")

    def answer(self, sparql: str, params: dict[str, list[str]]) -> None:
        options = {"use_default_graph_as_union": True, "prefixes": PREFIXES}
        if params.get("default-graph-uri"):
            options = {"default_graph": [ox.NamedNode(g) for g in params["default-graph-uri"]], "prefixes": PREFIXES}
        try:
            result = self.store.query(sparql, **options)
        except SyntaxError as err:
            return self.send_text(400, f"SPARQL syntax {err}\n")
        except (OSError, ValueError) as err:
            return self.send_text(500, f"query failed: {err}\n")
        accept = self.headers.get("Accept") or "*/*"
        if isinstance(result, ox.QueryTriples):
            media, fmt = negotiate(accept, GRAPH_TYPES)
        else:
            media, fmt = negotiate(accept, RESULT_TYPES)
        body = result.serialize(format=fmt)
        self.send_response(200)
        self.send_header("Content-Type", f"{media}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def make_server(store: ox.Store, host: str = "127.0.0.1", port: int = 7878, verbose: bool = False
                ) -> ThreadingHTTPServer:
    handler = type("BoundSparqlHandler", (SparqlHandler,), {"store": store})
    server = ThreadingHTTPServer((host, port), handler)
    server.verbose = verbose
    server.daemon_threads = True
    return server


def serve_in_thread(store: ox.Store, host: str = "127.0.0.1", port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    """Start a server in a background thread; returns it and its endpoint URL (for notebooks and tests)."""
    server = make_server(store, host, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address, bound_port = server.server_address[:2]
    return server, f"http://{address}:{bound_port}/sparql"
