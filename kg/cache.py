"""An article cache for incremental builds: analysis results keyed by article content and pipeline version.

The key hashes the article (id, source, text and metadata) with a fingerprint of the pipeline: kg's version
and the contents of its analysis code, language data and model files. Changing one article re-analyses that article
only; changing the pipeline re-analyses everything. Entries are pickles written atomically; an unreadable
entry is a miss.
"""
from __future__ import annotations

import hashlib
import pickle
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy

from .export import write_atomic
from .lang import folder_digest
from .model import Document

PACKAGE = Path(__file__).resolve().parent


# what decides an article's analysis: the stages up to extraction, the data model they fill, the language
# data and trained models (resolution and export run on every build, so their code does not count)
ANALYSIS_CODE = ("__init__.py", "read.py", "clean.py", "analyse.py", "model.py", "worker.py", "cache.py",
                 "extract", "kinds", "lang", "models", "ner")


@lru_cache(maxsize=8)
def code_fingerprint(lang_code: str, names: tuple[str, ...] | None = None) -> str:
    """A hash of kg's and spaCy's versions and of the package files under `names` (all of them when None),
    counting only this language's data (other languages' data do not count)."""
    from . import __version__

    digest = hashlib.sha256(f"{__version__} spacy {spacy.__version__}".encode())
    roots = [PACKAGE / name for name in names] if names is not None else [PACKAGE]
    paths = [path for root in roots for path in ([root] if root.is_file() else root.rglob("*"))]
    for path in sorted(paths):
        relative = path.relative_to(PACKAGE)
        if not path.is_file() or "__pycache__" in relative.parts:
            continue
        if relative.parts[0] == "lang" and len(relative.parts) > 2 and relative.parts[1] != lang_code:
            continue
        digest.update(str(relative).encode())
        digest.update(path.read_bytes())
    digest.update(folder_digest(lang_code))  # a language folder outside kg
    return digest.hexdigest()


def pipeline_fingerprint(lang_code: str) -> str:
    """What decides an article's analysis: the analysis code, this language's data and the trained models."""
    return code_fingerprint(lang_code, ANALYSIS_CODE)


class ArticleCache:
    def __init__(self, folder: str | Path, lang_code: str = "id"):
        self.folder = Path(folder)
        self.fingerprint = pipeline_fingerprint(lang_code)

    def key(self, document: Document) -> str:
        digest = hashlib.sha256(self.fingerprint.encode())
        for value in (document.id, document.source, document.raw_text, document.title, document.published,
                      document.published_basis, document.url, document.outlet, document.language,
                      sorted(document.extra.items())):
            digest.update(repr(value).encode("utf-8", errors="replace"))
            digest.update(b"\0")
        return digest.hexdigest()

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Any | None:
        path = self.path(key)
        try:
            with path.open("rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            return None

    def put(self, key: str, value: Any) -> None:
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
