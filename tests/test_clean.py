from kg.clean import clean
from kg.model import Document

PAGE = """Loading

Ketik untuk mencari

Politik

Menlu Retno Bertemu Menlu Wang Yi di Bali Bahas Kerja Sama Kawasan

- 14 November 2022, 10:45 WIB
Menlu Retno Bertemu Menlu Wang Yi di Bali Bahas Kerja Sama Kawasan /ANTARA FOTO/Budi Santoso

NUSA DUA, Warta.id - Menteri Luar Negeri Retno Marsudi bertemu Menlu Tiongkok Wang Yi pada Senin, \
seperti dilansir dari Reuters.

Baca Juga: Artis Sinta Lestari Umumkan Pernikahan

"Kami sepakat memperkuat kerja sama," kata Retno.

Halaman: 1 2
Editor: Dewi Anggraini
Penulis: Rudi Hartono
Sumber: Reuters, AFP
Tags:
Tinggalkan Komentar
Posted By : slot gacor hari ini
Andi Wijaya di Jakarta dan Siti Aminah di Beijing berkontribusi.
"""


def cleaned(text, **kwargs):
    from kg import lang
    return clean(Document(id="d", source="d.txt", raw_text=text, **kwargs), lang.load("id"))


def test_chrome_removed_and_metadata_kept():
    doc = cleaned(PAGE)
    assert "Baca Juga" not in doc.text and "Sinta" not in doc.text
    assert "Loading" not in doc.text and "Politik" not in doc.text and "Halaman" not in doc.text
    assert "slot gacor" not in doc.text and "Tinggalkan" not in doc.text and "Editor" not in doc.text
    assert doc.editors == ["Dewi Anggraini"] and doc.authors == ["Rudi Hartono"]
    assert doc.source_agencies[:2] == ["Reuters", "AFP"]
    assert doc.contributors == ["Andi Wijaya", "Siti Aminah"]
    assert doc.extra["photo_credit"] == "ANTARA FOTO/Budi Santoso"
    assert doc.title == "Menlu Retno Bertemu Menlu Wang Yi di Bali Bahas Kerja Sama Kawasan"
    assert doc.text.count("Menlu Retno Bertemu") == 1  # repeated headline and caption dropped
    assert doc.published == "2022-11-14T10:45" and doc.published_basis == "text"


def test_dateline_is_metadata_not_text():
    doc = cleaned(PAGE)
    assert doc.dateline == "NUSA DUA" and doc.outlet == "Warta.id"
    body = [line for line in doc.text.splitlines() if line][1]
    assert body.startswith("Menteri Luar Negeri Retno Marsudi")


def test_dateline_with_agency_in_parentheses():
    doc = cleaned("JENEWA (AP) — Pembicaraan dua negara berlangsung tertutup selama dua jam.")
    assert doc.dateline == "JENEWA" and "AP" in doc.source_agencies
    assert doc.text.startswith("Pembicaraan")


def test_metadata_date_wins_over_text():
    doc = cleaned(PAGE, published="2022-11-15", published_basis="metadata")
    assert doc.published == "2022-11-15"


def test_offsets_map_back_to_raw_text():
    doc = cleaned(PAGE)
    for clean_start, raw_start, length in doc.segments:
        assert doc.text[clean_start:clean_start + length] == doc.raw_text[raw_start:raw_start + length]
    at = doc.text.index("Wang Yi pada")
    raw = doc.raw_offset(at)
    assert doc.raw_text[raw:raw + 7] == "Wang Yi"


def test_attribution_outlet_is_source_agency():
    doc = cleaned("Dilansir Press TV, pemerintah mengumumkan kebijakan baru pada Senin pagi.")
    assert "Press TV" in doc.source_agencies


def test_a_date_line_with_a_dotted_capital_i_gives_the_date():
    document = cleaned("Harga Beras Naik\n5 JUNİ 2022, 10:15 WIB\nHarga beras di Jakarta naik lagi pekan ini.")
    assert document.published == "2022-06-05T10:15"
