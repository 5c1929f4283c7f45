import pytest
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
    # two speech verbs joined by "dan", each with its own content, are two statements
    assert sorted((s, cue) for s, cue in speakers if s == "Sergey Lavrov") == [("Sergey Lavrov", "bersikeras"),
                                                                               ("Sergey Lavrov", "menuntut")]


def test_a_verb_after_a_bare_comma_or_dengan_elaborates_the_same_statement():
    _, found = statements("Menlu Sergey Lavrov menolak usulan itu, dengan mengatakan bahwa Moskow punya hak. "
                          "Menlu Dmytro Kuleba mengatakan dia sudah berbicara dengan Blinken, menambahkan bahwa "
                          "Kyiv tetap bersatu dengan sekutunya.")
    assert sorted((speaker, st.cue) for speaker, st in found) == [("Dmytro Kuleba", "mengatakan"),
                                                                  ("Sergey Lavrov", "menolak")]


def test_joined_speech_verbs_with_own_content_and_their_limits():
    _, found = statements("Juru bicara Kemlu Ukraina, Oleg Nikolenko, menolak rencana itu dan menekankan bahwa "
                          "pasukan Rusia harus ditarik. Presiden Vladimir Putin memuji Tiongkok karena menjaga "
                          "keseimbangan dan mendorong dialog.")
    assert sorted((speaker, st.cue) for speaker, st in found) == [
        ("Oleg Nikolenko", "menekankan"), ("Oleg Nikolenko", "menolak"),
        ("Vladimir Putin", "memuji")]  # "karena ... dan mendorong": Tiongkok's doing, in the subordinate clause
    assert next(st.content for _, st in found if st.cue == "menolak") == "rencana itu"
    _, found = statements("Zelensky berterima kasih atas bantuan Presiden Joe Biden, tetapi memperingatkan bahwa "
                          "perang belum usai.", "Presiden Volodymyr Zelensky tiba di Washington. Dia berterima kasih "
                          "atas dukungan Presiden Joe Biden, tetapi memperingatkan bahwa perang belum usai.")
    assert [speaker for speaker, _ in found][-2:] == ["Volodymyr Zelensky", "Volodymyr Zelensky"]


def test_subject_right_before_the_verb_after_dengan():
    _, found = statements("Kedua negara bertahan pada sikapnya, dengan Jepang menolak usulan tersebut.")
    assert [speaker for speaker, _ in found] == ["Jepang"]


def test_coordinated_speakers_give_one_statement_per_attribution():
    # the benchmark's convention (one statement per attribution); two statements at one cue also shared an IRI
    corpus, found = statements("Washington dan NATO sama-sama mengatakan perundingan masih mungkin.")
    assert [speaker for speaker, _ in found] == ["Amerika Serikat"]
    assert len({s.id for s in corpus.statements}) == len(corpus.statements)


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
    _, found = statements("Menurut Jen Psaki, belum waktunya untuk mengatakan apakah Moskow sungguh-sungguh.")
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
    # one attribution, one statement: the next sentence's quotation continues its quote
    assert [(speaker, st.quote) for speaker, st in found] == [("Volodymyr Zelensky",
                                                              "Kami tidak akan mundur Kami akan bertahan")]


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


# -- quotations -------------------------------------------------------------------------------------------------

def test_a_closing_mark_used_as_opening_and_mixed_marks_still_quote():
    _, found = statements("”Kami siap membantu kapan saja,” kata Menlu Budi Santoso.")
    assert [(speaker, st.quote) for speaker, st in found] == [("Budi Santoso", "Kami siap membantu kapan saja")]
    corpus, found = statements('"Kami terbuka untuk berunding,” ungkap Presiden Vladimir Putin kepada '
                               'Presiden Recep Tayyip Erdogan.')
    assert [(speaker, [label_of(corpus, a) for a in st.addressees]) for speaker, st in found] == [
        ("Vladimir Putin", ["Recep Tayyip Erdogan"])]


def test_a_quote_over_several_sentences_is_one_statement_with_the_whole_quote():
    _, found = statements("Dubes Rusia Lyudmila Vorobieva hadir di Jakarta. “Kami siap. Hubungan kedua negara "
                          "sangat baik. Kami akan terus bekerja sama,” ujarnya.")
    assert [(speaker, st.quote) for speaker, st in found] == [
        ("Lyudmila Vorobieva", "Kami siap. Hubungan kedua negara sangat baik. Kami akan terus bekerja sama")]


def test_a_post_cue_ends_a_quotation_that_is_never_closed():
    _, found = statements("“Perundingan berjalan baik, kata Menlu Retno Marsudi di Jakarta, Senin (14/2).")
    assert [(speaker, st.quote, st.date.value) for speaker, st in found] == [
        ("Retno Marsudi", "Perundingan berjalan baik", "2022-02-14")]
    _, found = statements("“Perundingan berjalan baik, kata Menlu Retno Marsudi di Jakarta, Senin (14/2). Menurut dia "
                          "kedua pihak sepakat bertemu lagi bulan depan.")
    assert sorted((speaker, st.cue) for speaker, st in found) == [("Retno Marsudi", "Menurut"),
                                                                  ("Retno Marsudi", "kata")]


def test_a_long_title_between_the_cue_and_the_person():
    _, found = statements("“Situasinya masih sulit,” kata Kepala Bidang Humas Polda Jawa Tengah Komisaris Besar "
                          "Polisi Budi Santoso kepada wartawan. “Kesepakatan diteken pekan depan,” kata juru bicara "
                          "Presiden Erdogan, Ibrahim Kalin. “Kami menunggu,” ucap Wakil Ketua Komisi I DPR, "
                          "Rahmat Hidayat.")
    assert [speaker for speaker, _ in found] == ["Budi Santoso", "Ibrahim Kalin", "Rahmat Hidayat"]


def test_pronoun_after_the_cue_and_before_anyone_spoke():
    _, found = statements("Menlu Retno Marsudi tiba di Riyadh. Menurut dia, pertemuan itu penting. "
                          "Kerja sama akan diperluas, kata dia.")
    assert [(speaker, st.cue) for speaker, st in found] == [("Retno Marsudi", "Menurut"), ("Retno Marsudi", "kata")]
    # two people named and nobody has spoken yet: the pronoun is not guessed
    _, found = statements("Menlu Retno Marsudi bertemu Menlu Wang Yi di Beijing. Ia mengatakan kerja sama penting.")
    assert found == []


# -- the lexicon --------------------------------------------------------------------------------------------------

def test_verbs_of_claiming_hoping_assuring_and_answering():
    _, found = statements("Menlu Budi Santoso mengaku prihatin atas situasi di Gaza. "
                          "Menlu Budi Santoso berharap pertemuan itu segera digelar. "
                          "Menlu Budi Santoso memastikan jadwal itu tidak berubah. "
                          "Presiden Joko Widodo menjawab bahwa persiapan sudah rampung.")
    assert [(speaker, st.speech_act, st.cameo) for speaker, st in found] == [
        ("Budi Santoso", "say", "010"), ("Budi Santoso", "hope", "013"), ("Budi Santoso", "assure", "010"),
        ("Joko Widodo", "answer", "010")]


def test_verbs_with_other_senses_need_their_condition():
    _, found = statements("Tim harus bekerja keras untuk memastikan semua siap. "
                          "Presiden Joko Widodo menjawab tantangan itu dengan kerja. "
                          "Kremlin menolak untuk hadir dalam pertemuan. "
                          "Polisi Jakarta mengungkap kasus penipuan itu. "
                          "Presiden Vladimir Putin mengakui Abkhazia sebagai negara merdeka.")
    assert found == []


def test_several_word_cues_win_and_take_their_own_act():
    corpus, found = statements("Presiden Prabowo Subianto berterima kasih kepada Presiden Donald Trump atas "
                               "dukungannya. Kremlin menolak tuduhan itu.")
    assert [(speaker, st.cue, st.speech_act, st.cameo) for speaker, st in found] == [
        ("Prabowo Subianto", "berterima kasih", "thank", "051"), ("Kremlin", "menolak tuduhan", "deny", "016")]
    assert [label_of(corpus, a) for a in found[0][1].addressees] == ["Donald Trump"]


# -- passives and references back ---------------------------------------------------------------------------------

def test_passive_agent_without_oleh_and_with_nya():
    _, found = statements("Kemerdekaan itu adalah syarat yang ditegaskan Ukraina untuk setiap pembicaraan. "
                          "Gencatan senjata permanen adalah usul yang ditolak oleh PM Israel Benjamin Netanyahu.",
                          "Menlu Budi Santoso tiba di Riyadh. Dikatakannya, pertemuan itu akan membahas Gaza.")
    assert [(speaker, st.speech_act) for speaker, st in found] == [
        ("Ukraina", "say"), ("Benjamin Netanyahu", "reject"), ("Budi Santoso", "say")]


def test_a_reference_back_to_the_same_speaker_is_not_another_statement():
    _, found = statements("Menlu Budi Santoso menegaskan Indonesia menolak rencana itu. "
                          "Hal itu disampaikan Budi di Jakarta, Senin (14/2).")
    assert [(speaker, st.cue, st.date.value) for speaker, st in found] == [
        ("Budi Santoso", "menegaskan", "2022-02-14")]  # the reference gives its day to the statement it repeats
    _, found = statements("Saat bertemu Presiden Joko Widodo, Menlu Antony Blinken menyoroti kerja sama energi. "
                          "Demikian disampaikan Departemen Luar Negeri AS lewat siaran persnya.")
    assert [speaker for speaker, _ in found] == ["Antony Blinken", "Departemen Luar Negeri AS"]


@pytest.mark.parametrize("texts, speakers", [
    # a description with a demonstrative is the person the sentence before opens with
    (("Presiden Joko Widodo menerima Presiden AS Joe Biden di Bogor. “Kami senang,” kata Jokowi. "
      "Presiden AS Joe Biden juga ingin kembali ke Bali. "
      "Politikus Partai Demokrat itu mengaku terkesan dengan keramahan warga.",), ["Jokowi", "Joe Biden"]),
    # a person noun with a demonstrative refers back
    (("Menlu Budi Santoso tiba di Jakarta. Politikus Partai Hijau itu menambahkan bahwa kerja sama akan diperluas.",),
     ["Budi Santoso"]),
    # a title without a name speaks for the person who holds it
    (("Kedatangan Menlu Retno Marsudi disambut hangat. Menlu mengaku senang dengan sambutan itu.",
      "Menlu Iran Hossein Amir-Abdollahian tiba di Jakarta. Menlu Iran menegaskan dukungannya bagi Palestina."),
     ["Retno Marsudi", "Hossein Amir-Abdollahian"]),
])
def test_a_speaker_named_by_other_words_than_a_name_refers_back(texts, speakers):
    _, found = statements(*texts)
    assert [speaker for speaker, _ in found] == speakers


# -- outlets, embedding, clauses ----------------------------------------------------------------------------------

def test_an_outlet_reports_and_is_no_speaker_nor_hearer():
    _, found = statements("Kantor berita Antara melaporkan Menlu Budi Santoso menceritakan perkembangan di Gaza. "
                          "Juru bicara Kremlin Dmitry Peskov mengatakan kepada Reuters bahwa pembicaraan itu buntu.")
    assert [(speaker, st.cue, st.addressees) for speaker, st in found] == [
        ("Budi Santoso", "menceritakan", []), ("Dmitry Peskov", "mengatakan", [])]


def test_what_a_speaker_reports_another_saying_is_embedded_but_a_new_clause_speaks():
    _, found = statements("Menlu Budi Santoso mengatakan bahwa Jepang menolak rencana itu.")
    assert [speaker for speaker, _ in found] == ["Budi Santoso"]
    _, found = statements("Menlu Budi Santoso menolak rencana itu dan Malaysia mengatakan siap membantu.")
    assert sorted((speaker, st.content) for speaker, st in found) == [("Budi Santoso", "rencana itu"),
                                                                      ("Malaysia", "siap membantu.")]


# -- polarity: negation and modality ------------------------------------------------------------------------------

NEGATED = {  # one sentence of our own for each word of negations.txt; without the word it is a statement
    "tidak": "Menlu Budi Santoso tidak mengatakan kapan pertemuan digelar.",
    "tak": "Menlu Budi Santoso tak menyebut nama negara itu.",
    "belum": "Juru bicara Kemlu Teuku Faizasyah belum mengonfirmasi kabar itu.",
    "enggan": "Juru bicara Kremlin Dmitry Peskov enggan berkomentar soal rencana itu.",
    "ogah": "Menlu Budi Santoso ogah menjelaskan alasannya.",
    "urung": "Presiden Joko Widodo urung mengumumkan kabinet barunya.",
    "batal": "Presiden Joko Widodo batal mengumumkan kabinet barunya.",
    "tanpa": "Menlu Budi Santoso meninggalkan ruangan tanpa menyebut alasannya.",
}


def test_every_negation_word_has_a_test_sentence(lang):
    assert set(NEGATED) == lang.negations


@pytest.mark.parametrize("word", sorted(NEGATED))
def test_a_negated_speech_verb_is_no_statement(word):
    sentence = NEGATED[word]
    assert statements(sentence)[1] == []
    assert len(statements(sentence.replace(f" {word} ", " "))[1]) == 1


def test_negation_never_yields_the_positive_speech_act():
    _, found = statements("Rusia tidak pernah mengancam Ukraina. "
                          "Dokumen Tiongkok itu tidak secara tegas mengatakan bahwa pasukan Moskow wajib mundur.")
    assert found == []
    _, found = statements("Juru bicara Kremlin Dmitry Peskov mengatakan Rusia tidak pernah mengancam Ukraina. "
                          "Rusia membantah akan menyerang Ukraina. Kremlin menolak tuduhan itu.")
    assert [(speaker, st.speech_act, st.cameo) for speaker, st in found] == [
        ("Dmitry Peskov", "say", "010"), ("Rusia", "deny", "016"), ("Kremlin", "deny", "016")]


def test_a_speech_verb_under_a_modal_or_plan_is_no_statement():
    _, found = statements("Presiden Joko Widodo akan mengumumkan kabinet baru. "
                          "Menlu Budi Santoso ingin memastikan semua siap. "
                          "Presiden Joko Widodo bakal mengundang semua ketua partai.")
    assert found == []


# -- more speakers ------------------------------------------------------------------------------------------------

def test_a_fronted_speech_verb_takes_the_main_subject_unless_it_answers_what_came_before():
    _, found = statements("Mengecam uji coba rudal Korea Utara, Perdana Menteri Fumio Kishida mengatakan Jepang "
                          "akan memperkuat pertahanan.")
    assert sorted((speaker, st.cue) for speaker, st in found) == [("Fumio Kishida", "Mengecam"),
                                                                  ("Fumio Kishida", "mengatakan")]
    _, found = statements("Menolak tuduhan itu, Kremlin mengatakan latihan itu bersifat defensif.")
    assert [(speaker, st.cue) for speaker, st in found] == [("Kremlin", "mengatakan")]


def test_relative_clauses_and_plural_subjects():
    _, found = statements("Presiden Volodymyr Zelensky, yang mengatakan Ukraina siap berunding, tiba di Roma. "
                          "Kesepakatan yang menjanjikan keringanan itu gagal. "
                          "Dipimpin Budi Santoso, mereka mengklaim sejarah baru tercatat.")
    assert [(speaker, st.cue) for speaker, st in found] == [("Volodymyr Zelensky", "mengatakan")]


def test_an_object_hearer():
    corpus, found = statements("Perdana Menteri Anthony Albanese memberi tahu Presiden Xi Jinping bahwa Australia "
                               "ingin berdagang.")
    speaker, st = found[0]
    assert (speaker, [label_of(corpus, a) for a in st.addressees], st.content) == (
        "Anthony Albanese", ["Xi Jinping"], "Australia ingin berdagang.")


def test_a_statement_named_after_its_quote():
    _, found = statements('"Pertemuan akan digelar besok," demikian pernyataan Kementerian Luar Negeri RI, '
                          "Senin (14/2).")
    assert [(speaker, st.date.value) for speaker, st in found] == [("Kementerian Luar Negeri RI", "2022-02-14")]
    _, found = statements("“Kami siap,” kata Juru Bicara Kemlu Teuku Faizasyah. "
                          "“Kedua menteri membahas Gaza,” lanjut pernyataan Kemlu tersebut.")
    assert [speaker for speaker, _ in found] == ["Teuku Faizasyah", "Teuku Faizasyah"]  # "that statement": his


def test_a_parenthetical_attribution_covers_both_sides():
    _, found = statements("Menlu Retno Marsudi tiba di New York. Upaya itu, kata dia, melalui jalur PBB dan mendesak "
                          "Dewan Keamanan bertindak.")
    assert [(speaker, st.cue) for speaker, st in found] == [("Retno Marsudi", "kata")]


def test_a_name_in_a_prepositional_phrase_is_not_the_subject():
    _, found = statements("Para diplomat dalam sidang darurat ASEAN sudah menyatakan kecemasan mereka.")
    assert found == []


def test_ia_and_dia_stand_for_a_person():
    _, found = statements("Media Tiongkok Global Times meledek kunjungan itu. Menlu Antony Blinken tiba di Jakarta. "
                          "Dia meyakinkan bahwa dukungan Washington tidak akan surut.")
    assert [(speaker, st.cue) for speaker, st in found] == [("Global Times", "meledek"),
                                                            ("Antony Blinken", "meyakinkan")]


def test_the_cut_last_sentence_of_a_passage_attributes_nothing():
    _, found = statements("Menlu Retno Marsudi tiba di Jakarta. Dalam pertemuan itu, Retno mengatakan ada sekitar "
                          "20 negara yang mau melakukan per")
    assert found == []
    _, found = statements("Menlu Retno Marsudi tiba di Jakarta. Retno mengatakan ada sekitar 20 negara yang hadir.")
    assert len(found) == 1

