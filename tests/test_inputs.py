"""Inputs that used to vanish, break rows or stop a build: the output folder inside the input, metadata.csv with
line breaks in cells and repeated rows, UTF-16/32 text, characters the analysis cannot take, unreadable folders,
broken links and files of other types."""
import codecs
import json
import os
from pathlib import Path

import pytest

from kg.pipeline import build
from kg.read import InputError, InputPaths, read_inputs

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "Gubernur Budi Santoso meresmikan jembatan baru di Kota Lama pada Selasa."


def article(path, text=ARTICLE):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# 1. the output folder is never an input

def test_an_output_folder_inside_the_input_folder_is_not_read(tmp_path):
    article(tmp_path / "in" / "a.txt")
    out = tmp_path / "in" / "out"
    article(out / "notes.txt", "Teks yang ditulis di folder keluaran tidak boleh dibaca.")
    docs, report = read_inputs(InputPaths([tmp_path / "in"], skip=[out]))
    assert [d.id for d in docs] == ["a"] and not report.warnings
    docs, _ = read_inputs([tmp_path / "in"], skip=[out])  # the same as a parameter
    assert [d.id for d in docs] == ["a"]


def test_a_build_into_a_folder_inside_its_input_does_not_read_its_page_back(tmp_path):
    article(tmp_path / "in" / "a.txt")
    out = tmp_path / "in" / "out"
    first = build([tmp_path / "in"], out, progress=False)
    again = build([tmp_path / "in"], out, progress=False)  # graph.html and the cache now lie inside the input
    assert again.report.read == 1 and not again.report.warnings and again.counts == first.counts
    streamed = build([tmp_path / "in"], out, html=False, progress=False)  # the streaming build reads the same way
    assert streamed.report.read == 1 and not streamed.report.warnings


def test_an_input_folder_that_is_the_output_folder_is_a_clear_error(tmp_path):
    article(tmp_path / "a.txt")
    with pytest.raises(InputError, match="this build writes here"):
        read_inputs(InputPaths([tmp_path], skip=[tmp_path]))


# 2. metadata.csv through the csv module

def test_metadata_cells_may_hold_line_breaks_and_any_line_separator(tmp_path):
    for name in ("a", "b", "c"):
        article(tmp_path / f"{name}.txt")
    (tmp_path / "metadata.csv").write_bytes(
        'file,title,outlet\r\na.txt,"Judul dua\nbaris",Harian\rb.txt,Judul\u2028pemisah,Mingguan\n'
        'c.txt,"Tanda ""kutip""",Pekanan\n'.encode())
    docs, report = read_inputs([tmp_path])
    by_id = {d.id: d for d in docs}
    assert by_id["a"].title == "Judul dua\nbaris" and by_id["a"].outlet == "Harian"
    assert by_id["b"].title == "Judul\u2028pemisah" and by_id["b"].outlet == "Mingguan"
    assert by_id["c"].title == 'Tanda "kutip"' and by_id["c"].outlet == "Pekanan"
    assert not report.warnings


def test_a_second_metadata_row_for_a_file_wins_with_a_warning_naming_its_line(tmp_path):
    article(tmp_path / "a.txt")
    (tmp_path / "metadata.csv").write_text('file,title\na.txt,"Judul\nlama"\na.txt,Judul baru\n', encoding="utf-8")
    docs, report = read_inputs([tmp_path])
    assert docs[0].title == "Judul baru"
    assert any(f"{tmp_path / 'metadata.csv'}:4: a second row for 'a.txt' (the first is line 2)" in w
               for w in report.warnings), report.warnings


def test_metadata_line_numbers_count_the_lines_of_quoted_cells(tmp_path):
    article(tmp_path / "a.txt")
    (tmp_path / "metadata.csv").write_text('file,title\na.txt,"satu\ndua\ntiga"\n\nghost.txt,x\n', encoding="utf-8")
    _, report = read_inputs([tmp_path])
    assert any("metadata.csv:6: names unknown file 'ghost.txt'" in w for w in report.warnings), report.warnings


# 3. UTF-16 and UTF-32 with a byte order mark

@pytest.mark.parametrize("encoding, bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
                                           ("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE),
                                           ("utf-8", codecs.BOM_UTF8), ("utf-8", b"")])
def test_text_with_a_byte_order_mark_is_decoded(tmp_path, encoding, bom):
    text = "Warga Kota Lama menyambut jembatan baru — “akhirnya,” kata seorang ibu."
    (tmp_path / "a.txt").write_bytes(bom + text.encode(encoding))
    (tmp_path / "metadata.csv").write_bytes(bom + "file,title\na.txt,Jembatan é\n".encode(encoding))
    docs, report = read_inputs([tmp_path])
    assert docs[0].raw_text == text and docs[0].title == "Jembatan é"
    assert not report.warnings


# 4. characters the analysis cannot take

def test_a_lone_surrogate_in_jsonl_is_replaced_with_a_warning_naming_the_line(tmp_path):
    lines = [json.dumps({"id": "j1", "text": ARTICLE}),
             '{"id": "j2", "text": "Jembatan \\ud800 dibuka\\u0000 untuk umum.", "title": "Baru\\udfff"}']
    (tmp_path / "a.jsonl").write_text("\n".join(lines), encoding="utf-8")
    docs, report = read_inputs([tmp_path])
    j2 = next(d for d in docs if d.id == "j2")
    assert j2.raw_text == "Jembatan \ufffd dibuka\ufffd untuk umum." and j2.title == "Baru\ufffd"
    assert [w for w in report.warnings if "cannot be analysed" in w] == [
        f"{tmp_path / 'a.jsonl'}:2: 3 characters that cannot be analysed (control characters, lone surrogates) "
        "replaced with U+FFFD"]


def test_raw_control_characters_in_a_jsonl_line_no_longer_drop_it(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "Jembatan\x01 baru dibuka."}\n', encoding="utf-8")
    docs, report = read_inputs([tmp_path])
    assert docs[0].raw_text == "Jembatan\ufffd baru dibuka."
    assert any("a.jsonl:1: 1 character that cannot be analysed" in w for w in report.warnings)


def test_control_characters_in_a_text_file_are_replaced_with_one_warning(tmp_path):
    (tmp_path / "a.txt").write_bytes(ARTICLE.encode() + b"\x1b[0m\x07\n\tBaris\r\nkedua.\x0c" + b" " * 9000 + b"\x00")
    docs, report = read_inputs([tmp_path])
    assert docs[0].raw_text.count("\ufffd") == 4  # ESC, BEL, form feed and the late NUL; tab and CR LF stay
    assert "\t" in docs[0].raw_text and "\r\n" in docs[0].raw_text
    assert [w for w in report.warnings if "cannot be analysed" in w] == [
        f"{tmp_path / 'a.txt'}: 4 characters that cannot be analysed (control characters, lone surrogates) "
        "replaced with U+FFFD"]


def test_a_build_with_a_lone_surrogate_finishes(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text('{"id": "s", "text": "Gubernur Budi Santoso \\ud83d tiba di Kota '
                                             'Lama pada Selasa."}\n', encoding="utf-8")
    result = build([tmp_path / "in"], tmp_path / "out", progress=False)
    assert result.report.read == 1 and any("a.jsonl:1: 1 character" in w for w in result.report.warnings)
    assert "doc/s>" in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")


def test_a_file_name_that_is_not_utf8_is_recorded_readably(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")  # how Python names a Latin-1 file name on a UTF-8 system
    article(tmp_path / "in" / name)
    docs, report = read_inputs([tmp_path / "in"])
    assert docs[0].source == "in/caf\ufffd.txt"
    assert any("file name is not valid UTF-8, recorded as 'in/caf\ufffd.txt'" in w for w in report.warnings)


# 5. unreadable folders, broken links, other file types

def test_a_broken_link_is_warned_and_the_rest_is_read(tmp_path):
    article(tmp_path / "a.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    docs, report = read_inputs([tmp_path])
    assert [d.id for d in docs] == ["a"]
    assert f"{tmp_path / 'gone.txt'}: broken link (to {tmp_path / 'missing.txt'}), skipped" in report.warnings
    assert report.skipped == 1


def test_hidden_folders_are_passed_over_and_a_hidden_input_folder_is_read(tmp_path):
    article(tmp_path / "corpus" / "a.txt")
    article(tmp_path / "corpus" / ".venv" / "lib" / "LICENSE.txt", "Teks lisensi yang bukan berita.")
    docs, _ = read_inputs([tmp_path / "corpus"])
    assert [d.source for d in docs] == ["corpus/a.txt"]
    docs, _ = read_inputs([tmp_path / "corpus" / ".venv"])  # named on purpose
    assert [d.id for d in docs] == ["LICENSE"]


def test_a_broken_link_named_as_input_is_a_clear_error(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="gone.txt: broken link"):
        read_inputs([tmp_path / "gone.txt"])


def test_linked_folders_are_read_once_and_a_link_loop_ends(tmp_path):
    article(tmp_path / "corpus" / "a.txt")
    article(tmp_path / "elsewhere" / "b.txt")
    (tmp_path / "corpus" / "more").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "corpus" / "loop").symlink_to(tmp_path / "corpus", target_is_directory=True)
    docs, report = read_inputs([tmp_path / "corpus"])
    assert sorted(d.source for d in docs) == ["corpus/a.txt", "corpus/more/b.txt"]
    assert any("loop: folder already read through another path, skipped" in w for w in report.warnings)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders whatever their mode")
def test_an_unreadable_folder_is_warned_and_the_rest_is_read(tmp_path):
    article(tmp_path / "a.txt")
    article(tmp_path / "locked" / "b.txt")
    (tmp_path / "locked").chmod(0)
    try:
        docs, report = read_inputs([tmp_path])
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert [d.id for d in docs] == ["a"]
    assert any(w.startswith(f"{tmp_path / 'locked'}: cannot read folder (Permission denied)")
               for w in report.warnings), report.warnings


def test_a_folder_that_cannot_be_listed_is_warned_and_the_rest_is_read(tmp_path, monkeypatch):
    # the same as above where the tests run as root: listing the folder fails as it would without permission
    article(tmp_path / "a.txt")
    article(tmp_path / "locked" / "b.txt")
    scandir = os.scandir

    def refuse(path="."):
        if os.fspath(path) == str(tmp_path / "locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    docs, report = read_inputs([tmp_path])
    assert [d.id for d in docs] == ["a"]
    assert f"{tmp_path / 'locked'}: cannot read folder (Permission denied), skipped" in report.warnings


def test_files_of_unsupported_types_are_counted_in_one_warning(tmp_path):
    article(tmp_path / "a.txt")
    for name in ("x.pdf", "sub/y.PDF", "z.docx", "README", ".hidden.pdf"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"%")
    _, report = read_inputs([tmp_path])
    assert report.warnings == [f"{tmp_path}: skipped 3 files of unsupported types (.docx, .pdf)"]


# 6. the install

def test_every_package_folder_is_installed_and_html_cleaning_is_a_core_dependency():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11 on
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(project["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "kg").rglob("__init__.py")}
    assert found <= listed, f"not installed by a non-editable install: {sorted(found - listed)}"
    # trafilatura imports lxml.html.clean, a separate distribution since lxml 5.2 that older pips leave out
    assert any(r.startswith("lxml_html_clean") for r in project["project"]["dependencies"])


def test_ci_installs_without_extras_into_a_fresh_venv_with_its_own_pip_and_builds_the_sample():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    fresh = script[script.index("-m venv"):]
    assert "pip install" in fresh and "[test]" not in fresh and "--upgrade" not in fresh and "-U " not in fresh
    assert "kg build --sample" in fresh and "make test" in script


def test_every_folder_of_shipped_files_is_listed_so_that_the_build_does_not_warn():
    tomllib = pytest.importorskip("tomllib")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(project["tool"]["setuptools"]["packages"])
    folders = {".".join(p.relative_to(ROOT).parts) for p in (ROOT / "kg").rglob("*")
               if p.is_dir() and "__pycache__" not in p.parts and any(f.is_file() for f in p.iterdir())}
    folders |= {"kg.ontology." + ".".join(p.relative_to(ROOT / "ontology").parts)
                for p in (ROOT / "ontology").rglob("*") if p.is_dir()}
    assert folders <= listed, f"setuptools warns that these are absent from packages: {sorted(folders - listed)}"
    # a licence as an SPDX expression, no licence classifier: the forms setuptools no longer warns about
    assert project["project"]["license"] == "Apache-2.0"
    assert not any(c.startswith("License ::") for c in project["project"]["classifiers"])
