"""An article cache for incremental builds: analysis results keyed by article content and pipeline version.

The key hashes the article (id, source, text and metadata) with a fingerprint of the pipeline: kg's version
and the contents of its analysis code, language data and model files. Changing one article re-analyses that article
only; changing the pipeline re-analyses everything. Entries are data (kg.codec: loading one runs no code),
written atomically; an entry that cannot be read, is not ours or is damaged is discarded with a warning naming it
and the article is analysed again. Entries of earlier versions (pickles) are never loaded, only removed.
"""
from __future__ import annotations

import hashlib
import logging
from functools import lru_cache
from pathlib import Path

import spacy

from . import codec
from .lang import folder_digest
from .model import Document
from .worker import ArticleResult

log = logging.getLogger("kg")

PACKAGE = Path(__file__).resolve().parent


# what decides an article's analysis: the stages up to extraction, the data model they fill, the language
# data and trained models (resolution and export run on every build, so their code does not count)
ANALYSIS_CODE = ("__init__.py", "read.py", "clean.py", "analyse.py", "model.py", "worker.py", "cache.py",
                 "codec.py", "extract", "kinds", "lang", "ner")


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
        return self.folder / key[:2] / f"{key}.entry"

    def get(self, key: str) -> ArticleResult | None:
        """The cached result of the article with this key; None when there is none (or none usable)."""
        path = self.path(key)
        found = codec.read(path, codec.CACHE_MAGIC, codec.result_from, "analysing the article again")
        if found is None:
            self.drop_legacy(path.with_suffix(".pickle"))
        return found

    def put(self, key: str, value: ArticleResult) -> None:
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        codec.write(path, codec.CACHE_MAGIC, codec.result_data(value))

    def drop_legacy(self, path: Path) -> None:
        """Remove an entry an earlier kg wrote as a pickle (never loaded), saying so once per cache."""
        try:
            path.unlink()
        except OSError:
            return
        if self.folder not in LEGACY_WARNED:
            LEGACY_WARNED.add(self.folder)
            log.warning(f"{self.folder}: removing article cache entries of an earlier kg (pickles, never loaded)")


LEGACY_WARNED: set[Path] = set()  # caches whose pickle entries this process has said it removes
