from conftest import corpus_of, label_of


def events(*texts, published="2022-02-15"):
    corpus = corpus_of(*texts, published=published)
    return [(e.event_type, {label_of(corpus, p) for p in e.participants},
             label_of(corpus, e.place) if e.place else None, e.date.value if e.date else None, e.cameo)
            for e in corpus.events]


def test_embassy_closure_with_actor_place_and_date():
    assert events("Kanada pada Senin mengumumkan penutupan kedutaannya di Kyiv.") == [
        ("embassy_closure", {"Kanada"}, "Kyiv", "2022-02-14", "161")]


def test_recognition_and_sanctions():
    found = events("Presiden Vladimir Putin mengakui kemerdekaan dua wilayah itu. "
                   "Uni Eropa menjatuhkan sanksi terhadap Rusia pada Rabu (23/2/2022).")
    assert ("recognition", {"Vladimir Putin"}, None, None, "054") in found
    assert ("sanctions", {"Uni Eropa", "Rusia"}, None, "2022-02-23", "163") in found


def test_nominal_invasion_takes_the_actor_after_the_noun():
    assert events("Para pengamat mengkhawatirkan invasi Rusia ke Ukraina.") == [
        ("invasion", {"Rusia", "Ukraina"}, None, None, "190")]


def test_annexation_of_a_place_with_a_year():
    assert events("Rusia mencaplok Semenanjung Krimea dari Ukraina pada tahun 2014.") == [
        ("annexation", {"Rusia"}, "Krimea", "2014", "192")]


def test_troop_build_up_near_a_border_is_not_against_the_neighbour():
    assert events("Belarus mengerahkan pasukan di dekat perbatasan Polandia.") == [
        ("troop_buildup", {"Belarusia"}, None, None, "154")]


def test_required_word_must_follow():
    assert events("Toko itu menutup pintunya lebih awal.") == []
