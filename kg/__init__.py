"""kg: a dated knowledge graph of news articles (actors, statements, meetings) as RDF and HTML.

The package follows the pipeline: read -> clean -> analyse -> extract -> resolve -> graph -> export.
The Python API (``kg.build``, ``kg.load``, ``kg.query``, ``kg.to_networkx``, ``kg.to_rdflib``) lives in kg/api.py.
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["build", "load", "query", "to_networkx", "to_rdflib", "__version__"]


def __getattr__(name: str):
    # Imported on first use, so `import kg` (and the CLI's --help) stays fast.
    if name in ("build", "load", "query", "to_networkx", "to_rdflib", "Graph"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
