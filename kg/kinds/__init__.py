"""The registry of fact kinds: each kind of dated fact (statement, meeting, event, sanction ...) is one module
of this package that registers a ``FactKind``; the core (extraction, resolution, graph, RDF, HTML, build counts)
loops over the registered kinds and never names one.

A kind brings: its record type, the language-data files it reads, its sentence extractor (drafts), how a draft
becomes a record (participants; dates are resolved for all kinds alike), its graph edges, its RDF triples, its
provenance-panel fields and edge style for the HTML page, and the names of its ontology class and SHACL shape
(ontology/kg.ttl and ontology/shapes.ttl are the assembled files; tests/test_kinds.py checks each kind's
class and shape are in them).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

REGISTRY: dict[str, FactKind] = {}
BY_TYPE: dict[type, FactKind] = {}


@dataclass(frozen=True)
class Style:
    """How the HTML page draws a kind's edges: colour, arrow, width (None: the page's defaults)."""

    colour: str
    arrows: str = ""
    width: float | None = 2.5
    listed_when_absent: bool = True  # kept in the legend even when the graph has none of them


class FactKind:
    """One kind of fact. Subclasses set the class attributes and implement the methods; ``register`` adds one."""

    name: ClassVar[str]
    order: ClassVar[int] = 100  # place in the kinds' order (of the page's legend and the build summary)
    record_type: ClassVar[type]
    data_files: ClassVar[tuple[str, ...]] = ()  # language-data files it reads (in kg/lang/<code>/)
    ontology_class: ClassVar[str]  # e.g. "kgo:Statement", defined in ontology/kg.ttl
    shape: ClassVar[str]  # e.g. "kgs:StatementShape", defined in ontology/shapes.ttl
    style: ClassVar[Style]
    attrs_type: ClassVar[type] = dict  # what its drafts carry besides mentions (a dataclass, or a plain dict)
    acting: ClassVar[bool] = True  # its actors and addressees mark their mentions as acting (kept by resolution)

    def extract(self, context: Any, sentence: Any) -> list:
        """The drafts of this kind in one sentence."""
        raise NotImplementedError

    def record(self, draft: Any, actors: list[str], place: str | None, report_date: str | None) -> Any:
        """The record of a draft (entity ids resolved), or None when it lacks the parties it needs."""
        raise NotImplementedError

    def edges(self, record: Any) -> list[tuple[str, str, str]]:
        """(source, target, role) graph edges of a record."""
        raise NotImplementedError

    def triples(self, record: Any, iris: Any) -> Iterator[tuple[str, str, str]]:
        """The kind-specific RDF triples (type and roles); evidence, date, cue and CAMEO code are common."""
        raise NotImplementedError

    def panel(self, record: Any) -> dict:
        """The kind-specific fields the HTML provenance panel shows."""
        raise NotImplementedError

    def merge(self, records: list, entities: dict) -> list:
        """An article's records of this kind with those reported twice made one (default: as they are)."""
        return records

    def participants(self, record: Any) -> list[str]:
        """The entities acting in a record (for the dating rules)."""
        return list(record.participants)


def register(kind_class: type[FactKind]) -> type[FactKind]:
    """Class decorator: register a fact kind under its name."""
    kind = kind_class()
    REGISTRY[kind.name] = kind
    BY_TYPE[kind.record_type] = kind
    return kind_class


def load_builtin() -> None:
    """Import every module of this package: each registers its kind (a new kind is a new module, nothing else)."""
    import importlib
    import pkgutil
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    ordered = sorted(REGISTRY.values(), key=lambda k: (k.order, k.name))
    REGISTRY.clear()
    REGISTRY.update((k.name, k) for k in ordered)


def kinds() -> list[FactKind]:
    """The registered kinds in their order."""
    if not REGISTRY:
        load_builtin()
    return list(REGISTRY.values())


def kind(name: str) -> FactKind:
    if not REGISTRY:
        load_builtin()
    return REGISTRY[name]


def kind_of(record: Any) -> FactKind:
    if not REGISTRY:
        load_builtin()
    return BY_TYPE[type(record)]


def count(records: list) -> dict[str, int]:
    """How many records of each registered kind (every kind listed, zero included)."""
    counts = {k.name: 0 for k in kinds()}
    for record in records:
        counts[kind_of(record).name] += 1
    return counts


Extractor = Callable[[Any, Any], list]
