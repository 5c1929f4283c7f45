from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

from kg import lang as language
from kg.model import Corpus, Document
from kg.pipeline import process

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def lang():
    return language.load("id")


def corpus_of(*texts: str, published: str | None = "2022-02-15") -> Corpus:
    """Run the pipeline on articles given as strings (one Document each)."""
    documents = [Document(id=f"t{i}", source=f"t{i}.txt", raw_text=text, published=published)
                 for i, text in enumerate(texts)]
    return process(documents).corpus


def labels(corpus: Corpus) -> dict[str, str]:
    return {e.label: e.type for e in corpus.entities.values()}


def label_of(corpus: Corpus, entity_id: str) -> str:
    return corpus.entities[entity_id].label


PUBLISHED = date(2022, 2, 15)  # a Tuesday


# CI runs the property tests with a fixed seed (a red build should mean a regression, not a lucky draw);
# locally every run explores new inputs.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")
