from datetime import date

from kg.extract.dates import find_dates

PUB = date(2022, 2, 15)  # Tuesday


def values(text, lang, published=PUB, future=False):
    return [(t.text, t.value.value if t.value else None, t.value.precision if t.value else None)
            for t in find_dates(text, lang, published, future)]


def test_absolute_dates(lang):
    assert values("pada 2 Februari 2022", lang) == [("2 Februari 2022", "2022-02-02", "day")]
    assert values("Selasa (22/2/2022) waktu setempat", lang) == [("22/2/2022", "2022-02-22", "day")]
    assert values("Kamis (10/2) malam", lang) == [("10/2", "2022-02-10", "day")]
    assert values("pada 3 Desember", lang) == [("3 Desember", "2021-12-03", "day")]


def test_weekdays_past_and_future(lang):
    assert values("pada hari Senin", lang) == [("pada hari Senin", "2022-02-14", "day")]
    assert values("pada Selasa", lang) == [("pada Selasa", "2022-02-15", "day")]
    assert values("pada Rabu", lang) == [("pada Rabu", "2022-02-09", "day")]
    assert values("pada Rabu", lang, future=True) == [("pada Rabu", "2022-02-16", "day")]


def test_weekday_without_publication_date_stays_unresolved(lang):
    assert values("pada hari Senin", lang, published=None) == [("pada hari Senin", None, None)]


def test_relative_expressions(lang):
    assert values("kemarin", lang) == [("kemarin", "2022-02-14", "day")]
    assert values("bulan lalu", lang) == [("bulan lalu", "2022-01", "month")]
    assert values("pada bulan Desember tahun lalu", lang) == [("bulan Desember tahun lalu", "2021-12", "month")]
    assert values("Pada tahun 2014", lang) == [("Pada tahun 2014", "2014", "year")]
    assert values("Januari 2021", lang) == [("Januari 2021", "2021-01", "month")]


def test_numbers_are_not_dates(lang):
    assert values("naik 1,5 persen, atau 1/2 dari target, sekitar 100.000 tentara", lang) == []
    assert values("tanggal (31/2) tidak ada", lang) == []


def test_weeks_are_found_but_fix_no_day(lang):
    assert values("pekan lalu", lang) == [("pekan lalu", None, None)]
    assert values("minggu depan", lang) == [("minggu depan", None, None)]  # not the weekday Minggu
    assert values("pada Minggu", lang) == [("pada Minggu", "2022-02-13", "day")]


def test_anchored_expressions(lang):
    found = find_dates("Ia tiba Kamis (30/6/2022) setelah ke Kyiv sehari sebelumnya.", lang, PUB)
    assert [(t.text, t.value.value) for t in found] == [("30/6/2022", "2022-06-30"),
                                                       ("sehari sebelumnya", "2022-06-29")]
    pending, = find_dates("muncul sehari setelah pengumuman itu", lang, PUB)
    assert pending.value is None and pending.offset_days == -1
    later, = find_dates("dua hari sebelum KTT", lang, PUB)
    assert later.offset_days == 2


def test_after_that_is_an_anaphor_waiting_for_its_happening(lang):
    bare, = find_dates("Ia mengatakan setelah itu bahwa pembicaraan berjalan baik.", lang, PUB)
    assert (bare.text, bare.value, bare.offset_days, bare.anaphor) == ("setelah itu", None, 0, True)
    counted, = find_dates("Tiga hari sesudahnya mereka kembali.", lang, PUB)
    assert (counted.text, counted.offset_days, counted.anaphor) == ("Tiga hari sesudahnya", 3, True)
    anchored = find_dates("Pada Kamis (13/1/2022) ia tiba dan sehari setelah itu berangkat.", lang, PUB)
    assert [(t.text, t.value.value) for t in anchored] == [("13/1/2022", "2022-01-13"),
                                                           ("sehari setelah itu", "2022-01-14")]


def test_words_with_a_dotted_capital_i_are_read_not_crashed_on(lang):
    """Case-insensitive patterns match "İni", "ını" and a Kelvin sign "K" as plain letters; the tables are looked
    up by lang.fold, which maps them back."""
    assert values("pada hari İni", lang) == [("hari İni", "2022-02-15", "day")]
    assert values("SENİN lalu", lang)[0][1:] == ("2022-02-14", "day")
    assert values("bulan İni", lang) == [("bulan İni", "2022-02", "month")]
    assert values("tahun ını", lang) == [("tahun ını", "2022", "year")]  # a dotless i
    assert values("KEMARIN", lang)[0][1] == "2022-02-14"  # a Kelvin sign for the K
