"""An article cache for incremental builds: analysis results keyed by article content and pipeline version.

The key hashes the article (id, source, text and metadata) with a fingerprint of the pipeline: kg's version
and the contents of its analysis code, language data and model files. Changing one article re-analyses that article
only; changing the pipeline re-analyses everything. Entries are data (kg.codec: loading one runs no code),
written atomically; an entry that cannot be read, is not ours or is damaged is discarded with a warning naming it
and the article is analysed again. Entries of earlier versions (pickles) are never loaded: a build removes them
with its stale temporary files (kg.pipeline.cache_lock).
"""
from __future__ import annotations

import ast
import hashlib
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import spacy

from . import codec
from .lang import folder_digest
from .model import Document
from .worker import ArticleResult

PACKAGE = Path(__file__).resolve().parent


# what a worker runs on an article: the analysis is these modules and what they import (the fact kinds are found
# by the registry, not imported by name; the codec writes their results into the cache)
ANALYSIS_ENTRIES = ("worker.py", "kinds", "codec.py")
DATA_FOLDERS = ("lang",)  # language data and the trained models in them


@lru_cache(maxsize=4)
def analysis_files(entries: tuple[str, ...] = ANALYSIS_ENTRIES) -> tuple[str, ...]:
    """The package's modules that the analysis runs, relative to the package: the entries (modules, or folders
    of them) and every kg module they import, directly or through others, with the packages that hold them.
    Imports inside functions count (a fact kind imports its extractor when called), so the set is generous: a
    change to any of it re-analyses. The package's own __init__ counts only for what it runs on import (its
    lazy imports are the public API, not the analysis)."""
    seen: set[Path] = set()
    todo = [path for entry in entries
            for path in ([PACKAGE / entry] if entry.endswith(".py") else (PACKAGE / entry).glob("*.py"))]
    while todo:
        path = todo.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        package = path.parent.relative_to(PACKAGE).parts
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in module_level(tree) if path == PACKAGE / "__init__.py" else ast.walk(tree):
            for module in imported_modules(node, package):
                todo.extend(module_files(module))
    return tuple(sorted(str(path.relative_to(PACKAGE)) for path in seen))


def module_level(tree: ast.AST) -> Iterator[ast.AST]:
    """The nodes of a module outside its functions (what importing it runs)."""
    for node in ast.iter_child_nodes(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node
            yield from module_level(node)


def imported_modules(node: ast.AST, package: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The kg modules an import statement may load, as paths of names inside the package."""
    if isinstance(node, ast.Import):
        return [tuple(alias.name.split("."))[1:] for alias in node.names if alias.name.split(".")[0] == "kg"]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level:
        base = package[: len(package) - node.level + 1]
    elif (node.module or "").split(".")[0] == "kg":
        base = ()
        node = ast.ImportFrom(".".join(node.module.split(".")[1:]) or None, node.names, 1)
    else:
        return []
    module = base + tuple(node.module.split(".")) if node.module else base
    return [module] + [module + (alias.name,) for alias in node.names]  # a name may be a submodule


def module_files(module: tuple[str, ...]) -> list[Path]:
    """The files that loading a module runs: its own and its packages' __init__.py."""
    files = [PACKAGE.joinpath(*module[:n], "__init__.py") for n in range(len(module) + 1)]
    return files + [PACKAGE.joinpath(*module).with_suffix(".py")] if module else files


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
    return code_fingerprint(lang_code, analysis_files() + DATA_FOLDERS)


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
        return codec.read(path, codec.CACHE_MAGIC, codec.result_from, "analysing the article again")

    def put(self, key: str, value: ArticleResult) -> None:
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        codec.write(path, codec.CACHE_MAGIC, codec.result_data(value))
