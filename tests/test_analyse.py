from kg.analyse import analyse
from kg.model import Document


def run(text):
    doc = Document(id="d", source="d", raw_text=text, text=text)
    return analyse(doc)


def test_dates_and_abbreviations_stay_whole():
    doc, _ = run("Hal itu diumumkan Dr. Budi pada Selasa (22/2/2022) dan (21/1) lalu.")
    tokens = [t.text for t in doc]
    assert "22/2/2022" in tokens and "21/1" in tokens and "Dr." in tokens


def test_sentences_keep_quotes_and_attribution_together():
    _, sentences = run("“Kami tidak setuju. Sama sekali tidak,” kata Lavrov. Ia lalu pergi.\n"
                       "Paragraf baru dimulai di sini")
    texts = [s.text for s in sentences]
    assert texts == ["“Kami tidak setuju. Sama sekali tidak,” kata Lavrov.", "Ia lalu pergi.",
                     "Paragraf baru dimulai di sini"]


def test_abbreviation_does_not_end_sentence():
    _, sentences = run("Rapat dipimpin Prof. Sutanto dari kampus itu. Hasilnya diumumkan kemudian.")
    assert len(sentences) == 2 and sentences[0].text.endswith("kampus itu.")


def test_straight_quotes_open_a_new_sentence():
    _, sentences = run('Dia setuju. "Ya. Tentu," ujarnya.')
    assert [s.text for s in sentences] == ["Dia setuju.", '"Ya. Tentu," ujarnya.']


def test_sentence_offsets_point_into_text():
    text = "Satu kalimat. Dua kalimat!\nTiga?"
    _, sentences = run(text)
    for sentence in sentences:
        assert text[sentence.start:sentence.end] == sentence.text


def test_glued_sentences_are_split():
    _, sentences = run("Rapat itu selesai di Bandung.Menurut panitia, acara berjalan lancar. Hujan turun sejak pagi"
                       " 2023.“Kami siap,” ujar Budi.Dia lalu pulang.")
    assert [s.text for s in sentences] == ["Rapat itu selesai di Bandung.", "Menurut panitia, acara berjalan lancar.",
                                           "Hujan turun sejak pagi 2023.", "“Kami siap,” ujar Budi.",
                                           "Dia lalu pulang."]


def test_a_closing_quote_glued_to_the_next_sentence_is_split_off():
    doc, sentences = run("“Apakah ini adil?”Wali kota itu diam saja.")
    assert [s.text for s in sentences] == ["“Apakah ini adil?”", "Wali kota itu diam saja."]
    assert "“" in [t.text for t in doc] and "”" in [t.text for t in doc]


def test_an_opening_quote_glued_after_a_comma_is_its_own_token():
    doc, _ = run("Ia bertanya,“Kapan jalan ini selesai?”")
    assert [t.text for t in doc][:5] == ["Ia", "bertanya", ",", "“", "Kapan"]


def test_addresses_acronyms_and_decimals_stay_whole():
    doc, sentences = run("Menurut Kabarku.com dan SUARA.CO, rapat dimulai pukul 14.00 di gedung U.S.Army kemarin.")
    tokens = [t.text for t in doc]
    assert "Kabarku.com" in tokens and "SUARA.CO" in tokens and "14.00" in tokens
    assert len(sentences) == 1
