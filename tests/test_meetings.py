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
                               "Ia membatalkan pertemuan dengan Menlu Sergey Lavrov di Jenewa pekan ini.")
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
    (people, m, _), = meetings("Prancis memanggil Dewan Keamanan PBB untuk bersidang soal krisis itu.")
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


def people_of(found):
    return sorted(sorted(people) for people, _, _ in found)


def test_coordinated_subjects_and_appositions_meet():
    assert people_of(meetings("Kanselir Jerman, Olaf Scholz, dan Presiden Prancis, Emmanuel Macron, bertemu di "
                              "Paris pada Senin.")) == [["Emmanuel Macron", "Olaf Scholz"]]
    assert people_of(meetings("Jepang, Korea Selatan dan Filipina akan bertemu di Manila.")) == [
        ["Filipina", "Jepang", "Korea Selatan"]]


def test_subordinate_clause_takes_the_main_subject():
    found = meetings("Presiden Iran Ebrahim Raisi berziarah ke sebuah makam tua sebelum menggelar pertemuan empat mata "
                     "dengan Presiden Joko Widodo di Istana Bogor.")
    assert people_of(found) == [["Ebrahim Raisi", "Joko Widodo"]]


def test_meeting_noun_as_frame_of_the_clause():
    said = meetings("“Kita harus bekerja sama,” kata Perdana Menteri Anthony Albanese dalam pertemuan dengan Presiden "
                    "Xi Jinping.")
    assert people_of(said) == [["Anthony Albanese", "Xi Jinping"]]
    after = meetings("Presiden Yoon Suk Yeol berbicara kepada wartawan seusai pertemuan puncak dengan "
                     "PM Fumio Kishida di Tokyo.")
    assert people_of(after) == [["Fumio Kishida", "Yoon Suk Yeol"]]


def test_fronted_participle_and_its_plural_subject():
    (people, m, _), = meetings("Berbincang via telepon, Menlu Penny Wong dan Menlu Retno Marsudi membahas kerja sama "
                               "maritim.")
    assert people == {"Penny Wong", "Retno Marsudi"} and m.mode == "phone"


def test_fronted_phrase_that_names_both_parties_has_no_reporter():
    found = meetings("Setelah pertemuan Menlu Antony Blinken dengan Presiden Joko Widodo, Menlu Retno Marsudi "
                     "mengatakan kedua negara sepakat.")
    assert people_of(found) == [["Antony Blinken", "Joko Widodo"]]


def test_counterpart_phrases_through_counterpart_nouns_brackets_and_quantifiers():
    assert people_of(meetings("Menlu Retno Marsudi bertemu timpalannya Menlu Jepang Yoko Kamikawa di Tokyo.")) == [
        ["Retno Marsudi", "Yoko Kamikawa"]]
    assert people_of(meetings("Menlu Penny Wong melakukan pembicaraan dengan Menteri Luar Negeri Indonesia (RI) Retno "
                              "Marsudi di Canberra.")) == [["Penny Wong", "Retno Marsudi"]]
    assert people_of(meetings("Presiden Emmanuel Macron juga akan bertemu sejumlah tokoh seperti Kanselir Olaf Scholz "
                              "di Berlin.")) == [["Emmanuel Macron", "Olaf Scholz"]]


def test_calls_and_visits_are_one_meeting_per_counterpart():
    calls = meetings("Menlu Retno Marsudi telah berkomunikasi dengan Menlu Mesir, Menlu Qatar dan Menlu Turki.")
    assert people_of(calls) == [["Mesir", "Retno Marsudi"], ["Qatar", "Retno Marsudi"], ["Retno Marsudi", "Turki"]]
    visits = meetings("Presiden Joko Widodo lalu mengunjungi Ketua MPR Bambang Soesatyo serta Ketua DPR Puan Maharani.")
    assert people_of(visits) == [["Bambang Soesatyo", "Joko Widodo"], ["Joko Widodo", "Puan Maharani"]]
    # a meeting in one place with several counterparts stays one
    assert people_of(meetings("Presiden Volodymyr Zelensky bertemu dengan pejabat Polandia dan Lituania di Kyiv.")) == [
        ["Lituania", "Polandia", "Volodymyr Zelensky"]]


def test_each_repeated_dengan_is_another_counterpart():
    found = meetings("Pemimpin Hamas Ismail Haniyeh berbicara lewat telepon dengan Perdana Menteri "
                     "Qatar, Mohammed Al Thani, dan dengan Menlu Mesir, Sameh Shoukry, pada Minggu.")
    assert people_of(found) == [["Ismail Haniyeh", "Mohammed Al Thani"], ["Ismail Haniyeh", "Sameh Shoukry"]]


def test_between_a_and_b_with_dengan():
    (people, _, _), = meetings("Menurutnya, pertemuan antara Joko Widodo (Jokowi) dengan Megawati Soekarnoputri "
                               "dari PDI-P masih mungkin terjadi.")
    assert people == {"Joko Widodo", "Megawati Soekarnoputri"}


def test_meeting_referred_to_again_is_the_same_meeting():
    found = meetings("Menlu Antony Blinken bertemu Menlu Wang Yi di Beijing pada Senin. "
                     "Dalam pertemuan itu, Blinken mengangkat isu Taiwan.")
    assert people_of(found) == [["Antony Blinken", "Wang Yi"]]
    assert meetings("Dalam pertemuan itu, Menlu Antony Blinken mengangkat isu Taiwan.") == []


def test_both_leaders_are_the_parties_of_the_meeting_before():
    found = meetings("Presiden Joe Biden bertemu Presiden Xi Jinping di Bali pada Senin. "
                     "Kedua pemimpin itu sepakat bahwa kedua pemimpin akan bertemu lagi tahun depan.")
    assert sorted((sorted(p), m.status) for p, m, _ in found) == [
        (["Joe Biden", "Xi Jinping"], "held"), (["Joe Biden", "Xi Jinping"], "planned")]


def test_talks_whose_parties_a_sentence_before_named():
    found = meetings("India dan Pakistan menahan diri menjelang pembicaraan. "
                     "Pada pembicaraan Senin di Jenewa, India menuntut penarikan pasukan.")
    (people, m, _), = found
    assert people == {"India", "Pakistan"} and m.date.value == "2022-02-14" and m.status == "held"


def test_reflexive_object_is_the_reporting_subject():
    (people, m, _), = meetings("Menteri Luhut Binsar Pandjaitan bercerita bahwa Presiden Joko Widodo menelepon "
                               "dirinya dari Phnom Penh.")
    assert people == {"Joko Widodo", "Luhut Binsar Pandjaitan"} and m.mode == "phone"


def test_visit_to_a_country_unless_it_is_a_named_meeting():
    (people, _, _), = meetings("Ia menyinggung lawatan Presiden Ebrahim Raisi ke Indonesia tahun lalu.")
    assert people == {"Ebrahim Raisi", "Indonesia"}
    same_sentence = meetings("Presiden Ebrahim Raisi dijadwalkan berkunjung ke Indonesia dan bertemu dengan Joko "
                             "Widodo di Bogor.")
    assert people_of(same_sentence) == [["Ebrahim Raisi", "Joko Widodo"]]
    article = meetings("Presiden Joko Widodo melakukan kunjungan kenegaraan ke Rusia. "
                       "Joko Widodo melakukan pertemuan bilateral dengan Presiden Rusia Vladimir Putin.")
    assert people_of(article) == [["Joko Widodo", "Vladimir Putin"]]


def test_invitation_is_a_planned_meeting():
    (people, m, _), = meetings("Presiden Joko Widodo berencana mengundang Megawati Soekarnoputri dari PDIP ke "
                               "Istana.")
    assert people == {"Joko Widodo", "Megawati Soekarnoputri"} and m.status == "planned"


def test_mutual_verb_needs_two_parties_as_subject():
    (people, m, _), = meetings("Rusia, Turki dan Ukraina akan terus membahas jalur ekspor pupuk.")
    assert people == {"Rusia", "Ukraina", "Turki"} and m.status == "planned"
    assert meetings("Menlu Retno Marsudi membahas konflik Iran dengan Israel.",
                    "Amerika Serikat dan NATO mengatakan mereka bersedia untuk membahas pembatasan rudal.") == []


def test_quoted_meeting_counts_with_its_own_named_parties():
    found = meetings("“Presiden Prabowo Subianto akan bertemu dengan Presiden Xi Jinping di Beijing,” kata juru "
                     "bicara Kemlu Rolliansyah Soemirat.")
    assert [(sorted(p), m.status) for p, m, _ in found] == [(["Prabowo Subianto", "Xi Jinping"], "planned")]
    assert meetings("“Dia akan bertemu dengan Presiden Xi Jinping,” kata Presiden Prabowo Subianto.") == []


def test_country_attends_through_its_office_holder():
    (people, _, _), = meetings("Dalam pertemuan bilateral Indonesia-Australia, Presiden Indonesia Joko Widodo dan "
                               "Perdana Menteri Australia Anthony Albanese membahas kerja sama ekonomi.")
    assert people == {"Joko Widodo", "Anthony Albanese"}


def test_meeting_told_again_with_a_demonstrative_or_as_subject():
    found = meetings("Delegasi Armenia dan Azerbaijan melakukan perundingan di Washington. "
                     "Perundingan lanjutan pada Kamis (17/2) akan digelar di Brussel.")
    assert sorted((sorted(p), m.date.value if m.date else "", m.status) for p, m, _ in found) == [
        (["Armenia", "Azerbaijan"], "", "held"), (["Armenia", "Azerbaijan"], "2022-02-17", "planned")]
    again = meetings("Presiden Joe Biden bertemu Presiden Xi Jinping di Bali. Pertemuan tersebut berlangsung tiga jam.")
    assert people_of(again) == [["Joe Biden", "Xi Jinping"]]
    assert meetings("Pertemuan tersebut berlangsung tiga jam.") == []


def test_apposition_before_the_verb_names_the_subject():
    (people, _, _), = meetings("Ismail Haniyeh, pemimpin politik Hamas, menggelar pembicaraan telepon dengan "
                               "Menlu Mesir Sameh Shoukry.")
    assert people == {"Ismail Haniyeh", "Sameh Shoukry"}


def test_urging_others_to_talk_is_no_meeting():
    assert meetings("Sekjen PBB Antonio Guterres mendesak Armenia dan Azerbaijan untuk segera memulai negosiasi.") == []


def test_delegations_take_part_as_their_country():
    (people, _, _), = meetings("Delegasi Armenia dan Azerbaijan melakukan perundingan di Washington.")
    assert people == {"Armenia", "Azerbaijan"}


def test_meeting_of_countries_told_again_as_one_of_their_ministers():
    found = meetings("Diplomat Jepang telah mengagendakan pertemuan dengan perwakilan Korea Selatan. Menlu Jepang "
                     "Yoko Kamikawa kemudian membatalkan pertemuan dengan Menlu Korea Selatan Cho Tae-yul.")
    assert [(sorted(p), m.status) for p, m, _ in found] == [(["Cho Tae-yul", "Yoko Kamikawa"], "cancelled")]


def test_signing_by_several_parties_is_a_meeting():
    (people, m, _), = meetings("Perjanjian itu akan ditandatangani pada Jumat (18/2) di Ankara oleh Armenia, "
                               "Azerbaijan dan Sekretaris Jenderal PBB Antonio Guterres.")
    assert people == {"Armenia", "Azerbaijan", "Antonio Guterres"} and m.status == "planned"
    assert meetings("Undang-undang itu ditandatangani oleh Presiden Joko Widodo pada Senin.") == []


def test_undated_meeting_takes_the_one_day_its_person_speaks_on():
    (people, m, _), = meetings("Menlu Retno Marsudi menyebut dia datang ke istana untuk bertemu Presiden Joko Widodo. "
                               "\"Persiapan sudah matang,\" kata Retno di Jakarta, Senin (14/2).")
    assert people == {"Retno Marsudi", "Joko Widodo"} and m.date.value == "2022-02-14"


def test_meeting_told_as_past_does_not_take_the_day_of_the_telling():
    (people, m, _), = meetings("Menlu Retno Marsudi mengaku telah bertemu Menlu Tiongkok Wang Yi. "
                               "\"Kami sepakat,\" kata Retno di Jakarta, Senin (14/2).")
    assert people == {"Retno Marsudi", "Wang Yi"} and m.date is None


def test_weekday_of_a_meeting_counts_from_the_day_the_text_names_as_today():
    text = ("Presiden Joko Widodo membahas krisis pangan pada hari ini, Rabu, 11 Mei 2022. "
            "Joko Widodo juga menelepon Perdana Menteri Fumio Kishida pada Senin.")
    (people, m, _), = meetings(text, published="2022-05")
    assert people == {"Joko Widodo", "Fumio Kishida"} and m.date.value == "2022-05-09"
    (_, undated, _), = meetings(text.replace("2022", "2021"), published="2022-05")  # not in the month: no today
    assert undated.date is None


def test_text_today_needs_one_today_next_to_an_explicit_day():
    from kg.extract.dates import Published, text_today
    from kg.lang import load
    lang = load("id")
    assert text_today("Hari ini, Senin (9/5/2022), ia tiba.", lang, Published(2022, 5)) == Published(2022, 5, 9)
    assert text_today("Hari ini ia tiba. Pada 9 Mei 2022 ia pergi.", lang, None) is None
    assert text_today("Hari ini, 9 Mei 2022, ia tiba. Hari ini, 10 Mei 2022, ia pergi.", lang, None) is None
    assert text_today("Hari ini, 9 Mei 2022, ia tiba.", lang, Published(2022, 5, 12)) is None  # the day is known


def test_quotation_opening_with_a_call_is_the_speakers_call_one_per_counterpart():
    found = meetings("“Membahas situasi di Sudan lewat telepon dengan Menteri Luar Negeri Faisal bin Farhan "
                     "dari Arab Saudi dan Deputi Menteri Luar Negeri Mesir, Ahmed Hassan,” "
                     "kata Menlu Retno Marsudi, Senin (14/2).")
    assert sorted(sorted(p) for p, _, _ in found) == [["Ahmed Hassan", "Retno Marsudi"],
                                                       ["Faisal bin Farhan", "Retno Marsudi"]]
    assert all(m.mode == "phone" and m.date.value == "2022-02-14" for _, m, _ in found)


def test_quotation_with_its_own_subject_does_not_take_the_speaker():
    assert meetings("“Kami membahas krisis di Sudan lewat telepon dengan Menteri Luar Negeri Faisal bin Farhan,” "
                    "kata Menlu Retno Marsudi.") == []


def test_a_dated_meeting_to_come_after_held_talks_is_not_those_talks():
    found = meetings("Menlu Retno Marsudi bertemu Menlu Tiongkok Wang Yi di Jakarta pada Senin (14/2). "
                     "Retno juga akan menghadiri pertemuan darurat OKI pada Minggu (20/2).")
    assert [(p, m.status) for p, m, _ in found] == [({"Retno Marsudi", "Wang Yi"}, "held")]
