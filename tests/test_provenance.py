"""Cited outlets and the article's own site are provenance, never mentions (kg.extract.provenance)."""
from kg.model import Document
from kg.worker import analyse_article


def mentions_of(text: str, **kwargs) -> list[str]:
    result = analyse_article(Document(id="p", source="p.txt", raw_text=text, **kwargs))
    return [m.text for m in result.mentions]


def speakers_of(text: str) -> list[str]:
    result = analyse_article(Document(id="p", source="p.txt", raw_text=text))
    return [d.actors[0].text for d in result.drafts if d.kind == "statement" and d.actors]


def test_an_outlet_after_a_citation_word_is_no_mention():
    found = mentions_of("Menteri Luar Negeri Jepang Yoko Kamikawa tiba di Hanoi, seperti dikutip Reuters. "
                        "Kunjungan itu juga diberitakan Al Jazeera.")
    assert "Reuters" not in found and "Al Jazeera" not in found and "Hanoi" in found


def test_an_unknown_name_after_a_citation_word_is_a_source_too():
    found = mentions_of("Kedua menteri sepakat memperluas kerja sama, seperti diberitakan Haaretz.")
    assert "Haaretz" not in found


def test_an_outlet_spoken_to_is_no_mention_nor_the_words_of_its_name_after_it():
    found = mentions_of("Perdana Menteri itu berbicara kepada BBC World Service pada Selasa malam.")
    assert not any("BBC" in m or "World" in m for m in found)


def test_an_outlet_that_reports_is_no_speaker():
    assert "Reuters" not in speakers_of("Reuters melaporkan bahwa perundingan di Doha berakhir tanpa hasil.")


def test_an_outlet_introduced_by_a_medium_noun_and_its_country():
    found = mentions_of("Mengutip dari kantor berita Rusia, TASS, Lavrov mengatakan pertemuan itu bermanfaat.")
    assert "TASS" not in found and "Rusia" not in found and "Lavrov" in found
    found = mentions_of("Kantor berita Vietnam VNA melaporkan bahwa Presiden Vo Van Thuong menerima tamunya.")
    assert "Vietnam" not in found and "Vo Van Thuong" in found


def test_a_country_after_a_medium_noun_with_no_outlet_name_stays():
    found = mentions_of("Media Rusia melaporkan bahwa kapal itu tiba di Sevastopol.")
    assert "Rusia" in found


def test_an_outlet_that_acts_stays():
    found = mentions_of("Global Times mengecam kunjungan itu sebagai provokasi terhadap China.")
    assert "Global Times" in found


def test_the_articles_own_site_is_no_mention():
    text = "Redaksi detikNews menerima surat pembaca dari Bandung. Ikuti terus Kabarku.com untuk berita terbaru."
    found = mentions_of(text, url="https://news.detik.com/berita/1")
    assert "detikNews" not in found and "Kabarku.com" not in found and "Bandung" in found
    assert "detikNews" in mentions_of(text, url="https://www.kabarku.co.id/read/1")  # another site's name stays
