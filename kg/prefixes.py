"""The RDF vocabularies kg writes and queries, one table for every output and the endpoint: the prefixes of the
files' headers (in this order), of `kg query`, `kg serve`, `kg push` and kg.to_rdflib."""
from __future__ import annotations

PREFIXES = {
    "kgo": "https://w3id.org/kg-news/ontology#",
    "schema": "https://schema.org/",
    "time": "http://www.w3.org/2006/time#",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}


class Namespace:
    """Terms of one vocabulary as Turtle prefixed names, made once: KGO.speaker -> "kgo:speaker"."""

    def __init__(self, prefix: str):
        self._prefix = prefix
        self._cache: dict[str, str] = {}

    def __getitem__(self, name: str) -> str:
        term = self._cache.get(name)
        if term is None:
            term = self._cache[name] = f"{self._prefix}:{name}"
        return term

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        term = self[name]
        setattr(self, name, term)  # later lookups are plain attribute reads (the export makes millions)
        return term


KGO, SCHEMA, TIME, SKOS, RDFS, XSD = (Namespace(p) for p in ("kgo", "schema", "time", "skos", "rdfs", "xsd"))
