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
