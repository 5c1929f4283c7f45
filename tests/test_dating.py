"""How facts get their dates from the text around them (kg.dating: mark_occasions, date_article), with
our own sentences."""
from conftest import corpus_of, label_of


def dated(corpus):
    """(speaker, date, basis) of each statement in text order."""
    return [(label_of(corpus, s.speaker), s.date.value if s.date else None, s.date.basis if s.date else None)
            for s in sorted(corpus.statements, key=lambda s: s.evidence.sentence_index)]


def test_a_citation_day_dates_nothing():
    corpus = corpus_of("“Kami tidak akan menyerah,” kata Menteri Pertahanan Ukraina Oleksii Reznikov, dikutip dari "
                       "laman resmi kementerian, Kamis (10/2/2022).",
                       "Presiden Ceko Petr Pavel mengatakan dukungan akan berlanjut, seperti dilansir Reuters, Senin "
                       "(14/2/2022).")
    assert [d[1] for d in dated(corpus)] == [None, None]


def test_a_day_that_closes_the_sentence_after_a_comma_dates_the_statement():
    corpus = corpus_of("Menlu Retno Marsudi menyampaikan rencana kerja sama itu di sela kunjungan ke Surabaya, "
                       "Kamis (10/2/2022).", "Menlu Retno Marsudi mengatakan pertemuan Kamis (17/2/2022) akan "
                       "membahas vaksin.")
    assert dated(corpus)[0][1:] == ("2022-02-10", "numeric")
    assert dated(corpus)[1][1] is None  # a day inside what was said, not at the close


def test_a_closing_day_may_be_followed_by_a_word_of_the_past():
    corpus = corpus_of("Gubernur Budi Santoso menyampaikan rencana itu dalam rapat di Semarang, Jumat (11/2/2022) "
                       "lalu.",
                       "Gubernur Budi Santoso mengatakan jalan tol itu dibuka di Semarang, Jumat (18/2/2022) "
                       "mendatang.")
    assert [d[1] for d in dated(corpus)] == ["2022-02-11", None]  # a coming day is what was said


def test_without_a_publication_date_a_day_and_month_take_the_year_of_the_texts_days():
    corpus = corpus_of("Menteri Pertahanan Prabowo Subianto bertemu Menteri Pertahanan Singapura Ng Eng Hen di "
                       "Singapura pada Sabtu (3/6). Sehari kemudian, Minggu (4/6/2023), ia kembali ke Jakarta.",
                       published=None)
    meeting, = corpus.meetings
    assert meeting.date.value == "2023-06-03"


def test_that_evening_counts_from_the_last_dated_happening():
    corpus = corpus_of("Presiden Joe Biden menyambut Presiden Volodymyr Zelensky dari Ukraina di Washington pada Rabu "
                       "(21/12/2022). Zelensky juga dijadwalkan bertemu dengan Ketua DPR Nancy Pelosi pada malam "
                       "harinya.", published="2022-12-22")
    planned = [m for m in corpus.meetings if m.status == "planned"]
    assert planned and planned[0].date.value == "2022-12-21" and planned[0].date.basis == "anaphor"


def test_a_statement_framed_in_a_meeting_takes_its_day_and_the_paragraph_follows():
    # Retno speaks on two days, so only the frame can date her words in the last paragraph
    corpus = corpus_of("Menlu Retno Marsudi bertemu Menlu Iran Hossein Amir-Abdollahian di Jenewa pada Senin "
                       "(26/2/2024).\n\nRetno berkata pada Selasa (27/2/2024) bahwa Eropa perlu bersikap.\n\n"
                       "Dalam pertemuan itu, Retno menegaskan dukungan bagi Palestina. "
                       "Retno juga mengatakan Indonesia siap membantu.", published="2024-02-28")
    assert dated(corpus) == [("Retno Marsudi", "2024-02-27", "numeric"),
                             ("Retno Marsudi", "2024-02-26", "meeting frame"),
                             ("Retno Marsudi", "2024-02-26", "meeting frame")]


def test_a_speaker_who_speaks_through_a_written_statement_is_not_dated_by_the_meeting():
    corpus = corpus_of("Menlu Retno Marsudi bertemu Menlu Brunei Erywan Yusof di Bandar Seri Begawan pada Rabu "
                       "(17/2/2021). Retno menyebut pembicaraan itu menyoroti situasi Myanmar. “ASEAN harus bersatu,” "
                       "tulis Retno dalam keterangan resminya.", published="2021-02-18")
    assert [d[1] for d in dated(corpus)] == [None, None]


def test_a_statement_that_reports_a_past_meeting_is_not_dated_by_it():
    corpus = corpus_of("Menlu Retno Marsudi menelepon Menlu Yordania Ayman Safadi pada Senin (15/4/2024). "
                       "Retno mengatakan telah menghubungi pula sejumlah mitra di kawasan.", published="2024-04-17")
    assert dated(corpus) == [("Retno Marsudi", None, None)]
    corpus = corpus_of("Menlu Retno Marsudi menelepon Menlu Yordania Ayman Safadi pada Senin (15/4/2024). "
                       "Retno mengatakan bahwa Yordania telah membuka perbatasannya bagi bantuan.",
                       published="2024-04-17")
    assert dated(corpus)[0][1:] == ("2024-04-15", "same occasion")  # the past of the content's own subject


def test_a_planned_meeting_is_no_occasion_of_what_was_said():
    corpus = corpus_of("Presiden Prabowo Subianto dijadwalkan bertemu Presiden Xi Jinping di Beijing pada 9 November "
                       "2024 mendatang. Prabowo mengatakan kunjungan itu penting bagi kedua negara.",
                       published="2024-11-05")
    assert dated(corpus) == [("Prabowo Subianto", None, None)]


def test_statements_through_one_medium_are_one_release():
    corpus = corpus_of("“Kerja sama ini penting,” kata Kementerian Luar Negeri RI dalam keterangannya, "
                       "Senin (7/3/2022). "
                       "“Ekspor akan naik,” tambah Kementerian Luar Negeri RI dalam keterangannya. "
                       "Kementerian Luar Negeri RI sebelumnya mengatakan harga gula stabil.")
    assert [d[1:] for d in dated(corpus)] == [("2022-03-07", "numeric"), ("2022-03-07", "same release"),
                                              (None, None)]  # an organization: no other statement inherits


def test_a_post_after_a_call_is_not_dated_by_the_call_nor_is_its_continuation():
    corpus = corpus_of("Menlu Retno Marsudi menelepon Menlu Yordania Ayman Safadi pada Senin (15/4/2024). "
                       "Dalam percakapan itu, Retno menyerukan semua pihak menahan diri.\n\n"
                       "“Situasi di kawasan sangat mengkhawatirkan,” tulis Retno dalam unggahannya di Instagram.\n\n"
                       "“Kita semua harus mencegah perang yang lebih luas,” lanjutnya.", published="2024-04-17")
    assert [d[1:] for d in dated(corpus)] == [("2024-04-15", "meeting frame"), (None, None), (None, None)]


def test_a_meeting_frames_only_the_statements_of_those_who_took_part():
    corpus = corpus_of("Menlu Antony Blinken bertemu Presiden Joko Widodo di Jakarta pada Senin (13/12/2021). "
                       "Dalam pertemuan itu, Blinken menekankan pentingnya kemitraan. "
                       "Setelah pertemuan itu, Menlu Retno Marsudi mengatakan Washington tertarik pada infrastruktur.",
                       published="2021-12-15")
    assert [d[:2] for d in dated(corpus)] == [("Antony Blinken", "2021-12-13"), ("Retno Marsudi", None)]
