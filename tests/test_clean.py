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


def segments_match(doc):
    return all(doc.text[c:c + n] == doc.raw_text[r:r + n] for c, r, n in doc.segments)


LEAD = """Banjir Rendam Ratusan Rumah di Pesisir Utara Jawa

Banjir Rendam Ratusan Rumah di Pesisir Utara Jawa

Rina Wulandari - kabarkita.com
Senin, 6 Maret 2023 09:15 WIB
Gubernur: Tanggul Baru Selesai Tahun Depan
Warga mengungsi ke balai desa. (Foto: Dok. Warga)
Hujan deras sejak Minggu membuat sungai meluap.
Semarang -

Hujan deras sejak Minggu membuat sungai meluap.

Bupati Kendal Dwi Santoso meninjau lokasi pada Senin pagi.
"""


def test_lead_furniture_before_the_dateline_goes_and_the_headline_stays():
    doc = cleaned(LEAD, url="https://www.kabarkita.com/read/123/banjir")
    assert doc.title == "Banjir Rendam Ratusan Rumah di Pesisir Utara Jawa" and doc.headline_end > 0
    assert doc.dateline == "Semarang" and doc.authors == ["Rina Wulandari"]
    assert "Gubernur" not in doc.text and "mengungsi" not in doc.text and "kabarkita" not in doc.text
    assert doc.published == "2023-03-06T09:15"
    # a standfirst that the body repeats is not taken for a repetition: the body keeps its sentence
    assert doc.text.count("Hujan deras sejak Minggu") == 1
    body = doc.text[doc.headline_end:].split("\n\n")
    assert [line for line in body if line][0].startswith("Hujan deras")
    assert segments_match(doc)


def test_no_dateline_no_furniture_removed():
    doc = cleaned("Banjir Rendam Ratusan Rumah di Pesisir Utara Jawa\n\nWarga mengungsi ke balai desa sejak pagi.\n\n"
                  "Bupati meninjau lokasi pada Senin.")
    assert "Warga mengungsi" in doc.text


def test_datelines_that_open_with_the_outlet():
    for line, place, outlet in [("Warta.com, JAKARTA - Presiden meresmikan bendungan itu.", "JAKARTA", "Warta.com"),
                                ("Kabar Raya, Bandung - Presiden meresmikan bendungan itu.", "Bandung", "Kabar Raya"),
                                ("SUARA.CO, Medan -Presiden meresmikan bendungan itu.", "Medan", "SUARA.CO"),
                                ("Medan, Suara.co-Presiden meresmikan bendungan itu.", "Medan", "Suara.co"),
                                ("Berita-Raya | Presiden meresmikan bendungan itu.", "", "Berita-Raya"),
                                ("Medan: Presiden meresmikan bendungan itu.", "Medan", None)]:
        doc = cleaned(line)
        assert doc.text == "Presiden meresmikan bendungan itu.", line
        assert (doc.dateline or "") == place and doc.outlet == outlet, line


def test_lines_that_only_look_like_datelines_stay():
    for line in ["Rusia - Ukraina Sepakat Perpanjang Gencatan Senjata di Laut Hitam",
                 "Gubernur: Pembangunan Tanggul Dimulai Bulan Depan di Pesisir",
                 "Kabarku.com - 12/03/2024, 10:00 WIB",
                 "Rusia-Ukraina kembali berunding di Istanbul pekan ini."]:
        doc = cleaned(line + "\nWarga kembali ke rumah masing-masing setelah air surut.")
        assert doc.text.startswith(line), line


def test_a_teaser_label_on_its_own_line_takes_the_headlines_under_it():
    doc = cleaned("Harga beras naik lagi di pasar induk pada Senin.\nBaca Juga:\n"
                  "Petani Karawang Panen Raya, Gubernur Janji Beli Gabah\n"
                  "Pedagang mengeluhkan pasokan yang berkurang sejak pekan lalu.\nBerita Terkait\n"
                  "Menurut Bulog, stok masih cukup untuk tiga bulan.")
    assert "Karawang" not in doc.text and "Baca" not in doc.text and "Terkait" not in doc.text
    assert "Pedagang mengeluhkan" in doc.text and "Menurut Bulog" in doc.text


def test_a_teaser_inside_a_paragraph_is_cut_out():
    raw = ("Harga beras naik lagi pekan ini. Baca juga: Petani Karawang Panen Raya di Tengah Hujan Pedagang itu "
           "mengaku rugi. Baca juga: Bulog Tambah Stok Beras Pemerintah menyiapkan operasi pasar.")
    doc = cleaned(raw)
    assert "Karawang" not in doc.text and "Bulog" not in doc.text and "Baca" not in doc.text
    assert "Pedagang itu mengaku rugi." in doc.text and "Pemerintah menyiapkan operasi pasar." in doc.text
    assert doc.text.startswith("Harga beras naik lagi pekan ini.") and segments_match(doc)


def test_a_long_line_opening_with_a_teaser_keeps_its_text():
    raw = ("Baca juga: Petani Karawang Panen Raya Pedagang beras di pasar induk mengeluhkan pasokan yang terus "
           "berkurang sejak pekan lalu, sementara harga di tingkat pengecer sudah naik dua kali dalam sebulan.")
    doc = cleaned(raw)
    assert doc.text.startswith("Pedagang beras di pasar induk") and segments_match(doc)


def test_bulleted_headlines_in_a_row_are_related_news():
    doc = cleaned("Harga beras naik lagi di pasar induk pada Senin.\n"
                  "- Petani Karawang Panen Raya di Tengah Hujan\n- Gubernur Resmikan Pasar Baru di Cirebon\n"
                  "Pedagang mengeluhkan pasokan yang berkurang.\n"
                  "- warga diminta tidak panik membeli beras\n- pemerintah menyiapkan operasi pasar\n"
                  "- Menteri Perdagangan Siapkan Operasi Pasar Minggu Ini\nSumber: Kabarku")
    assert "Karawang" not in doc.text and "Cirebon" not in doc.text
    assert "warga diminta" in doc.text and "pemerintah menyiapkan" in doc.text
    assert "Menteri Perdagangan Siapkan" in doc.text  # one bulleted headline alone is not a list of them


def test_the_editors_initials_close_the_article():
    doc = cleaned("Harga beras naik lagi di pasar induk pada Senin.\n\nStok dinilai cukup. (abc/xyz)\n\n"
                  "Penghargaan Guru Teladan 2025\nAjang persembahan redaksi bersama Dinas Pendidikan Jawa Barat.")
    assert doc.text.endswith("Stok dinilai cukup.") and "Dinas Pendidikan" not in doc.text
    doc = cleaned("Harga beras naik lagi di pasar induk pada Senin.\n(abc/xyz)\nPromo Dinas Pendidikan Jawa Barat.")
    assert "Dinas Pendidikan" not in doc.text
    doc = cleaned("Harga beras naik lagi di pasar induk pada Senin.\n(ABC/XYZ)\nKepala Dinas Pendidikan hadir.")
    assert "Dinas Pendidikan" in doc.text  # upper case in brackets is no pair of editors' initials


def test_a_bracketed_credit_after_the_last_sentence_is_metadata():
    doc = cleaned("Bupati meninjau lokasi banjir pada Senin. (Rina Wulandari)\n"
                  "Bantuan mulai disalurkan ke posko pengungsian. (Dok. Humas Kendal)\n"
                  "Tanggul jebol di dua titik, kata petugas. (Reuters)\n"
                  "Air mulai surut di Kecamatan Kaliwungu (Kendal).")
    assert doc.authors == ["Rina Wulandari"] and doc.extra["photo_credit"] == "Dok. Humas Kendal"
    assert "Reuters" in doc.source_agencies and "Rina" not in doc.text and "Humas" not in doc.text
    assert "Kaliwungu (Kendal)." in doc.text  # a bracket inside the sentence stays


def test_hard_wrapped_lines_are_joined_into_their_sentence():
    doc = cleaned("Rapat itu dipimpin Ketua Komisi II, Budi Santoso saat dihubungi, Selasa\n(7/3/2023).\n"
                  "Menurut Budi, rapat membahas anggaran tahun depan untuk\npembangunan jalan desa.\n"
                  "Anggota komisi lain tidak hadir karena sedang bertugas ke\nDaerah Pemilihan masing-masing.\n"
                  "Rapat ditutup siang hari.")
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == "Rapat itu dipimpin Ketua Komisi II, Budi Santoso saat dihubungi, Selasa (7/3/2023)."
    assert paragraphs[1] == "Menurut Budi, rapat membahas anggaran tahun depan untuk pembangunan jalan desa."
    assert paragraphs[2].endswith("bertugas ke Daerah Pemilihan masing-masing.")
    assert paragraphs[3] == "Rapat ditutup siang hari." and segments_match(doc)


def test_a_short_line_that_a_lower_case_line_continues_is_no_menu_item():
    doc = cleaned("Antara\nmelaporkan, banjir merendam dua desa di Kendal pada Senin.")
    assert doc.text == "Antara melaporkan, banjir merendam dua desa di Kendal pada Senin."


def test_byline_with_the_outlet_is_the_author():
    doc = cleaned("Banjir Rendam Ratusan Rumah di Pesisir Utara Jawa\nRina Wulandari - detikNews\n"
                  "Bupati meninjau lokasi pada Senin pagi.")
    assert doc.authors == ["Rina Wulandari"] and "detik" not in doc.text
    doc = cleaned("Banjir Rendam Ratusan Rumah di Pesisir Utara Jawa\nRina Wulandari - Sumarno Adi\n"
                  "Bupati meninjau lokasi pada Senin pagi.")
    assert doc.authors == [] and "Sumarno" in doc.text


def test_a_scraped_link_in_a_label_and_repeated_bylines_give_one_clean_name():
    doc = cleaned("Laporan: <a href='https://kabarku.com/penulis/rina'>Rina Wulandari</a>\nLaporan: Rina Wulandari\n"
                  "Bupati meninjau lokasi pada Senin pagi.")
    assert doc.authors == ["Rina Wulandari"]


def test_attributed_outlet_ends_at_the_paragraph_and_a_citation_date_is_no_outlet():
    doc = cleaned("Bupati meninjau lokasi, dilansir dari Kabar.\n\nSetelah itu ia pulang.\n\n"
                  "Ia menolak berkomentar, dikutip dari Senin (3/7).")
    assert doc.source_agencies == ["Kabar"]


def test_own_site_from_the_url_and_the_outlet():
    from kg.clean import names_outlet, own_outlet_keys
    doc = Document(id="d", source="d", raw_text="", url="https://news.kabarku.co.id/read/1", outlet="Warta Kita")
    keys = own_outlet_keys(doc)
    assert keys == {"kabarku", "wartakita"}
    assert names_outlet("KABARKU.CO.ID", keys) and names_outlet("kabarkuNews", keys)
    assert not names_outlet("Kabar", keys)


def test_portal_source_lines_and_editor_picks_are_chrome():
    doc = cleaned("Harga beras naik lagi di pasar induk pada Senin.\n"
                  "PILIHAN EDITOR: Gubernur Jawa Tengah Tinjau Gudang Bulog di Kendal\n"
                  "Artikel ini telah tayang di Kabarku.com dengan judul Harga Beras Naik, Menteri Turun Tangan\n"
                  "Simak breaking news dan berita pilihan kami langsung di ponselmu lewat WhatsApp Channel.")
    assert doc.text == "Harga beras naik lagi di pasar induk pada Senin."
