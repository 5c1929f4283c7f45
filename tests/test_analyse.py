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
