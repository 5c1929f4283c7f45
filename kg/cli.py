"""The ``kg`` command."""
from __future__ import annotations

import argparse
import logging
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from . import __version__
from .read import InputError

EXIT_INPUT = 2
EXIT_OUTPUT = 3
EXIT_INTERRUPTED = 128 + signal.SIGINT  # as a shell reports a command Ctrl-C stopped
EXIT_TERMINATED = 128 + signal.SIGTERM
NER_TOOLS = {"train-ner": "train", "eval-ner": "evaluate"}

BUILD_HELP = """\
Build a dated knowledge graph from news articles.

Inputs are files or folders (searched recursively) of .txt/.md (one article a file), .jsonl (one
article a line: text, optional id, title, url, outlet, published) and .html (main text through
trafilatura). A metadata.csv beside the articles (columns file,published,url,outlet,title) supplies
what the text lacks and wins over it.

Writes into OUTDIR: graph.ttl (all triples) and graph.html (interactive page that works offline); with
--trig also graph.trig (the same triples, one named graph per article, entities in the default graph; a
build without --trig removes the graph.trig of an earlier build with its other outputs). Analysed articles are cached
(OUTDIR/.kg-cache), and the build leaves OUTDIR/.kg-build.state, so that the next build with --no-html
resolves only new articles whose ids sort after the others and copies the rest of the files (a build with the
page resolves every article again, from the cache).

Exit status: 0 success, 2 bad input (missing path, no readable article), 3 output folder not writable
or another build writing into it, 130 Ctrl-C, 143 SIGTERM (the outputs are then the last build's: all
files are replaced together at the end).
Problems with single articles (empty, binary, malformed JSONL line, bad metadata row, an article the
analysis fails on) are warnings: the article is skipped and the build goes on.
"""


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="kg turns folders of news articles into a dated knowledge graph "
                               "(actors, statements, meetings) exported as RDF and an offline HTML page.")
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    build = commands.add_parser("build", help="build the graph of a set of articles",
                                description=BUILD_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    build.add_argument("inputs", nargs="*", metavar="INPUT", help="article files or folders")
    build.add_argument("-o", "--out", required=True, metavar="OUTDIR", help="output folder (created if missing)")
    build.add_argument("--sample", action="store_true", help="also build the sample corpus that ships with kg")
    build.add_argument("--base-iri", default=None, metavar="IRI",
                       help="base IRI of the graph's resources (default https://example.org/kg/)")
    build.add_argument("--lang", default="id", metavar="CODE|DIR",
                       help="language of the articles: a code of kg/lang (default: id) or a language folder")
    build.add_argument("--no-html", action="store_true", help="do not write graph.html")
    build.add_argument("--trig", action="store_true",
                       help="also write graph.trig: graph.ttl's triples with one named graph per article (as large "
                            "again)")
    view = build.add_argument_group("graph.html view (the RDF always holds the whole graph)")
    view.add_argument("--focus", metavar="ENTITY", help="show only this entity (id, name or alias) and its neighbours")
    view.add_argument("--hops", type=int, default=1, metavar="N", help="with --focus: how many steps out (default 1)")
    view.add_argument("--from", dest="date_from", metavar="DATE",
                      help="show only edges dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
    view.add_argument("--to", dest="date_to", metavar="DATE", help="show only edges dated on or before DATE")
    view.add_argument("--max-nodes", type=int, metavar="N",
                      help="show only the N most connected entities (default: all, up to 5,000)")
    build.add_argument("-j", "--workers", default="auto", metavar="N",
                       help="processes analysing articles in parallel (default: auto = all cores for large "
                            "inputs); the output is the same for any N")
    build.add_argument("--cache", metavar="DIR",
                       help="article cache for incremental builds (default: OUTDIR/.kg-cache)")
    build.add_argument("--no-cache", action="store_true", help="analyse every article again, keep no cache")
    build.add_argument("--dask", metavar="ADDRESS",
                       help="run the per-article analysis on a Dask cluster (scheduler address, e.g. tcp://host:8786)")
    build.add_argument("--store", metavar="DIR",
                       help="also write a persistent pyoxigraph store to DIR, for fast `kg query`/`kg serve`")
    build.add_argument("-q", "--quiet", action="store_true", help="no progress, warnings or summary on stderr")

    query = commands.add_parser(
        "query", help="run a SPARQL query on a built graph", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Run SPARQL on a graph: a build folder (its graph.trig, else its graph.ttl), an RDF file "
                    "(.trig, .ttl, .nt, .nq) or a store written by `kg build --store`. The default graph is the union "
                    "of all graphs; the prefixes kgo, rdf, rdfs, skos, schema, xsd, prov and time are predeclared.",
        epilog="bundled queries (--name): " + ", ".join(bundled_query_names()))
    query.add_argument("graph", metavar="OUT_OR_GRAPH", help="build folder, RDF file or store folder")
    query.add_argument("sparql", nargs="?", metavar="QUERY", help="the SPARQL query text")
    source = query.add_mutually_exclusive_group()
    source.add_argument("-f", "--file", metavar="FILE", help="read the query from a file")
    source.add_argument("-n", "--name", metavar="NAME", help="run a bundled query from ontology/queries")
    query.add_argument("--format", default="table", choices=["table", "csv", "tsv", "json"],
                       help="output format (default: an aligned table)")
    query.add_argument("-p", "--param", action="append", default=[], metavar="VAR=VALUE",
                       help="bind a query parameter before running, e.g. --name speaker_statements "
                            "-p speakerName='Antony Blinken' (a value in <...> is an IRI); may repeat; a bundled "
                            "query takes the parameters --list shows")
    query.add_argument("--list", action="store_true", help="list the bundled queries and exit")
    query.add_argument("--max-rows", type=positive_int, default=100_000, metavar="N",
                       help="fail when the query gives more than N rows (default: 100000)")
    add_limit_arguments(query)

    serve = commands.add_parser(
        "serve", help="serve a built graph as a read-only SPARQL endpoint",
        description="A SPARQL 1.1 Protocol endpoint at http://HOST:PORT/sparql (GET and POST; JSON, XML, CSV or "
                    "TSV results by content negotiation). Updates are refused. Stop it with Ctrl-C.")
    serve.add_argument("graph", metavar="OUT_OR_GRAPH", help="build folder, RDF file or store folder")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=7878, help="port to listen on (default: 7878)")
    serve.add_argument("-v", "--verbose", action="store_true", help="log each request on stderr")
    serve.add_argument("--workers", type=positive_int, default=2, metavar="N",
                       help="query processes, the queries that run at once (default: 2)")
    serve.add_argument("--threads", type=positive_int, default=64, metavar="N",
                       help="connections handled at once; more wait in a queue of 128, then get 503 (default: 64)")
    serve.add_argument("--max-result-mb", type=positive_int, default=64, metavar="MB",
                       help="refuse a result larger than MB megabytes (default: 64)")
    serve.add_argument("--cors", metavar="ORIGIN",
                       help="let web pages of ORIGIN (e.g. https://example.org, or *) query the endpoint")
    add_limit_arguments(serve)

    push = commands.add_parser(
        "push", help="push a built graph into an external SPARQL store",
        description="Send every graph of OUT/graph.trig (entities in the default graph, one graph per article) "
                    "to a SPARQL 1.1 Graph Store HTTP Protocol endpoint with PUT, replacing those graphs; a build "
                    "without graph.trig (no --trig) sends graph.ttl as the default graph. "
                    "Oxigraph server's endpoint is http://HOST:PORT/store.")
    push.add_argument("graph", metavar="OUT_OR_FILE", help="build folder, graph.trig or graph.ttl file")
    push.add_argument("--endpoint", required=True, metavar="URL", help="Graph Store endpoint URL")

    evaluation = commands.add_parser(
        "eval", help="build articles in memory and measure the facts against gold annotations",
        description="Build the articles in memory (no files written) and compare entities, statements and "
                    "meetings with gold annotations (one JSON file per article, the benchmark's schema): each "
                    "article's misses and spurious facts, precision/recall/F1, and a report of every rule (speech "
                    "cue, meeting trigger, title, date basis, chrome rule): how often it fired and how often what "
                    "it made was right.")
    evaluation.add_argument("inputs", nargs="+", metavar="INPUT", help="article files or folders")
    evaluation.add_argument("--gold", required=True, metavar="DIR", help="folder of gold JSON files")
    evaluation.add_argument("--scorer", metavar="KG_SCORE_PY",
                            help="also write the build's Turtle to a temporary folder and print the overall lines of "
                                 "this scorer (the benchmark's kg_score.py) for it")
    evaluation.add_argument("--lang", default="id", metavar="CODE|DIR",
                            help="language of the articles: a code of kg/lang (default: id) or a language folder")
    evaluation.add_argument("--no-documents", action="store_true", help="leave out the per-article lines")
    evaluation.add_argument("--no-rules", action="store_true", help="leave out the per-rule report")

    validation = commands.add_parser(
        "validate", help="check a built graph against the SHACL shapes",
        description="Validate OUT/graph.trig (all its graphs together; graph.ttl when the build wrote no TriG) "
                    "against the SHACL shapes of kg's ontology "
                    "(ontology/shapes.ttl, with ontology/kg.ttl as the ontology and RDFS inference) through pyshacl. "
                    "Prints whether it conforms, then each violation as one line: focus node, property path, "
                    "message. Exit status: 0 conforms, 1 violations, 2 unreadable graph, shapes or ontology.")
    validation.add_argument("graph", metavar="OUT_OR_FILE", help="build folder, TriG or Turtle file")
    validation.add_argument("--shapes", metavar="FILE", help="SHACL shapes to use instead of kg's shapes.ttl")
    validation.add_argument("--ontology", metavar="FILE", help="ontology to use instead of kg's kg.ttl")
    validation.add_argument("--inference", default="rdfs", choices=["rdfs", "none"],
                            help="rdfs (default) types resources by their properties' domains and ranges before "
                                 "checking; none is faster and checks only what the data types itself")
    validation.add_argument("--limit", type=int, default=50, metavar="N",
                            help="print at most N violations (default 50), then how many more there are")

    export = commands.add_parser(
        "export", help="write a built graph as CSV, GraphML, GEXF (Gephi) or JSON Lines",
        description="Write the entities and dated edges of a build (the build's nodes and edges, read from "
                    "OUT/graph.ttl, else graph.trig) with every attribute: kind, date and its precision, speech act, "
                    "CAMEO code with its quad class and Goldstein score, status, mode, quote, cue, article, outlet, "
                    "URL, sentence. csv: nodes.csv and edges.csv in a folder (default OUT/export/); graphml: for "
                    "networkx and Gephi (lists joined with '; '); gexf: GEXF 1.3 with dynamic time, so that Gephi's "
                    "timeline plays the graph; jsonl: one object a line, nodes then edges (field \"type\"). "
                    "Exit status: 0 written, 2 unreadable graph, 3 output not writable.")
    export.add_argument("graph", metavar="OUT", help="build folder (or an RDF file or store)")
    export.add_argument("--format", required=True, choices=["csv", "graphml", "gexf", "jsonl"],
                        help="the file format")
    export.add_argument("-o", "--output", metavar="PATH",
                        help="csv: a folder; others: a file (default OUT/export/ or OUT/export/graph.FORMAT)")

    report = commands.add_parser(
        "report", help="write a summary of a build as an offline HTML page and Markdown",
        description="Summarise a build's corpus (read through SPARQL from OUT/graph.trig, else graph.ttl): articles "
                    "per outlet and per day, the most active speakers and their speech acts, a who-met-whom matrix, "
                    "the busiest days, and the entities that appear in or vanish before the last quarter of the "
                    "corpus's dates, with figures drawn by matplotlib; entities link to their graph.html entry. "
                    "Writes report.html (figures inline, works offline), report.md and report-files/*.png. "
                    "Exit status: 0 written, 2 unreadable graph, 3 output not writable.")
    report.add_argument("graph", metavar="OUT", help="build folder (or an RDF file)")
    report.add_argument("-o", "--output", metavar="DIR", help="folder to write the report into (default: OUT)")
    report.add_argument("--top", type=positive_int, default=10, metavar="N",
                        help="speakers, meeting participants and days listed (default: 10)")

    for name, text in (("train-ner", "train the Indonesian NER that ships in kg/lang/id/ner (see kg train-ner -h)"),
                       ("eval-ner", "print the NER's precision, recall and F1 per label on the test splits")):
        tool = commands.add_parser(name, help=text, add_help=False)
        tool.add_argument("args", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    return parser


def add_limit_arguments(command: argparse.ArgumentParser) -> None:
    """The limits `kg query` and `kg serve` share."""
    command.add_argument("--timeout", type=positive_float, default=30.0, metavar="SECONDS",
                         help="stop a query that runs longer (default: 30)")
    command.add_argument("--max-memory", type=positive_int, default=2048, metavar="MB",
                         help="stop a query that needs more memory than MB megabytes beyond the graph (default: 2048)")
    command.add_argument("--allow-service", action="store_true",
                         help="let queries fetch from other endpoints with SERVICE (refused by default)")


def positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, not {value!r}")
    return int(value)


def positive_float(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = 0.0
    if not 0 < number < 1e9:
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, not {value!r}")
    return number


def bundled_query_names() -> list[str]:
    from .sparql import bundled_queries

    return list(bundled_queries())


def configure_logging(quiet: bool) -> None:
    """kg's own warnings as "kg: warning: ..."; libraries (trafilatura, htmldate ...) only on errors."""
    logging.basicConfig(format="kg: %(name)s: %(message)s", level=logging.ERROR)
    own = logging.getLogger("kg")
    if not own.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("kg: warning: %(message)s"))
        own.addHandler(handler)
    own.propagate = False
    own.setLevel(logging.ERROR if quiet else logging.WARNING)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in NER_TOOLS:  # their own argument parsers take every option, --help included
        module = __import__(f"kg.ner.{NER_TOOLS[argv[0]]}", fromlist=["main"])
        return module.main(argv[1:])
    parser = make_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    configure_logging(getattr(args, "quiet", False))
    if args.command == "build":
        return run_build(args, parser)
    if args.command == "query":
        return run_query(args, parser)
    if args.command == "serve":
        return run_serve(args)
    if args.command == "push":
        return run_push(args)
    if args.command == "eval":
        return run_eval(args)
    if args.command == "validate":
        return run_validate(args)
    if args.command == "export":
        return run_export(args)
    if args.command == "report":
        return run_report(args)
    return 0


def run_eval(args: argparse.Namespace) -> int:
    import subprocess
    import tempfile
    from pathlib import Path

    from .evaluate import Evaluation, GoldError, format_report, load_gold
    from .export import atomic_open
    from .export.rdf import write_rdf
    from .pipeline import run_pipeline
    from .settings import Settings

    try:
        gold = load_gold(args.gold)
        result = run_pipeline(args.inputs, Settings(args.lang, progress=False))
    except (GoldError, InputError, ValueError) as err:
        return fail(err, EXIT_INPUT)
    evaluation = Evaluation(result.corpus, gold)
    sys.stdout.write(format_report(evaluation, documents=not args.no_documents, rules=not args.no_rules))
    if args.scorer:
        with tempfile.TemporaryDirectory() as folder:
            turtle = Path(folder) / "graph.ttl"
            with atomic_open(turtle) as ttl:
                write_rdf(result.graph, ttl)
            queries = Path(__file__).resolve().parent / "ontology" / "queries"
            if not queries.is_dir():  # a source checkout: the queries are in the top-level ontology/ folder
                queries = Path(__file__).resolve().parent.parent / "ontology" / "queries"
            try:
                scored = subprocess.run([sys.executable, args.scorer, "--rdf", str(turtle), "--queries", str(queries),
                                         "--gold", args.gold, "--quiet"], capture_output=True, text=True, check=False)
            except OSError as err:
                return fail(f"{args.scorer}: cannot run the scorer ({err.strerror})", EXIT_INPUT)
            if scored.returncode:
                return fail(f"{args.scorer}: {(scored.stderr.strip().splitlines() or ['failed'])[-1]}", EXIT_INPUT)
            print(f"== {args.scorer}")
            sys.stdout.write(scored.stdout)
    return 0


def run_push(args: argparse.Namespace) -> int:
    from .push import PushError, push

    try:
        report = push(args.graph, args.endpoint)
    except PushError as err:
        return fail(err, EXIT_OUTPUT)
    print(f"kg: pushed {report.graphs} graphs ({report.triples} triples) to {args.endpoint}", file=sys.stderr)
    return 0


def run_query(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from .query_guard import TextLimits, query_problem
    from .query_worker import QueryStopped, QueryWorker
    from .sparql import (
        GraphNotFound,
        QueryError,
        bind_params,
        bundled_queries,
        declared_parameters,
        formatted_answer,
        open_store,
    )

    queries = bundled_queries()
    if args.list:
        for name, path in queries.items():
            text = path.read_text(encoding="utf-8")
            first = next((line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#")), "")
            declared = declared_parameters(text) or {}
            takes = "".join(f" -p {n}=...{'' if required else ' (optional)'}" for n, required in declared.items())
            print(f"{name:24s} {first}{takes}")
        return 0
    if args.name:
        if args.name not in queries:
            print(f"kg: error: no bundled query {args.name!r} (bundled: {', '.join(queries)})", file=sys.stderr)
            return EXIT_INPUT
        sparql = queries[args.name].read_text(encoding="utf-8")
    elif args.file:
        try:
            sparql = open(args.file, encoding="utf-8").read()
        except OSError as err:
            print(f"kg: error: {args.file}: cannot read query ({err.strerror})", file=sys.stderr)
            return EXIT_INPUT
    elif args.sparql:
        sparql = args.sparql
    else:
        parser.error("query needs QUERY, --file or --name")
    params = {}
    for item in args.param:
        name, sep, value = item.partition("=")
        if not sep or not name.strip().lstrip("?$"):
            print(f"kg: error: --param {item!r}: expected VAR=VALUE", file=sys.stderr)
            return EXIT_INPUT
        params[name.strip().lstrip("?$")] = value
    limits = TextLimits(allow_service=args.allow_service)
    where = args.file or (f"query {args.name}" if args.name else "query")
    try:
        sparql = bind_params(sparql, params)
        problem = query_problem(sparql, limits)
        if problem:
            raise QueryError(problem)
        store = open_store(args.graph)
        worker = QueryWorker(store, formatted_answer, args.timeout, args.max_memory)
        try:
            done, text = worker.call((sparql, args.format, args.max_rows))
        finally:
            worker.kill()
    except GraphNotFound as err:
        return fail(err, EXIT_INPUT)
    except (QueryError, QueryStopped) as err:
        print(f"kg: error: {where}: {err}", file=sys.stderr)
        return EXIT_INPUT
    if not done:
        print(f"kg: error: {where}: {text}", file=sys.stderr)
        return EXIT_INPUT
    sys.stdout.write(text)
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from .query_guard import TextLimits
    from .serve import ServeLimits, make_server
    from .sparql import GraphNotFound, open_store

    limits = ServeLimits(text=TextLimits(allow_service=args.allow_service), timeout=args.timeout,
                         max_memory_mb=args.max_memory, max_result_mb=args.max_result_mb, workers=args.workers,
                         threads=args.threads, cors=args.cors)
    try:
        store = open_store(args.graph)
        server = make_server(store, args.host, args.port, verbose=args.verbose, limits=limits)
    except GraphNotFound as err:
        return fail(err, EXIT_INPUT)
    except OSError as err:
        print(f"kg: error: cannot listen on {args.host}:{args.port} ({err.strerror})", file=sys.stderr)
        return EXIT_OUTPUT
    print(f"kg: serving {len(store)} triples at http://{args.host}:{server.server_address[1]}/sparql "
          "(read-only); Ctrl-C stops", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def run_validate(args: argparse.Namespace) -> int:
    from .validate import ValidationInputError, format_report, validate

    try:
        report = validate(args.graph, args.shapes, args.ontology, args.inference)
    except ValidationInputError as err:
        return fail(err, EXIT_INPUT)
    sys.stdout.write(format_report(report, args.graph, max(args.limit, 0)))
    return 0 if report.conforms else 1


def run_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .export.flat import read_graph
    from .export.tables import default_path, write_export
    from .sparql import GraphNotFound

    source = Path(args.graph)
    try:
        graph = read_graph(source)
    except GraphNotFound as err:
        return fail(err, EXIT_INPUT)
    if args.output:
        target = Path(args.output)
    elif source.is_dir():
        target = default_path(source, args.format)
    else:  # an RDF file: beside it
        target = default_path(source.parent, args.format)
    try:
        written = write_export(graph, args.format, target)
    except OSError as err:
        return fail(f"{err.filename or target}: cannot write ({err.strerror or err})", EXIT_OUTPUT)
    print(f"kg: wrote {', '.join(str(p) for p in written)} ({graph.number_of_nodes()} nodes, "
          f"{graph.number_of_edges()} edges)", file=sys.stderr)
    return 0


def run_report(args: argparse.Namespace) -> int:
    from .report import write_report
    from .sparql import GraphNotFound, QueryError

    try:
        written = write_report(args.graph, args.output, args.top)
    except (GraphNotFound, QueryError) as err:
        return fail(err, EXIT_INPUT)
    except OSError as err:
        return fail(f"{err.filename or args.output or args.graph}: cannot write ({err.strerror or err})", EXIT_OUTPUT)
    print(f"kg: wrote {written[-1]}, {written[-2]} ({len(written) - 2} figures)", file=sys.stderr)
    return 0


def fail(message: object, code: int) -> int:
    """Print a one-line error and give the exit status."""
    print(f"kg: error: {message}", file=sys.stderr)
    return code


def parse_workers(value: str) -> int:
    """'auto' (0: decided from the input size) or a positive number of processes."""
    if value == "auto":
        return 0
    if not value.isdigit() or int(value) < 1:
        raise InputError(f"--workers {value!r}: expected a positive number or 'auto'")
    return int(value)


class Terminated(BaseException):
    """SIGTERM arrived: raised in the main thread, so the build unwinds (removing its temporary files, stopping
    its workers) as on Ctrl-C. A BaseException, as KeyboardInterrupt is: no `except Exception` may swallow it."""


@contextmanager
def stoppable() -> Iterator[None]:
    """Ctrl-C raises KeyboardInterrupt and SIGTERM Terminated in the block; a second signal is ignored while the
    first unwinds it (so the clean-up runs to the end)."""
    def stop(signum: int, frame: object) -> None:
        for ignored in (signal.SIGINT, signal.SIGTERM):
            signal.signal(ignored, signal.SIG_IGN)
        raise KeyboardInterrupt if signum == signal.SIGINT else Terminated

    try:  # a signal ignored when kg started (nohup, a background job) stays ignored
        previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGINT, signal.SIGTERM)
                    if signal.getsignal(signum) is not signal.SIG_IGN}
    except ValueError:  # not the main thread: signals are not ours to handle
        yield
        return
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def run_build(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from .iris import DEFAULT_BASE
    from .pipeline import SAMPLE_DIR, OutputError, build
    from .read import InputError

    inputs = list(args.inputs) + ([str(SAMPLE_DIR)] if args.sample else [])
    if not inputs:
        parser.error("build needs at least one INPUT, or --sample")
    try:
        workers = parse_workers(args.workers)
        view = {key: value for key, value in (("focus", args.focus), ("date_from", args.date_from),
                                              ("date_to", args.date_to), ("max_nodes", args.max_nodes)) if value}
        if args.focus:
            view["hops"] = args.hops
        with stoppable():
            result = build(inputs, args.out, base_iri=args.base_iri or DEFAULT_BASE, lang_code=args.lang,
                           html=not args.no_html, progress=not args.quiet, store=args.store, workers=workers,
                           cache=False if args.no_cache else (args.cache or True), dask=args.dask,
                           view=view or None, trig=args.trig)
    except InputError as err:
        return fail(err, EXIT_INPUT)
    except OutputError as err:
        return fail(err, EXIT_OUTPUT)
    except ValueError as err:  # unknown language code, --focus matching nothing, a bad --from/--to date
        return fail(err, EXIT_INPUT)
    except KeyboardInterrupt:
        return fail("interrupted (no output is half-written)", EXIT_INTERRUPTED)
    except Terminated:
        return fail("terminated (no output is half-written)", EXIT_TERMINATED)
    if not args.quiet:
        print(result.summary(), file=sys.stderr)
        print("kg: wrote " + ", ".join(str(p) for p in result.outputs), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
