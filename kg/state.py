"""What a build keeps for the next one, so that adding articles costs the new articles, not the corpus.

Saved beside the outputs (``OUTDIR/.kg-build.state``, data only: see kg.codec) after every build with a cache (with
the page, PageState too: what the page shows of each article, ``OUTDIR/.kg-page.state``):
the resolver with its corpus tables (see kg.resolve.Resolver), the cache key of every article it resolved, whether
it wrote graph.trig, where each article's block lies in graph.ttl (and graph.trig), the size and modification time
of those files, and what each input file gave (an input file that keeps its size, modification time and inode is
not read again). The next build uses it only when all of these hold:
- the same kg code, language data and models (a fingerprint of the whole package), the same base IRI, and the
  same files asked for (a build with --trig after one without, or the reverse, starts from scratch);
- the outputs are the files it describes (nobody rewrote them since);
- every article it knows is still there with the same content; the others are new and sort after them.
Then only the new articles are resolved (the resolver says when they would change an earlier article's
entities; the build then resolves everything again) and their blocks are appended to copies of the old ones.
A state file that is not ours or not whole is discarded with a warning and the build starts from scratch; the
pickle earlier versions wrote (``.kg-build.pickle``) is never loaded, only removed.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import codec
from .cache import code_fingerprint
from .export.html import PageArticle
from .export.rdf import Layout
from .read import FileRecord
from .resolve import Resolver

log = logging.getLogger("kg")
STATE_NAME = ".kg-build.state"
PAGE_STATE_NAME = ".kg-page.state"
LEGACY_STATE_NAME = ".kg-build.pickle"  # what kg wrote before the state was data: never unpickled
TURTLE, TRIG = "graph.ttl", "graph.trig"


def outputs(trig: bool) -> tuple[str, ...]:
    """The RDF files a build writes, in the order of their ranges in a Layout."""
    return (TURTLE, TRIG) if trig else (TURTLE,)


def output_stamps(out_dir: Path, trig: bool) -> list[tuple[int, int, int]] | None:
    """(size, modification time, inode) of each output file; None when one is missing."""
    try:
        return [(st.st_size, st.st_mtime_ns, st.st_ino)
                for st in (os.stat(out_dir / name) for name in outputs(trig))]
    except OSError:
        return None


@dataclass
class Totals:
    """Counts over the articles of a build (for its summary)."""

    edges: int = 0
    statements: int = 0
    meetings: int = 0


@dataclass
class BuildState:
    fingerprint: str
    base: str
    resolver: Resolver
    articles: dict[str, str]  # article id -> cache key, of the articles resolved (in id order)
    skipped: dict[str, tuple[str, str]]  # article id -> (cache key, warning), of articles cleaning left empty
    layout: Layout
    inputs: dict[str, FileRecord]  # what reading each input file gave (absolute path -> record)
    totals: Totals = field(default_factory=Totals)
    trig: bool = False  # whether the build wrote graph.trig beside graph.ttl
    stamps: list[tuple[int, int, int]] | None = None

    @staticmethod
    def fingerprint_of(lang_code: str) -> str:
        return code_fingerprint(lang_code)

    def save(self, out_dir: Path) -> None:
        self.stamps = output_stamps(out_dir, self.trig)
        codec.write(out_dir / STATE_NAME, codec.STATE_MAGIC, self.to_data())

    def to_data(self) -> tuple:
        return (self.fingerprint, self.base, self.resolver.to_data(), self.articles, self.skipped, self.layout,
                {name: codec.file_record_data(r) for name, r in self.inputs.items()},
                (self.totals.edges, self.totals.statements, self.totals.meetings), self.trig, self.stamps)

    @classmethod
    def from_data(cls, data: Any) -> BuildState:
        fingerprint, base, resolver, articles, skipped, layout, inputs, totals, trig, stamps = data
        return cls(str(fingerprint), str(base), Resolver.from_data(resolver), dict(articles),
                   {doc_id: tuple(entry) for doc_id, entry in skipped.items()}, dict(layout),
                   {name: codec.file_record_from(r) for name, r in inputs.items()}, Totals(*totals), bool(trig),
                   None if stamps is None else [tuple(s) for s in stamps])

    @classmethod
    def load(cls, out_dir: Path, lang_code: str, base: str, trig: bool = False) -> BuildState | None:
        """The state of the last build into out_dir, if it still describes the outputs there and wrote
        the same files (graph.trig or not) as the build asking."""
        legacy = out_dir / LEGACY_STATE_NAME
        if legacy.exists():
            codec.discard(legacy, "the build state of an earlier kg (a pickle)", "never loaded")
        state = codec.read(out_dir / STATE_NAME, codec.STATE_MAGIC, cls.from_data, "building from scratch")
        if state is None or state.fingerprint != cls.fingerprint_of(lang_code) or state.base != base \
                or state.trig != trig or state.stamps is None or state.stamps != output_stamps(out_dir, trig):
            return None
        return state

    @staticmethod
    def remove(out_dir: Path) -> None:
        (out_dir / STATE_NAME).unlink(missing_ok=True)
        (out_dir / LEGACY_STATE_NAME).unlink(missing_ok=True)

    def keys(self) -> dict[str, str]:
        """Article id -> cache key, of every article this state knows (resolved or skipped)."""
        return {**self.articles, **{doc_id: key for doc_id, (key, _) in self.skipped.items()}}

    def new_articles(self, keys: dict[str, str]) -> list[str] | None:
        """Of the corpus's articles (id -> cache key), the ids this state does not know, when it knows all the
        others unchanged; else None (an article changed or went away)."""
        known = self.keys()
        if any(keys.get(doc_id) != key for doc_id, key in known.items()):
            return None
        return [doc_id for doc_id in keys if doc_id not in known]


@dataclass
class PageState:
    """What graph.html shows of each article of the last build with the page (kg.export.html.PageArticle), kept
    beside its build state (``OUTDIR/.kg-page.state``): the next build with the page draws it from these and the
    new articles alone, instead of resolving every article again. It counts only beside the build state of the
    same build (the same code and the same articles with the same cache keys)."""

    fingerprint: str
    articles: dict[str, str]  # article id -> cache key, as in the build state
    pages: dict[str, PageArticle]

    def save(self, out_dir: Path) -> None:
        codec.write(out_dir / PAGE_STATE_NAME, codec.PAGE_MAGIC,
                    (self.fingerprint, self.articles, list(self.pages.values())))  # tuples: msgpack arrays

    @classmethod
    def from_data(cls, data: Any) -> PageState:
        fingerprint, articles, pages = data
        return cls(str(fingerprint), dict(articles), {page.doc_id: page for page in map(PageArticle.from_data, pages)})

    @classmethod
    def load(cls, out_dir: Path, state: BuildState) -> dict[str, PageArticle] | None:
        """The page's articles of the build `state` describes; None when there are none (that build had no page,
        or this file is another build's)."""
        page = codec.read(out_dir / PAGE_STATE_NAME, codec.PAGE_MAGIC, cls.from_data, "drawing the page from scratch")
        if page is None or page.fingerprint != state.fingerprint or page.articles != state.articles:
            return None
        return page.pages

    @staticmethod
    def remove(out_dir: Path) -> None:
        (out_dir / PAGE_STATE_NAME).unlink(missing_ok=True)
