"""Query a built graph with SPARQL through pyoxigraph (fast joins; rdflib stays for building and validation).

A graph source is a build folder (its graph.trig, else its graph.ttl: kg build writes graph.trig only with --trig),
an RDF file (.trig, .ttl, .nt, .nq) or a persistent
store written by ``kg build --store DIR``. The default graph of a query is the union of all graphs, so
entities (default graph) and each article's facts (named graphs) join without GRAPH clauses.
"""
from __future__ import annotations

import csv
import importlib.resources
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .prefixes import PREFIXES
from .query_guard import TextLimits, query_problem

RDF_FORMATS = {".trig": ox.RdfFormat.TRIG, ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES,
               ".nq": ox.RdfFormat.N_QUADS}
OUTPUT_FORMATS = ("table", "csv", "tsv", "json")
DEFAULT_MAX_ROWS = 100_000
LOCAL_LIMITS = TextLimits(allow_service=True)  # the Python API: the user's own queries, SERVICE included
STORE_MARKER = "kg-store"  # a file kg writes into a persistent store folder


class GraphNotFound(Exception):
    """The path names no graph kg can read."""


class QueryError(Exception):
    """A SPARQL syntax error or a failed evaluation (message says where)."""


@dataclass
class Results:
    """Query results: a table (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE)."""

    variables: list[str]
    rows: list[list[ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None]]
    boolean: bool | None = None
    triples: list[ox.Triple] | None = None

    def records(self) -> list[dict[str, str | None]]:
        return [{v: term_value(t) for v, t in zip(self.variables, row, strict=True)} for row in self.rows]


def ontology_dir() -> Path:
    """The folder holding kg.ttl, shapes.ttl and queries/ (inside the installed package)."""
    return Path(str(importlib.resources.files("kg.ontology")))


def bundled_queries() -> dict[str, Path]:
    return {p.stem: p for p in sorted((ontology_dir() / "queries").glob("*.rq"))}


BUILD_RDF = ("graph.trig", "graph.ttl")  # a build folder's RDF files, the one with named graphs first


def build_rdf(folder: Path, order: tuple[str, ...] = BUILD_RDF) -> Path | None:
    """The first of a build folder's RDF files (in `order`) that is there, or None."""
    return next((folder / name for name in order if (folder / name).is_file()), None)


def open_store(source: str | Path) -> ox.Store:
    """An in-memory store of a build folder or RDF file, or a read-only persistent store."""
    path = Path(source)
    if not path.exists():
        raise GraphNotFound(f"{path}: no such file or folder")
    if path.is_dir():
        if (path / STORE_MARKER).is_file():
            return ox.Store.read_only(str(path))
        found = build_rdf(path)
        if found is not None:
            return load_file(found)
        raise GraphNotFound(f"{path}: no graph.trig, graph.ttl or kg store in this folder")
    return load_file(path)


def load_file(path: Path) -> ox.Store:
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise GraphNotFound(f"{path}: not an RDF file kg reads (.trig, .ttl, .nt, .nq)")
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as err:
        raise GraphNotFound(f"{path}: cannot read RDF ({err})") from err
    return store


def write_store(rdf: Path, folder: Path) -> None:
    """A persistent store of a build's graph.trig or graph.ttl, for `kg build --store DIR` (queried without
    re-parsing)."""
    folder.mkdir(parents=True, exist_ok=True)
    store = ox.Store(str(folder))
    store.clear()
    store.bulk_load(path=str(rdf), format=RDF_FORMATS[rdf.suffix])
    store.flush()
    (folder / STORE_MARKER).write_text("pyoxigraph store written by kg build --store\n", encoding="utf-8")


def parse_param(value: str) -> ox.NamedNode | ox.Literal:
    """A --param value: <iri>, or a plain string literal."""
    if value.startswith("<") and value.endswith(">"):
        return ox.NamedNode(value[1:-1])
    return ox.Literal(value)


PARAMETERS = re.compile(r"^#\s*Parameters:(.*)$", re.MULTILINE | re.IGNORECASE)
VARIABLE = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")


def declared_parameters(sparql: str) -> dict[str, bool] | None:
    """The parameters a query declares in a comment line ``# Parameters: name (required), other``: name ->
    required. None when it declares none (any of its variables may then be bound)."""
    found = PARAMETERS.search(sparql)
    if found is None:
        return None
    declared = {}
    for item in found.group(1).split(","):
        words = item.split()
        if words:
            declared[words[0].lstrip("?$")] = "(required)" in words[1:]
    return declared


def bind_params(sparql: str, params: dict[str, str]) -> str:
    """Replace each parameter variable (?name or $name) by its value in the query text.

    The bundled queries use parameters only inside patterns and filters, never as output columns, so a
    plain replacement is exact. A query that declares its parameters (see declared_parameters) takes only those,
    and needs its required ones; any other query takes any of its variables. Anything else is an error that
    names what the query takes.
    """
    declared = declared_parameters(sparql)
    if declared is not None:
        unknown = [name for name in params if name not in declared]
        if unknown:
            takes = ", ".join(f"{n}{' (required)' if required else ''}" for n, required in declared.items())
            raise QueryError(f"unknown parameter {unknown[0]!r}: this query takes {takes or 'none'}")
        missing = [name for name, required in declared.items() if required and name not in params]
        if missing:
            raise QueryError(f"this query needs the parameter {missing[0]} (-p {missing[0]}=VALUE)")
    for name, value in params.items():
        pattern = re.compile(rf"[?$]{re.escape(name)}\b")
        if not pattern.search(sparql):
            variables = ", ".join(sorted({f"?{v}" for v in VARIABLE.findall(sparql)})) or "none"
            raise QueryError(f"the query has no variable ?{name} to bind (its variables: {variables})")
        term = str(parse_param(value))
        sparql = pattern.sub(lambda _, term=term: term, sparql)
    return sparql


def run(store: ox.Store, sparql: str, params: dict[str, str] | None = None, limits: TextLimits = LOCAL_LIMITS,
        max_rows: int | None = None) -> Results:
    """Run a SPARQL query (updates are refused: only queries run); params bind variables by name (see
    bind_params; {} checks that none is required).

    The text is checked against limits before it is parsed; more than max_rows rows (or triples) is an error.
    """
    if params is not None:  # None: the text is bound already (or takes no parameters)
        sparql = bind_params(sparql, params)
    problem = query_problem(sparql, limits)
    if problem:
        raise QueryError(problem)
    try:
        answer = store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES)
        if isinstance(answer, ox.QueryBoolean):
            return Results([], [], boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            variables = [v.value for v in answer.variables]
            return Results(variables, [[solution[v] for v in variables] for solution in capped(answer, max_rows)])
        return Results(["subject", "predicate", "object"], [], triples=list(capped(answer, max_rows)))
    except SyntaxError as err:
        raise QueryError(syntax_message(err, sparql)) from err
    except (OSError, RuntimeError, ValueError) as err:
        raise QueryError(f"query failed: {err}") from err


SYNTAX_AT = re.compile(r"at (\d+):(\d+)")
NAME_AT = re.compile(r"[A-Za-z][\w.-]*:")


def syntax_message(err: SyntaxError, sparql: str) -> str:
    """One line for a SPARQL syntax error: an undeclared prefix by its name, else the parser's first line (its
    grammar of expected characters left out)."""
    text = str(err)
    where = SYNTAX_AT.search(text)
    if "Prefix not found" in text and where:
        lines = sparql.splitlines()
        line, column = int(where.group(1)), int(where.group(2))
        before = lines[line - 1][:column] if 0 < line <= len(lines) else ""
        name = NAME_AT.findall(before)
        prefix = name[-1] if name else "a prefix"
        return (f"SPARQL: unknown prefix {prefix} at {line}:{column}; declare it (PREFIX {prefix} <...>) or use "
                f"one kg knows: {', '.join(p + ':' for p in PREFIXES)}")
    first = text.splitlines()[0] if text else "error"
    if len(first) > 120:  # a list of every character the grammar would take
        first = first.split(": expected one of")[0].split(", expected one of")[0]
    return f"SPARQL syntax {first}"


def capped(items, max_rows: int | None):
    """The items, or a QueryError once there are more than max_rows of them."""
    for count, item in enumerate(items, 1):
        if max_rows is not None and count > max_rows:
            raise QueryError(f"more than {max_rows:,} results (the --max-rows limit); add a LIMIT")
        yield item


def formatted_answer(store: ox.Store, job: tuple[str, str, int | None]) -> tuple[bool, str]:
    """A query worker's task for `kg query`: (query, output format, row limit) -> (True, text) or (False, error)."""
    sparql, fmt, max_rows = job
    try:
        return True, format_results(run(store, sparql, max_rows=max_rows), fmt)
    except QueryError as err:
        return False, str(err)


def term_value(term) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.Triple):
        return f"<< {term} >>"
    return term.value


def short(term) -> str:
    """A readable form for tables: prefixed names, plain literal values."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in PREFIXES.items():
            if term.value.startswith(namespace):
                return f"{prefix}:{term.value[len(namespace):]}"
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term_value(term) or ""


def format_results(results: Results, fmt: str = "table", max_width: int = 60) -> str:
    if fmt not in OUTPUT_FORMATS:
        raise ValueError(f"unknown format {fmt!r} (use {', '.join(OUTPUT_FORMATS)})")
    if results.boolean is not None:
        return json.dumps({"head": {}, "boolean": results.boolean}) + "\n" if fmt == "json" \
            else ("true" if results.boolean else "false") + "\n"
    variables, rows = results.variables, results.rows
    if results.triples is not None:
        rows = [[t.subject, t.predicate, t.object] for t in results.triples]
    if fmt == "json":
        return json.dumps(sparql_json(variables, rows), ensure_ascii=False, indent=1) + "\n"
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(variables)
        for row in rows:
            writer.writerow([term_value(t) or "" for t in row])
        return buffer.getvalue()
    cells = [[clip(short(t), max_width) for t in row] for row in rows]
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(variables, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def clip(value: str, width: int) -> str:
    value = " ".join(value.split())
    return value if len(value) <= width else value[: width - 1] + "…"


def sparql_json(variables: list[str], rows) -> dict:
    """SPARQL 1.1 Query Results JSON."""
    bindings = []
    for row in rows:
        binding = {}
        for variable, term in zip(variables, row, strict=True):
            if term is None:
                continue
            if isinstance(term, ox.NamedNode):
                binding[variable] = {"type": "uri", "value": term.value}
            elif isinstance(term, ox.BlankNode):
                binding[variable] = {"type": "bnode", "value": term.value}
            elif isinstance(term, ox.Literal):
                value: dict[str, str] = {"type": "literal", "value": term.value}
                if term.language:
                    value["xml:lang"] = term.language
                elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
                    value["datatype"] = term.datatype.value
                binding[variable] = value
            else:
                binding[variable] = {"type": "triple", "value": str(term)}
        bindings.append(binding)
    return {"head": {"vars": variables}, "results": {"bindings": bindings}}
