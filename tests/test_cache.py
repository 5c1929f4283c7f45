"""The analysis fingerprint (part of every cache key) comes from the analysis code itself: the modules the
worker and the fact kinds import, not a hand-kept list."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg import cache

PACKAGE = Path(cache.__file__).resolve().parent


def test_the_analysis_is_what_the_worker_and_the_kinds_import():
    files = set(cache.analysis_files())
    kinds = {f"kinds/{p.name}" for p in (PACKAGE / "kinds").glob("*.py")}
    extractors = {f"extract/{p.name}" for p in (PACKAGE / "extract").glob("*.py")}
    assert kinds <= files and extractors <= files
    assert {"worker.py", "analyse.py", "clean.py", "read.py", "model.py", "lang/__init__.py", "codec.py"} <= files
    assert not files & {"cli.py", "serve.py", "query_worker.py", "export/html.py", "pipeline.py", "api.py"}


@pytest.fixture
def package(tmp_path, monkeypatch):
    copy = tmp_path / "kg"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "ner", "gazetteer*"))
    monkeypatch.setattr(cache, "PACKAGE", copy)
    cache.code_fingerprint.cache_clear()
    cache.analysis_files.cache_clear()
    yield copy
    cache.code_fingerprint.cache_clear()
    cache.analysis_files.cache_clear()


def fingerprint() -> str:
    cache.code_fingerprint.cache_clear()
    cache.analysis_files.cache_clear()
    return cache.pipeline_fingerprint("id")


def test_a_change_to_the_analysis_changes_the_fingerprint_and_others_do_not(package):
    before = fingerprint()
    with (package / "cli.py").open("a") as handle:
        handle.write("# a change outside the analysis\n")
    assert fingerprint() == before
    with (package / "extract" / "meetings.py").open("a") as handle:
        handle.write("# a change to an extractor\n")
    assert fingerprint() != before


def test_a_module_an_extractor_starts_to_import_counts(package):
    (package / "extract" / "helper.py").write_text("VALUE = 1\n")
    assert "extract/helper.py" not in cache.analysis_files()
    with (package / "extract" / "meetings.py").open("a") as handle:
        handle.write("\n\ndef uses_helper():\n    from .helper import VALUE\n    return VALUE\n")
    cache.analysis_files.cache_clear()
    assert "extract/helper.py" in cache.analysis_files()
    before = fingerprint()
    (package / "extract" / "helper.py").write_text("VALUE = 2\n")
    assert fingerprint() != before
