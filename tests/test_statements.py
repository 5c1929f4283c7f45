from conftest import corpus_of, label_of


def statements(*texts, published="2022-02-15"):
    corpus = corpus_of(*texts, published=published)
    return corpus, [(label_of(corpus, s.speaker), s) for s in corpus.statements]


def test_quote_then_post_cue_with_addressee():
    corpus, found = statements("Menlu AS Antony Blinken tiba di Berlin. "
                               "“Kami tidak akan mundur,” kata Blinken kepada Menlu Jerman Annalena Baerbock.")
    speaker, st = found[0]
    assert speaker == "Antony Blinken" and st.quote == "Kami tidak akan mundur"
    assert [label_of(corpus, a) for a in st.addressees] == ["Annalena Baerbock"]
    assert st.cue == "kata" and st.cameo == "010"


def test_pre_cue_indirect_speech_and_speech_act():
    _, found = statements("Presiden Ukraina Volodymyr Zelensky mendesak Barat mengirim bantuan. "
                          "Zelensky juga menolak syarat yang diajukan Moskow.")
    acts = [(speaker, st.speech_act, st.cameo) for speaker, st in found]
    assert ("Volodymyr Zelensky", "appeal", "020") in acts
    assert ("Volodymyr Zelensky", "reject", "120") in acts


def test_pronoun_and_nya_cue_take_the_last_speaker():
    _, found = statements("Kanselir Jerman Olaf Scholz mengatakan bahwa jalur diplomasi masih terbuka. "
                          "Ia menambahkan bahwa sanksi sudah disiapkan. "
                          "“Kami siap,” tegasnya.")
    assert [speaker for speaker, _ in found] == ["Olaf Scholz"] * 3


def test_menurut_and_country_speaker():
    _, found = statements("Menurut Menlu Retno Marsudi, ASEAN harus tetap bersatu. "
                          "Kremlin mengatakan pasukan tidak akan mundur.")
    assert [speaker for speaker, _ in found] == ["Retno Marsudi", "Kremlin"]


def test_cue_inside_quote_is_not_an_attribution():
    _, found = statements("“Apa kata dunia nanti?” ujar Presiden Joko Widodo.")
    assert len(found) == 1 and found[0][0] == "Joko Widodo"


def test_statement_date_comes_from_outside_its_content():
    _, found = statements("Dmitry Peskov mengatakan pada Senin bahwa pertemuan Rabu akan menentukan.")
    assert found[0][1].date.value == "2022-02-14"
    _, found = statements("Dmitry Peskov mengatakan bahwa pertemuan Rabu akan menentukan.")
    assert found[0][1].date is None  # undated: never the publication date, never the content's date
    assert found[0][1].report_date == "2022-02-15"


def test_reporters_are_not_addressees():
    _, found = statements("“Belum ada keputusan,” kata Jen Psaki kepada wartawan.")
    assert found[0][1].addressees == []


def test_second_predicate_keeps_the_first_subject():
    _, found = statements("Presiden Emmanuel Macron tiba di Kyiv pada Selasa, dengan mengatakan Eropa bersatu. "
                          "Menlu Rusia Sergey Lavrov bersikeras pada jaminan keamanan dan menuntut penarikan pasukan.")
    speakers = [(speaker, st.cue) for speaker, st in found]
    assert ("Emmanuel Macron", "mengatakan") in speakers
    assert [s for s, _ in speakers].count("Sergey Lavrov") == 1  # one statement per speaker per sentence


def test_subject_right_before_the_verb_after_dengan():
    _, found = statements("Kedua negara bertahan pada sikapnya, dengan Jepang menolak usulan tersebut.")
    assert [speaker for speaker, _ in found] == ["Jepang"]


def test_coordinated_speakers_each_get_a_statement():
    _, found = statements("Washington dan NATO juga mengatakan mereka siap berunding.")
    assert sorted(speaker for speaker, _ in found) == ["Amerika Serikat", "NATO"]


def test_passive_attribution():
    _, found = statements("Keputusan itu diumumkan oleh Perdana Menteri Fumio Kishida pada Jumat (11/2/2022).")
    assert found[0][0] == "Fumio Kishida" and found[0][1].date.value == "2022-02-11"


def test_unnamed_officials_are_not_their_country():
    _, found = statements("Pejabat AS menegaskan langkah itu sudah diperhitungkan.")
    assert found == []


def test_undated_statement_inherits_the_speakers_only_date():
    _, found = statements("Menlu Antony Blinken pada hari Rabu mengatakan pintu diplomasi terbuka. "
                          "“Tidak ada perubahan,” kata Blinken.")
    assert [st.date.value for _, st in found] == ["2022-02-09", "2022-02-09"]


def test_two_dates_for_a_speaker_means_no_inheritance():
    _, found = statements("Kanselir Olaf Scholz pada Senin mengatakan sanksi siap. "
                          "Scholz pada Jumat (11/2) menegaskan hal serupa. "
                          "“Kami bersatu,” kata Scholz.")
    assert [st.date.value if st.date else None for _, st in found] == ["2022-02-14", "2022-02-11", None]


def test_reply_takes_the_date_of_the_question():
    _, found = statements("Pada Senin, Presiden Vladimir Putin bertanya kepada Menlu Sergey Lavrov soal dialog. "
                          "“Peluang masih ada,” kata Lavrov kepada Putin.")
    assert [(speaker, st.date.value) for speaker, st in found] == [("Vladimir Putin", "2022-02-14"),
                                                                    ("Sergey Lavrov", "2022-02-14")]


def test_infinitive_speech_verb_is_not_an_attribution():
    _, found = statements("Menurut Jen Psaki, masih terlalu dini untuk mengatakan apakah Rusia serius.")
    assert [(speaker, st.cue) for speaker, st in found] == [("Jen Psaki", "Menurut")]


def test_possessor_before_a_coordinated_subject_is_not_a_speaker():
    _, found = statements("Jepang menolak perluasan ASEAN dan Australia mengatakan siap membantu.")
    assert sorted(speaker for speaker, _ in found) == ["Australia", "Jepang"]


def test_countries_do_not_inherit_dates():
    _, found = statements("Pada Senin, Rusia menolak usulan itu.\n\nRusia mengatakan pasukannya bertahan.")
    assert [st.date.value if st.date else None for _, st in found] == ["2022-02-14", None]


def test_quote_continued_in_the_next_sentence():
    _, found = statements("“Kami tidak akan mundur,” kata Presiden Volodymyr Zelensky. “Kami akan bertahan.” "
                          "Warga berkumpul di alun-alun.")
    assert [(speaker, st.quote) for speaker, st in found] == [("Volodymyr Zelensky", "Kami tidak akan mundur"),
                                                             ("Volodymyr Zelensky", "Kami akan bertahan")]


def test_reference_back_takes_the_date_of_the_statement_it_refers_to():
    _, found = statements("Kanada pada Senin mengumumkan penutupan kedutaannya. "
                          "Menlu Melanie Joly membuat pengumuman itu dengan mengatakan keselamatan staf diutamakan.")
    assert [(speaker, st.date.value) for speaker, st in found] == [("Kanada", "2022-02-14"),
                                                                    ("Melanie Joly", "2022-02-14")]


def test_day_after_counts_from_the_last_dated_statement():
    corpus, found = statements("Hal itu diumumkan oleh Menlu Antony Blinken, Selasa (22/2/2022). "
                               "Pernyataan itu muncul sehari setelah Presiden Vladimir Putin mengakui kemerdekaan "
                               "dua wilayah. Putin juga mengumumkan pengiriman pasukan.")
    recognition = next(e for e in corpus.events if e.event_type == "recognition")
    assert recognition.date.value == "2022-02-21"
    assert dict((speaker, st.date.value) for speaker, st in found)["Vladimir Putin"] == "2022-02-21"
    assert all(st.date is None or st.date.precision != "pending" for _, st in found)


def test_meetings_on_two_days_block_inheritance():
    _, found = statements("Menlu Antony Blinken bertemu Presiden Volodymyr Zelensky di Kyiv pada Rabu (19/1). "
                          "Menlu Sergey Lavrov bertemu Blinken di Jenewa pada Jumat (21/1/2022). "
                          "“Kami tidak mengharapkan terobosan,” kata Blinken.")
    assert [st.date for speaker, st in found if speaker == "Antony Blinken"] == [None]


def test_a_fronted_date_sets_the_scene_for_its_paragraph():
    _, found = statements("Pada pertemuan Senin di Jenewa, Rusia bersikeras pada tuntutannya. "
                          "Jepang menolak tuntutan itu.\n\n"
                          "Australia mengatakan siap membantu.\n\n"
                          "“Kami siap bekerja sama hari ini, bukan besok,” kata Menlu Penny Wong.")
    dates = {speaker: (st.date.value if st.date else None) for speaker, st in found}
    assert dates == {"Rusia": "2022-02-14", "Jepang": "2022-02-14", "Australia": None, "Penny Wong": None}


def test_a_same_day_lead_dates_the_undated_statements_of_persons():
    _, found = statements(
        "Jepang dan Korea Selatan pada hari Selasa sepakat memperluas latihan militer bersama di Laut Jepang.\n\n"
        "Perdana Menteri Jepang Fumio Kishida mengatakan kerja sama itu penting bagi keamanan kawasan.\n\n"
        "“Kami tidak bisa menunggu lebih lama,” kata Kishida.\n\n"
        "Menlu Korea Selatan Park Jin telah mengatakan bahwa Seoul siap menanggung sebagian biaya.\n\n"
        "Kementerian Luar Negeri Jepang mengatakan rincian latihan akan diumumkan kemudian.\n\n"
        "Baru-baru ini, Menteri Pertahanan Jepang Yasukazu Hamada mengatakan anggaran pertahanan akan naik.")
    dates = [(speaker, st.date.value if st.date else None) for speaker, st in found]
    assert dates == [("Fumio Kishida", "2022-02-15"), ("Fumio Kishida", "2022-02-15"),
                     ("Park Jin", None),  # "telah mengatakan": said before the news day
                     ("Kementerian Luar Negeri Jepang", None),  # organizations state positions over time
                     ("Yasukazu Hamada", None)]  # "baru-baru ini" leaves the news day
    assert found[0][1].date.expression == "pada hari Selasa"


def test_a_time_that_fixes_no_day_keeps_the_news_day_away():
    _, found = statements(
        "Jepang dan Korea Selatan pada hari Selasa sepakat memperluas latihan militer bersama.\n\n"
        "Pekan lalu, Perdana Menteri Jepang Fumio Kishida mengatakan kerja sama itu penting.\n\n"
        "Menlu Korea Selatan Park Jin pekan lalu mengatakan Seoul siap membantu.\n\n"
        "Menteri Pertahanan Jepang Yasukazu Hamada mengatakan latihan dimulai bulan depan.")
    assert [(speaker, st.date.value if st.date else None) for speaker, st in found] == [
        ("Fumio Kishida", None), ("Park Jin", None), ("Yasukazu Hamada", "2022-02-15")]


def test_a_lead_on_another_day_than_publication_dates_nothing():
    _, found = statements(
        "Jepang dan Korea Selatan pada hari Senin sepakat memperluas latihan militer bersama.\n\n"
        "Perdana Menteri Jepang Fumio Kishida mengatakan kerja sama itu penting bagi keamanan kawasan.")
    assert [st.date for _, st in found] == [None]
    _, found = statements("Jepang dan Korea Selatan pada hari Selasa sepakat memperluas latihan militer bersama.\n\n"
                          "Perdana Menteri Jepang Fumio Kishida mengatakan kerja sama itu penting.", published=None)
    assert [st.date for _, st in found] == [None]


def test_after_that_takes_the_day_of_the_meeting_at_the_place_named():
    _, found = statements(
        "Menlu Retno Marsudi bertemu Menlu Tiongkok Wang Yi di Beijing pada Kamis (13/1/2022).\n\n"
        "Pada Jumat (14/1/2022), Retno mengatakan kepada wartawan bahwa vaksin menjadi prioritas.\n\n"
        "Juru bicara Kemlu Teuku Faizasyah, yang mendampingi delegasi Indonesia di Beijing, mengatakan setelah itu "
        "bahwa hubungan kedua negara terus menguat.")
    faizasyah = next(st for speaker, st in found if speaker == "Teuku Faizasyah")
    assert (faizasyah.date.value, faizasyah.date.expression) == ("2022-01-13", "setelah itu")
    assert faizasyah.content.startswith("hubungan")  # the time adverbial is not reported content


def test_days_after_that_count_from_the_last_dated_fact():
    corpus, found = statements(
        "Presiden Joko Widodo menerima Perdana Menteri Malaysia Ismail Sabri di Istana Bogor pada Rabu (26/1/2022).\n\n"
        "Dua hari setelah itu, Menko Airlangga Hartarto mengatakan kerja sama ekonomi akan diperluas.")
    assert [(speaker, st.date.value) for speaker, st in found] == [("Airlangga Hartarto", "2022-01-28")]
    _, found = statements("Setelah itu, Menko Airlangga Hartarto mengatakan kerja sama ekonomi akan diperluas.")
    assert [st.date for _, st in found] == [None]  # nothing to point back to: no date
