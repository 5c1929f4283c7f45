"""Builds that finish: an article longer than spaCy takes at once is analysed in pieces, and an article the
analysis fails on is skipped with a warning naming it while the build goes on."""
from __future__ import annotations

import copy

import pytest

from kg import worker
from kg.analyse import text_pieces
from kg.model import Document
from kg.pipeline import build, process
from kg.settings import Settings
from kg.worker import AnalysisFailed, analyse_article, analysers

# our own sentences; each paragraph is short, the article long
PARAGRAPHS = [
    "Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri Jepang Yoko Kamikawa di Tokyo pada Selasa.",
    "\"Kami sepakat memperkuat kerja sama perdagangan,\" kata Retno kepada wartawan setelah pertemuan itu.",
    "Kamikawa mengatakan Jepang akan mengirim delegasi dagang ke Jakarta bulan depan.",
    "Presiden Joko Widodo menelepon Perdana Menteri Australia Anthony Albanese pada Rabu malam.",
    "Albanese menyatakan dukungan bagi rencana pembangunan pelabuhan baru di Nusa Tenggara Timur.",
]
CITIES = ["Tokyo", "Jakarta", "Canberra", "Manila", "Hanoi", "Seoul"]
# distinct paragraphs (cleaning drops repeated lines as page chrome)
LONG_TEXT = "\n\n".join(f"{paragraph[:-1]}, dalam kunjungan ke-{n + 1} di {CITIES[n % 6]}."
                         for n, paragraph in enumerate(PARAGRAPHS * 6))


def results_of(document: Document) -> tuple[str, str]:
    result = analyse_article(copy.deepcopy(document))
    assert not isinstance(result, AnalysisFailed), result.error
    return repr(result.mentions), repr(result.drafts)


def test_pieces_join_back_within_the_limit_cut_after_paragraphs():
    text = "Satu dua tiga.\n\nEmpat lima.\n \nEnam tujuh delapan sembilan. Sepuluh sebelas.\nDua belas."
    for limit in (5, 12, 20, 33, 60):
        pieces = text_pieces(text, limit)
        assert "".join(pieces) == text
        assert all(0 < len(piece) <= limit for piece in pieces)
    assert text_pieces(text, 33) == ["Satu dua tiga.\n\nEmpat lima.\n \n", "Enam tujuh delapan sembilan. ",
                                     "Sepuluh sebelas.\nDua belas."]
    assert text_pieces("abcdefghij", 4) == ["abcd", "efgh", "ij"]  # no space at all: cut inside the word
    assert text_pieces(text, len(text)) == [text]


def test_an_article_longer_than_spacy_takes_gives_the_facts_of_the_whole(monkeypatch):
    document = Document(id="panjang", source="panjang.txt", raw_text=LONG_TEXT, published="2024-03-05")
    whole = results_of(document)
    nlp = analysers("id")[1]
    monkeypatch.setattr(nlp, "max_length", 400)  # spaCy raises E088 beyond this; articles of 1-2 MB pass it
    assert len(LONG_TEXT) > 5 * nlp.max_length
    assert results_of(document) == whole
    # provenance offsets point into the article's text
    result = analyse_article(copy.deepcopy(document))
    assert result.mentions and all(result.document.text[m.start:m.end] == m.text for m in result.mentions)
    assert max(m.start for m in result.mentions) > 4 * nlp.max_length


def test_a_long_article_builds_with_no_warning(monkeypatch):
    monkeypatch.setattr(analysers("id")[1], "max_length", 400)
    documents = [Document(id="panjang", source="panjang.txt", raw_text=LONG_TEXT, published="2024-03-05")]
    result = process(documents)
    assert result.report.warnings == []
    assert len(result.corpus.documents) == 1 and result.statements > 0


def failing_on(doc_id: str):
    real = worker.extract_document

    def extract(document, *args):
        if document.id == doc_id:
            raise RuntimeError("rusak\nbaris kedua")
        return real(document, *args)
    return extract


@pytest.mark.parametrize("workers", [1, 2])
def test_an_article_the_analysis_fails_on_is_skipped_with_a_warning(monkeypatch, workers):
    monkeypatch.setattr(worker, "extract_document", failing_on("b"))  # forked workers inherit it
    documents = [Document(id=doc_id, source=f"{doc_id}.txt", raw_text=PARAGRAPHS[n], published="2024-03-05")
                 for n, doc_id in enumerate("abc")]
    result = process(documents, settings=Settings(progress=False, workers=workers))
    assert sorted(result.corpus.documents) == ["a", "c"]
    assert result.report.warnings == ["b.txt: cannot analyse article b (RuntimeError: rusak baris kedua), skipped"]
    assert result.report.skipped == 1 and result.report.read == 2


def test_a_build_with_a_failing_article_finishes_and_retries_it_next_time(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for n, name in enumerate(("a", "b")):
        (folder / f"{name}.txt").write_text(PARAGRAPHS[n], encoding="utf-8")
    monkeypatch.setattr(worker, "extract_document", failing_on("b"))
    result = build([folder], tmp_path / "out", html=False, progress=False, workers=1)
    assert result.report.warnings == ["in/b.txt: cannot analyse article b (RuntimeError: rusak baris kedua), "
                                      "skipped"]
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 0
    monkeypatch.undo()  # the failure is not cached: once the analysis works, the article is in
    result = build([folder], tmp_path / "out", html=False, progress=False, workers=1)
    assert result.report.warnings == [] and result.report.read == 2
