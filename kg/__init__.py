"""kg: a dated knowledge graph of news articles (actors, statements, meetings) as RDF and HTML.

The package follows the pipeline: read -> clean -> analyse -> extract -> resolve -> graph -> export.
"""
__version__ = "0.1.0"
