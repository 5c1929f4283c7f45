"""Names of kg's own resources: entity slugs, and IRIs under the build's base written as Turtle references."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote

import pyoxigraph as ox

DEFAULT_BASE = "https://example.org/kg/"


@lru_cache(maxsize=1 << 18)  # resolution slugs every mention's name: news repeats a few thousand names
def slug(text: str) -> str:
    """A name as an IRI path segment: accents dropped, case-folded, runs of other characters one '-'."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


class Iris:
    """IRIs of kg's own resources, as Turtle IRI references: relative to the base, which the files declare with
    @base (a fifth of their size is otherwise the base repeated), unless the base ends with "#" or the path could
    resolve elsewhere ("../x", "/x")."""

    def __init__(self, base: str = DEFAULT_BASE):
        self.base = base if base.endswith(("/", "#")) else base + "/"
        ox.NamedNode(self.base)  # a base that is no IRI fails here, before anything is written
        self.relative = self.base.endswith("/")
        self._entities: dict[str, str] = {}

    def __call__(self, path: str) -> str:
        # every character outside [A-Za-z0-9/-_.~] is percent-encoded, so the reference needs no escaping
        reference = path if SAFE_PATH.fullmatch(path) else quote(path, safe="/-_.~")
        if self.relative and RELATIVE_PATH.fullmatch(reference):
            return f"<{reference}>"
        return f"<{self.base}{reference}>"

    def entity(self, entity_id: str) -> str:
        iri = self._entities.get(entity_id)
        if iri is None:
            iri = self._entities[entity_id] = self(f"entity/{entity_id}")
        return iri

    def document(self, doc_id: str) -> str:
        return self(f"doc/{doc_id}")

    def graph(self, doc_id: str) -> str:
        return self(f"graph/{doc_id}")


SAFE_PATH = re.compile(r"[A-Za-z0-9/\-_.~]*")
RELATIVE_PATH = re.compile(r"(?![./])(?!(?:.*/)?\.\.?(?:/|$)).+")  # no leading "/" or ".", no "." or ".." segment
