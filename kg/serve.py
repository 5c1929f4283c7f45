"""A read-only SPARQL 1.1 Protocol endpoint over a built graph (``kg serve``).

GET /sparql?query=... and POST (form ``query=...`` or an ``application/sparql-query`` body). Results are
negotiated from the Accept header: SPARQL JSON (default), XML, CSV or TSV for SELECT/ASK; Turtle (default),
N-Triples or RDF/XML for CONSTRUCT/DESCRIBE. Updates are refused with 403. It listens on 127.0.0.1 unless
told otherwise. A fixed pool of threads reads requests (with a socket timeout); queries run in a fixed pool
of worker processes (kg.query_worker) that are killed at the time limit or when the client leaves.
"""
from __future__ import annotations

import io
import queue
import sys
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from .prefixes import PREFIXES
from .query_guard import TextLimits, query_problem
from .query_worker import DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT, QueryStopped, WorkerPool

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
READ_TIMEOUT = 10.0  # seconds a client may take to send its request
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


@dataclass(frozen=True)
class ServeLimits:
    """What the endpoint allows: query text, time, memory, result size, workers and connections."""

    text: TextLimits = TextLimits()
    timeout: float = DEFAULT_TIMEOUT
    max_memory_mb: int = DEFAULT_MAX_MEMORY_MB
    max_result_mb: int = 64
    workers: int = 2
    threads: int = 64
    backlog: int = 128
    cors: str | None = None


class CappedBuffer(io.BytesIO):
    """A buffer that refuses to grow past a size, so a huge result stops while it is serialized."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit, self.overflowed = limit, False

    def write(self, data) -> int:
        if self.tell() + len(data) > self.limit:
            self.overflowed = True
            raise OSError("result too large")
        return super().write(data)


def answer_query(store: ox.Store, job: dict) -> tuple[int, str, bytes]:
    """A query worker's task: (status, media type, body) for one query job."""
    options: dict = {"prefixes": PREFIXES}
    if job["default"]:
        options["default_graph"] = [ox.NamedNode(g) for g in job["default"]]
    else:
        options["use_default_graph_as_union"] = True
    if job["named"]:
        options["named_graphs"] = [ox.NamedNode(g) for g in job["named"]]
    buffer = CappedBuffer(job["max_bytes"])
    try:
        result = store.query(job["sparql"], **options)
        offers = GRAPH_TYPES if isinstance(result, ox.QueryTriples) else RESULT_TYPES
        media, fmt = negotiate(job["accept"], offers)
        result.serialize(buffer, format=fmt)
    except SyntaxError as err:
        return 400, "text/plain", f"SPARQL syntax {err}\n".encode()
    except (OSError, RuntimeError, ValueError) as err:
        if buffer.overflowed:
            message = f"result larger than {job['max_bytes'] >> 20} MB (the --max-result-mb limit); add a LIMIT\n"
            return 503, "text/plain", message.encode()
        return 500, "text/plain", f"query failed: {err}\n".encode()
    return 200, media, buffer.getvalue()


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


class RequestError(Exception):
    """A malformed request: its status and one-line message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class SparqlHandler(BaseHTTPRequestHandler):
    server: BoundedHTTPServer
    server_version = "kg-sparql/1"
    timeout = READ_TIMEOUT

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        if getattr(self.server, "verbose", False):
            sys.stderr.write("kg serve: " + format % args + "\n")

    def send_body(self, status: int, media: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", f"{media}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_cors()
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_text(self, status: int, text: str) -> None:
        self.send_body(status, "text/plain", text.encode("utf-8"))

    def send_cors(self) -> None:
        origin = self.server.limits.cors
        if origin:
            self.send_header("Access-Control-Allow-Origin", origin)
            if origin != "*":
                self.send_header("Vary", "Origin")

    def guarded(self, method) -> None:
        """Run a method's handler: a malformed request is a 4xx line, never a traceback or a dropped socket."""
        try:
            self.check_host()
            method()
        except RequestError as err:
            self.send_text(err.status, f"{err}\n")
        except (TimeoutError, ConnectionError):
            self.close_connection = True

    def check_host(self) -> None:
        """Refuse a Host that is not this server's name (a DNS-rebinding page sends its own name)."""
        host = self.headers.get("Host")
        if host is None or self.server.host_allowed(host):
            return
        raise RequestError(403, f"Host {host!r} is not this server's name (kg serve --host)")

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.guarded(self.get)

    def do_HEAD(self) -> None:  # noqa: N802
        self.guarded(self.get)

    def do_POST(self) -> None:  # noqa: N802
        self.guarded(self.post)

    def do_OPTIONS(self) -> None:  # noqa: N802
        self.guarded(self.options)

    def options(self) -> None:
        self.send_response(204)
        self.send_header("Allow", "GET, HEAD, POST, OPTIONS")
        if self.server.limits.cors:
            self.send_cors()
            self.send_header("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
            self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def get(self) -> None:
        url = urlsplit(self.path)
        if url.path not in ("/sparql", "/"):
            return self.send_text(404, "not found: the SPARQL endpoint is /sparql\n")
        params = form(url.query)
        if "update" in params:
            return self.send_text(403, "this endpoint is read-only: SPARQL updates are refused\n")
        if "query" not in params:
            return self.send_text(200, "kg SPARQL endpoint (read-only). Send ?query=... or POST a query.\n")
        self.answer(params["query"][0], params)

    def post(self) -> None:
        if urlsplit(self.path).path not in ("/sparql", "/"):
            return self.send_text(404, "not found: the SPARQL endpoint is /sparql\n")
        body = self.read_body()
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/sparql-update":
            return self.send_text(403, "this endpoint is read-only: SPARQL updates are refused\n")
        if kind == "application/sparql-query":
            return self.answer(decode(body), form(urlsplit(self.path).query))
        if kind == "application/x-www-form-urlencoded":
            params = form(decode(body))
            if "update" in params:
                return self.send_text(403, "this endpoint is read-only: SPARQL updates are refused\n")
            if "query" in params:
                return self.answer(params["query"][0], params)
            return self.send_text(400, "send a SPARQL query: form field 'query' or an application/sparql-query body\n")
        raise RequestError(415, f"unsupported Content-Type {kind!r}: send application/sparql-query or a form")

    def read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding"):
            raise RequestError(411, "send the body with a Content-Length")
        length = self.headers.get("Content-Length") or "0"
        if not length.strip().isdigit():
            raise RequestError(400, f"bad Content-Length {length!r}")
        if int(length) > MAX_BODY:
            raise RequestError(413, "request too large")
        body = self.rfile.read(int(length))
        if len(body) < int(length):
            raise RequestError(400, "the body is shorter than its Content-Length")
        return body

    def answer(self, sparql: str, params: dict[str, list[str]]) -> None:
        limits = self.server.limits
        problem = query_problem(sparql, limits.text)
        if problem:
            raise RequestError(400, problem)
        job = {"sparql": sparql, "default": graph_names(params, "default-graph-uri"),
               "named": graph_names(params, "named-graph-uri"), "accept": self.headers.get("Accept") or "*/*",
               "max_bytes": limits.max_result_mb << 20}
        try:
            status, media, body = self.server.pool.call(job, self.connection)
        except QueryStopped as err:
            if err.reason == "gone":
                self.close_connection = True
                return None
            return self.send_text(503, f"{err}\n")
        self.send_body(status, media, body)


def form(text: str) -> dict[str, list[str]]:
    """Parsed form fields; bad percent-encoding (not UTF-8) or thousands of fields is a 400."""
    try:
        return parse_qs(text, errors="strict", max_num_fields=100)
    except (UnicodeDecodeError, ValueError) as err:
        raise RequestError(400, f"malformed form or query string ({err})") from None


def decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise RequestError(400, "the body is not UTF-8") from None


def graph_names(params: dict[str, list[str]], field: str) -> list[str]:
    """The IRIs of a default-graph-uri or named-graph-uri field, checked here so the worker gets valid ones."""
    for name in params.get(field, []):
        try:
            ox.NamedNode(name)
        except ValueError:
            raise RequestError(400, f"{field} {name!r} is not an IRI") from None
    return params.get(field, [])


class BoundedHTTPServer(HTTPServer):
    """An HTTP server with a fixed pool of handler threads and a bounded queue (503 when it is full)."""

    def __init__(self, address: tuple[str, int], store: ox.Store, limits: ServeLimits, verbose: bool = False
                 ) -> None:
        self.request_queue_size = limits.backlog
        super().__init__(address, SparqlHandler)
        self.limits, self.verbose = limits, verbose
        self.pending: queue.Queue = queue.Queue(maxsize=limits.backlog)
        self.pool = WorkerPool(limits.workers, store, answer_query, limits.timeout, limits.max_memory_mb)
        self.allowed_hosts = allowed_hosts(address[0], self.server_address[1])
        for _ in range(limits.threads):
            threading.Thread(target=self.handle_pending, daemon=True).start()

    def host_allowed(self, host: str) -> bool:
        return host.strip().lower().rstrip(".") in self.allowed_hosts or not self.allowed_hosts

    def process_request(self, request, client_address) -> None:
        try:
            self.pending.put_nowait((request, client_address))
        except queue.Full:
            try:
                request.sendall(b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain\r\n"
                                b"Content-Length: 20\r\n\r\nserver busy, retry\r\n")
            except OSError:
                pass
            self.shutdown_request(request)

    def handle_pending(self) -> None:
        while True:
            request, client_address = self.pending.get()
            try:
                self.finish_request(request, client_address)
            except Exception as err:  # noqa: BLE001 - one line per failed connection, the server goes on
                if self.verbose:
                    sys.stderr.write(f"kg serve: {client_address[0]}: {err}\n")
            finally:
                self.shutdown_request(request)

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


def allowed_hosts(host: str, port: int) -> set[str]:
    """Host header values that name this server; empty (any) when it listens on every interface."""
    if host in ("", "0.0.0.0", "::"):
        return set()
    names = {host.lower()} | (LOOPBACK_NAMES if host.lower() in LOOPBACK_NAMES or host.startswith("127.") else set())
    bracketed = {f"[{n}]" if ":" in n else n for n in names}
    return bracketed | {f"{n}:{port}" for n in bracketed}


def make_server(store: ox.Store, host: str = "127.0.0.1", port: int = 7878, verbose: bool = False,
                limits: ServeLimits | None = None) -> BoundedHTTPServer:
    return BoundedHTTPServer((host, port), store, limits or ServeLimits(), verbose)


def serve_in_thread(store: ox.Store, host: str = "127.0.0.1", port: int = 0, limits: ServeLimits | None = None
                    ) -> tuple[BoundedHTTPServer, str]:
    """Start a server in a background thread; returns it and its endpoint URL (for notebooks and tests)."""
    server = make_server(store, host, port, limits=limits)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address, bound_port = server.server_address[:2]
    return server, f"http://{address}:{bound_port}/sparql"
