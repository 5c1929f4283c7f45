import json

import pytest

from kg.read import InputError, read_inputs


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def test_reads_txt_md_jsonl_and_html(tmp_path):
    write(tmp_path / "a.txt", "Presiden Joko Widodo berbicara di Jakarta pada Senin.")
    write(tmp_path / "b.md", "# Judul berita\n\nMenlu Retno Marsudi bertemu dengan Menlu Wang Yi.")
    lines = [{"id": "x1", "text": "Teks pertama yang cukup panjang.", "title": "Satu", "published": "2022-03-01",
              "url": "https://example.com/1", "outlet": "Contoh"},
             {"text": "Teks kedua tanpa id."}]
    write(tmp_path / "c.jsonl", "\n".join(json.dumps(x) for x in lines))
    write(tmp_path / "d.html", "<html><head><title>Berita</title>"
          "<meta property='article:published_time' content='2022-06-30T10:00:00+07:00'></head><body>"
          "<article><h1>Jokowi ke Moskow</h1><p>Presiden Joko Widodo bertemu Presiden Rusia Vladimir Putin "
          "di Moskow pada Kamis untuk membahas krisis pangan dunia yang dipicu perang.</p></article></body></html>")
    docs, report = read_inputs([tmp_path])
    by_id = {d.id: d for d in docs}
    assert set(by_id) == {"a", "b", "x1", "c-2", "d"}
    assert by_id["x1"].published == "2022-03-01" and by_id["x1"].title == "Satu"
    assert by_id["x1"].url == "https://example.com/1" and by_id["x1"].outlet == "Contoh"
    assert "Vladimir Putin" in by_id["d"].raw_text and by_id["d"].published == "2022-06-30"
    assert report.read == 5 and report.skipped == 0


def test_metadata_csv_supplies_and_wins(tmp_path):
    write(tmp_path / "a.txt", "Judul\n- 2 Februari 2022, 12:15 WIB\nIsi berita yang panjang di sini.")
    write(tmp_path / "metadata.csv", "file,published,url,outlet,title,topic\na.txt,2022-02-03,https://e.com/a,Koran,,krisis\n")
    docs, _ = read_inputs([tmp_path / "a.txt"])
    assert docs[0].published == "2022-02-03" and docs[0].published_basis == "metadata"
    assert docs[0].outlet == "Koran" and docs[0].extra == {"topic": "krisis"}


def test_a_publication_month_or_year_is_kept_and_a_url_supplies_a_missing_day(tmp_path):
    write(tmp_path / "a.txt", "Isi berita pertama yang panjang.")
    write(tmp_path / "b.txt", "Isi berita kedua yang panjang.")
    write(tmp_path / "c.txt", "Isi berita ketiga yang panjang.")
    write(tmp_path / "metadata.csv", "file,published,url\na.txt,2021-05,\nb.txt,,https://berita.example/read/2022/03/29/77/judul\n"
                                     "c.txt,,https://berita.example/news/20221222/5/judul\n")
    lines = [{"id": "j1", "text": "Teks berita.", "published": "2023"}]
    write(tmp_path / "d.jsonl", json.dumps(lines[0]))
    docs, report = read_inputs([tmp_path])
    by_id = {d.id: d for d in docs}
    assert (by_id["a"].published, by_id["a"].published_basis) == ("2021-05", "metadata")
    assert (by_id["b"].published, by_id["b"].published_basis) == ("2022-03-29", "url")
    assert by_id["c"].published == "2022-12-22" and by_id["j1"].published == "2023"
    assert not report.warnings


def test_missing_path_and_empty_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_inputs([tmp_path / "nope"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no articles found"):
        read_inputs([tmp_path / "empty"])


def test_unsupported_file_type(tmp_path):
    write(tmp_path / "a.pdf", b"%PDF")
    with pytest.raises(InputError, match="unsupported file type"):
        read_inputs([tmp_path / "a.pdf"])


def test_bad_files_are_skipped_with_warnings(tmp_path):
    write(tmp_path / "empty.txt", "  \n")
    write(tmp_path / "binary.txt", b"\x00\x01\x02abc")
    write(tmp_path / "latin.txt", "Caf\xe9 di Jakarta ramai dikunjungi warga.", encoding="cp1252")
    write(tmp_path / "lines.jsonl", '{"text": "Baik sekali."}\n{bad json\n{"title": "tanpa teks"}\n[1, 2]\n')
    docs, report = read_inputs([tmp_path])
    assert {d.id for d in docs} == {"latin", "lines-1"}
    assert next(d for d in docs if d.id == "latin").raw_text.startswith("Café")
    text = "\n".join(report.warnings)
    assert "empty.txt: empty file, skipped" in text
    assert "binary.txt: binary file" in text
    assert "latin.txt: not valid UTF-8" in text
    assert "lines.jsonl:2: malformed JSON" in text
    assert "lines.jsonl:3: no 'text' field" in text
    assert "lines.jsonl:4: expected a JSON object" in text
    assert report.skipped == 5


def test_metadata_unknown_file_and_bad_date(tmp_path):
    write(tmp_path / "a.txt", "Isi berita yang panjang di sini.")
    write(tmp_path / "metadata.csv", "file,published\na.txt,31/02/2022\nghost.txt,2022-01-01\n")
    docs, report = read_inputs([tmp_path])
    assert docs[0].published is None
    text = "\n".join(report.warnings)
    assert "metadata.csv:2: bad date '31/02/2022' for a.txt" in text
    assert "metadata.csv:3: names unknown file 'ghost.txt'" in text


def test_only_unreadable_articles_is_an_error(tmp_path):
    write(tmp_path / "empty.txt", "")
    with pytest.raises(InputError, match="no readable articles"):
        read_inputs([tmp_path])


def test_duplicate_ids_are_renamed(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    write(tmp_path / "x" / "a.txt", "Satu dua tiga empat.")
    write(tmp_path / "y" / "a.txt", "Lima enam tujuh delapan.")
    docs, report = read_inputs([tmp_path])
    assert sorted(d.id for d in docs) == ["a", "a-2"]
    assert any("already used" in w for w in report.warnings)
