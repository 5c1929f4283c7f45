"""Load test of `kg serve`: 2,000 requests from 32 client threads against the built sample; prints the figures.

    python scripts/loadtest.py [--requests 2000] [--clients 32]
"""
from __future__ import annotations

import argparse
import http.client
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

from kg.sparql import bundled_queries

SMALL = ["ASK { ?s a kgo:Person }", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
         "SELECT ?label WHERE { ?e a kgo:Country ; rdfs:label ?label } LIMIT 20"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=32)
    args = parser.parse_args()
    queries = SMALL + [path.read_text(encoding="utf-8") for path in bundled_queries().values()]
    with tempfile.TemporaryDirectory() as folder:
        kg = [sys.executable, "-m", "kg"]
        subprocess.run(kg + ["build", "--sample", "-o", folder, "--no-html", "-q"], check=True)
        server = subprocess.Popen(kg + ["serve", folder, "--port", "0"], stderr=subprocess.PIPE, text=True)
        try:
            port = int(server.stderr.readline().split("/sparql")[0].rsplit(":", 1)[1])
            started = time.monotonic()
            with ThreadPoolExecutor(args.clients) as clients:
                outcomes = list(clients.map(lambda i: timed(port, queries[i % len(queries)]), range(args.requests)))
            elapsed = time.monotonic() - started
        finally:
            server.terminate()
            server.wait(10)
    latencies = sorted(seconds for ok, seconds in outcomes if ok)
    errors = sum(1 for ok, _ in outcomes if not ok)
    cut = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    print(f"{args.requests} requests, {args.clients} clients: {errors} errors, "
          f"{args.requests / elapsed:.0f} requests/s, "
          f"latency p50 {cut[49] * 1000:.1f} ms, p95 {cut[94] * 1000:.1f} ms, p99 {cut[98] * 1000:.1f} ms")
    return 1 if errors else 0


def timed(port: int, query: str) -> tuple[bool, float]:
    started = time.monotonic()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}))
        response = connection.getresponse()
        response.read()
        connection.close()
        return response.status == 200, time.monotonic() - started
    except OSError:
        return False, time.monotonic() - started


if __name__ == "__main__":
    raise SystemExit(main())
