"""How a build runs: one settings object that the command line and kg.build make and every stage reads."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .iris import DEFAULT_BASE


@dataclass(frozen=True)
class Settings:
    """What a build was asked for, beyond its inputs and output folder."""

    lang_code: str = "id"  # a folder of kg/lang/, or a path to a language folder
    base_iri: str = DEFAULT_BASE
    progress: bool = True  # progress lines on stderr
    workers: int = 1  # analysis and rendering processes; 0: all cores once the corpus is large enough
    cache: Path | None = None  # the article cache folder; None: no cache
    dask: str | None = None  # a Dask scheduler to analyse on, instead of local processes
    trig: bool = False  # also write graph.trig (one named graph per article) beside graph.ttl
