from datetime import date

from kg.extract.dates import Published, find_dates, publication

PUB = date(2022, 2, 15)  # Tuesday


def values(text, lang, published=PUB, future=False):
    return [(t.text, t.value.value if t.value else None, t.value.precision if t.value else None)
            for t in find_dates(text, lang, published, future)]


def test_absolute_dates(lang):
    assert values("pada 2 Februari 2022", lang) == [("2 Februari 2022", "2022-02-02", "day")]
    assert values("Selasa (22/2/2022) waktu setempat", lang) == [("Selasa (22/2/2022)", "2022-02-22", "day")]
    assert values("Kamis (10/2) malam", lang) == [("Kamis (10/2)", "2022-02-10", "day")]
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
    assert [(t.text, t.value.value) for t in found] == [("Kamis (30/6/2022)", "2022-06-30"),
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
    assert [(t.text, t.value.value) for t in anchored] == [("Pada Kamis (13/1/2022)", "2022-01-13"),
                                                           ("sehari setelah itu", "2022-01-14")]


def test_words_with_a_dotted_capital_i_are_read_not_crashed_on(lang):
    """Case-insensitive patterns match "İni", "ını" and a Kelvin sign "K" as plain letters; the tables are looked
    up by lang.fold, which maps them back."""
    assert values("pada hari İni", lang) == [("hari İni", "2022-02-15", "day")]
    assert values("SENİN lalu", lang)[0][1:] == ("2022-02-14", "day")
    assert values("bulan İni", lang) == [("bulan İni", "2022-02", "month")]
    assert values("tahun ını", lang) == [("tahun ını", "2022", "year")]  # a dotless i
    assert values("KEMARIN", lang)[0][1] == "2022-02-14"  # a Kelvin sign for the K


def test_a_weekday_in_front_of_a_day_is_part_of_it_and_a_contradicting_one_leaves_no_date(lang):
    # 10 February 2022 was a Thursday, 11 February a Friday
    assert values("pada Kamis, 10 Februari 2022 ia terbang", lang) == [("pada Kamis, 10 Februari 2022", "2022-02-10",
                                                                        "day")]
    assert values("tiba hari Kamis 10 Februari", lang) == [("hari Kamis 10 Februari", "2022-02-10", "day")]
    wrong, = find_dates("Menurut pernyataan itu, Kamis (11/2/2022), ia akan datang.", lang, PUB)
    assert wrong.value is None and "2022-02-11" in wrong.conflict
    no_year, = find_dates("Ia menelepon Senin (10/2) pagi.", lang, PUB)
    assert no_year.value is None and no_year.conflict


def test_a_day_and_month_take_the_year_of_a_publication_month_or_year(lang):
    march = Published(2023, 3)
    assert values("pada 9 Maret", lang, published=march) == [("9 Maret", "2023-03-09", "day")]
    assert values("pada 28 Desember", lang, published=march) == [("28 Desember", "2022-12-28", "day")]  # the past
    assert values("Rabu (15/3) lalu", lang, published=march) == [("Rabu (15/3)", "2023-03-15", "day")]
    assert values("pada 9 Maret", lang, published=Published(2023)) == [("9 Maret", "2023-03-09", "day")]
    # a weekday and "kemarin" need the day, "bulan lalu" the month
    assert values("pada hari Senin", lang, published=march) == [("pada hari Senin", None, None)]
    assert values("kemarin", lang, published=march) == [("kemarin", None, None)]
    assert values("bulan lalu", lang, published=march) == [("bulan lalu", "2023-02", "month")]
    assert values("bulan lalu", lang, published=Published(2023)) == [("bulan lalu", None, None)]
    assert values("tahun lalu", lang, published=Published(2023)) == [("tahun lalu", "2022", "year")]


def test_a_numeric_day_without_any_publication_date_is_found_but_not_dated(lang):
    assert values("pada Senin (11/11) malam", lang, published=None) == [("pada Senin (11/11)", None, None)]
    assert values("skor 1/2 babak", lang, published=None) == []


def test_publication_reads_days_months_and_years():
    assert publication("2022-02-14T10:30") == Published(2022, 2, 14)
    assert publication("2021-05") == Published(2021, 5) and publication("2021-05").date is None
    assert publication("2021") == Published(2021)
    assert publication("2021-13") is None and publication("") is None and publication(None) is None
    assert Published(2024, 2).latest == date(2024, 2, 29) and Published(2023, 12).latest == date(2023, 12, 31)


def test_a_contradicted_date_dates_no_fact_and_is_flagged_on_the_document():
    from conftest import corpus_of

    corpus = corpus_of("Menteri Luar Negeri Retno Marsudi mengatakan pada Kamis (11/2/2022) bahwa pintu dialog "
                       "terbuka.", published="2022-02-15")
    statement, = corpus.statements
    assert statement.date is None
    document, = corpus.documents.values()
    assert document.date_conflicts == ["pada Kamis (11/2/2022): 2022-02-11 is no Kamis"]


def test_a_publication_month_dates_a_day_and_month_but_no_weekday():
    from conftest import corpus_of

    corpus = corpus_of("Presiden Joko Widodo bertemu Perdana Menteri Fumio Kishida di Tokyo pada 9 Maret. "
                       "Kishida mengatakan pada hari Senin bahwa kerja sama terus tumbuh.", published="2023-03")
    meeting, = corpus.meetings
    assert meeting.date.value == "2023-03-09" and meeting.report_date == "2023-03"
    statement, = corpus.statements
    assert statement.date is None or statement.date.basis != "weekday"
