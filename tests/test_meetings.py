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


def test_two_meetings_in_one_sentence_keep_their_own_place_and_date():
    found = meetings("Juru bicara Kremlin Dmitry Peskov mengatakan pembicaraan Rusia-NATO di Brussel pada Rabu dan "
                     "pertemuan Rusia dan Ukraina di Wina pada Kamis akan menentukan.")
    by_people = {frozenset(p): (m, c) for p, m, c in found}
    talks, corpus = by_people[frozenset({"Rusia", "NATO"})]
    other, _ = by_people[frozenset({"Rusia", "Ukraina"})]
    assert label_of(corpus, talks.place) == "Brussel" and talks.date.value == "2022-02-16"
    assert label_of(corpus, other.place) == "Wina" and other.date.value == "2022-02-17"
    assert talks.status == other.status == "planned"  # dated after publication


def test_a_meeting_needs_two_parties_and_a_forum_is_not_one():
    # one party with a place and a date is an event, and the body holding a summit or session is no attendee
    assert meetings("Pertemuan OSCE di Wina pada Kamis akan menentukan arah krisis.",
                    "Presiden Joko Widodo hadir dalam KTT G20 di Bali pada Senin.",
                    "Menlu Retno Marsudi berbicara dalam sidang Dewan Keamanan PBB di New York pada Senin.") == []


def test_participants_after_dengan_later_in_the_clause():
    (people, m, corpus), = meetings("Kanselir Olaf Scholz bertemu Senin di Kyiv dengan pejabat Prancis dan Polandia.")
    assert people == {"Olaf Scholz", "Prancis", "Polandia"}
    assert label_of(corpus, m.place) == "Kyiv" and m.status == "held"


def test_fronted_clause_subject_and_duplicate_report_merged():
    found = meetings("Dalam panggilan telepon dengan Menlu Sergey Lavrov, Menlu Antony Blinken mendesak de-eskalasi. "
                     "Setelah berbicara dengan Lavrov, Blinken terbang ke Berlin.")
    assert [(people, m.mode) for people, m, _ in found] == [({"Antony Blinken", "Sergey Lavrov"}, "phone")]


def test_status_word_of_another_clause_does_not_apply():
    (people, m, _), = meetings("Dalam pertemuan dengan Presiden Joko Widodo, Presiden Xi Jinping mengatakan Tiongkok "
                               "akan membantu.")
    assert people == {"Joko Widodo", "Xi Jinping"} and m.status == "held"


def test_invited_meeting_is_planned_with_the_inviter():
    (people, m, _), = meetings("Prancis memanggil Dewan Keamanan PBB untuk bersidang membahas krisis itu.")
    assert people == {"Prancis", "Dewan Keamanan PBB"} and m.status == "planned" and m.cameo == "036"


def test_date_of_another_verb_is_not_the_meeting_date():
    (_, m, _), = meetings("Jepang pada Kamis meminta ASEAN untuk bersidang.")
    assert m.date is None


def test_hosting_verb_makes_a_meeting_only_with_a_person_as_guest():
    (people, m, corpus), = meetings("Presiden Joko Widodo menerima Perdana Menteri Malaysia Ismail Sabri di "
                                    "Istana Bogor pada Rabu (26/1/2022).")
    assert people == {"Joko Widodo", "Ismail Sabri"} and m.cameo == "043" and m.date.value == "2022-01-26"
    assert meetings("NATO pada Senin menerima Finlandia sebagai anggota baru.",
                    "Rusia menerima usulan itu pada hari Selasa.") == []
