from conftest import corpus_of, label_of


def meetings(*texts, published="2022-02-15"):
    corpus = corpus_of(*texts, published=published)
    return [({label_of(corpus, p) for p in m.participants}, m, corpus) for m in corpus.meetings]


def test_in_person_meeting_with_place_and_date():
    (people, m, corpus), = meetings("Menlu Retno Marsudi bertemu Menlu Tiongkok Wang Yi di Bali pada Senin.")
    assert people == {"Retno Marsudi", "Wang Yi"}
    assert label_of(corpus, m.place) == "Bali" and m.mode == "in_person" and m.status == "held"
    assert m.date.value == "2022-02-14" and m.cameo == "040"


def test_phone_call():
    (people, m, _), = meetings("Presiden Joe Biden berbicara melalui telepon dengan Presiden Vladimir Putin "
                               "pada Sabtu (12/2).")
    assert people == {"Joe Biden", "Vladimir Putin"} and m.mode == "phone" and m.cameo == "041"
    assert m.date.value == "2022-02-12"


def test_planned_meeting_between_two_parties_uses_future_weekday():
    (people, m, _), = meetings("Pembicaraan Rusia-NATO di Brussel pada Rabu akan menentukan arah krisis.")
    assert people == {"Rusia", "NATO"} and m.status == "planned" and m.cameo == "036"
    assert m.date.value == "2022-02-16"


def test_cancelled_meeting_with_pronoun_subject():
    (people, m, _), = meetings("Menlu AS Antony Blinken menegaskan sikapnya. "
                               "Ia membatalkan pertemuan dengan Menlu Rusia Sergey Lavrov di Jenewa.")
    assert people == {"Antony Blinken", "Sergey Lavrov"} and m.status == "cancelled"


def test_video_conference():
    (people, m, _), = meetings("Presiden Emmanuel Macron menggelar konferensi video dengan Kanselir Olaf Scholz.")
    assert people == {"Emmanuel Macron", "Olaf Scholz"} and m.mode == "video"


def test_a_meeting_word_alone_is_no_meeting():
    assert meetings("Pertemuan itu berlangsung tertutup dan tidak menghasilkan kesepakatan.") == []
