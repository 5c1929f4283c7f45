"""The ``kg`` command."""
from __future__ import annotations

import argparse
import logging
import sys

from . import __version__

EXIT_INPUT = 2
EXIT_OUTPUT = 3

BUILD_HELP = """\
Build a dated knowledge graph from news articles.

Inputs are files or folders (searched recursively) of .txt/.md (one article a file), .jsonl (one
article a line: text, optional id, title, url, outlet, published) and .html (main text through
trafilatura). A metadata.csv beside the articles (columns file,published,url,outlet,title) supplies
what the text lacks and wins over it.

Writes into OUTDIR: graph.ttl (all triples), graph.trig (one named graph per article, entities in the
default graph) and graph.html (interactive page that works offline).

Exit status: 0 success, 2 bad input (missing path, no readable article), 3 output folder not writable.
Problems with single articles (empty, binary, malformed JSONL line, bad metadata row) are warnings:
the article is skipped and the build goes on.
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
    build.add_argument("--lang", default="id", metavar="CODE", help="language of the articles (default: id)")
    build.add_argument("--no-html", action="store_true", help="do not write graph.html")
    build.add_argument("-q", "--quiet", action="store_true", help="no progress, warnings or summary on stderr")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    logging.basicConfig(format="kg: warning: %(message)s", level=logging.ERROR if args.quiet else logging.WARNING)
    if args.command == "build":
        return run_build(args, parser)
    return 0


def run_build(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from .build import SAMPLE_DIR, OutputError, build
    from .export.rdf import DEFAULT_BASE
    from .read import InputError

    inputs = list(args.inputs) + ([str(SAMPLE_DIR)] if args.sample else [])
    if not inputs:
        parser.error("build needs at least one INPUT, or --sample")
    try:
        result = build(inputs, args.out, base_iri=args.base_iri or DEFAULT_BASE, lang_code=args.lang,
                       html=not args.no_html, progress=not args.quiet)
    except InputError as err:
        print(f"kg: error: {err}", file=sys.stderr)
        return EXIT_INPUT
    except OutputError as err:
        print(f"kg: error: {err}", file=sys.stderr)
        return EXIT_OUTPUT
    except ValueError as err:  # unknown language code
        print(f"kg: error: {err}", file=sys.stderr)
        return EXIT_INPUT
    if not args.quiet:
        print(result.summary(), file=sys.stderr)
        print("kg: wrote " + ", ".join(str(p) for p in result.outputs), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
