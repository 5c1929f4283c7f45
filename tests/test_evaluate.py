"""kg eval: facts and rules judged against gold annotations (our own article and gold)."""
import json

from kg.cli import main
from kg.evaluate import Evaluation, GoldDocument, load_gold
from kg.pipeline import run_pipeline
from kg.settings import Settings

ARTICLE = ("Baca juga: Kabar Tokyo Hari Ini Ramai Dibicarakan Warganet\n"
           "Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri Jepang Yoshimasa Hayashi di Tokyo pada "
           "Selasa (14/2/2023). “Kami sepakat memperluas kerja sama energi,” kata Retno. "
           "Hayashi mengatakan Jepang mendukung keketuaan Indonesia di ASEAN.")
GOLD = {
    "id": "a1", "published": "2023-02-15",
    "entities": [{"name": "Retno Marsudi", "type": "Person", "aliases": ["Retno"]},
                 {"name": "Yoshimasa Hayashi", "type": "Person", "aliases": ["Hayashi"]},
                 {"name": "Jepang", "type": "Country", "aliases": []},
                 {"name": "Tokyo", "type": "Place", "aliases": []},
                 {"name": "Indonesia", "type": "Country", "aliases": []},
                 {"name": "ASEAN", "type": "Organization", "aliases": []}],
    "statements": [{"speaker": "Retno Marsudi", "date": "2023-02-14", "cue": "kata Retno"},
                   # the gold dates Hayashi's words on another day than kg will: a date miss
                   {"speaker": "Yoshimasa Hayashi", "date": "2023-02-13", "cue": "Hayashi mengatakan Jepang"}],
    "meetings": [{"participants": ["Retno Marsudi", "Yoshimasa Hayashi"], "date": "2023-02-14", "place": "Tokyo",
                  "status": "held", "cue": "bertemu"}],
    "must_not": ["Kabar Tokyo"],
}


def setup(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a1.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "texts" / "metadata.csv").write_text("file,published\na1.txt,2023-02-15\n", encoding="utf-8")
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "a1.json").write_text(json.dumps(GOLD), encoding="utf-8")


def test_facts_are_matched_one_by_one_and_a_wrong_date_is_a_date_miss(tmp_path):
    setup(tmp_path)
    result = run_pipeline([tmp_path / "texts"], Settings(progress=False))
    evaluation = Evaluation(result.corpus, load_gold(tmp_path / "gold"))
    figures = evaluation.figures()
    assert figures["meetings"][3:] == (1, 1, 1)
    assert figures["statements"][3:] == (1, 2, 2)  # Retno's right, Hayashi's found on the wrong day
    document = evaluation.results["a1"]
    assert sorted(document.statements.values()) == ["date wrong", "right"]
    assert any("Yoshimasa Hayashi @ 2023-02-13" in miss and "dated 2023-02-14" in miss
               for miss in document.missed_statements)
    assert figures["entities"][3] == 6 and not document.must_not


def test_rules_report_how_often_each_rule_fired_and_was_right(tmp_path):
    setup(tmp_path)
    result = run_pipeline([tmp_path / "texts"], Settings(progress=False))
    rules = Evaluation(result.corpus, load_gold(tmp_path / "gold")).rules()
    cues = {row.rule: (row.fired, row.right, row.date_wrong) for row in rules["speech cue"]}
    assert cues == {"kata": (1, 1, 0), "mengatakan": (1, 0, 1)}
    triggers = {row.rule: (row.fired, row.right) for row in rules["meeting trigger"]}
    assert triggers == {"bertemu": (1, 1)}
    titles = {row.rule: (row.fired, row.right) for row in rules["title"]}
    assert titles["Menteri Luar Negeri"] == (2, 2)
    bases = {row.rule: (row.right, row.date_wrong) for row in rules["date basis"]}
    assert bases["numeric"] == (1, 0) and bases["same occasion"] == (1, 1)
    chrome = {row.rule: (row.fired, row.right) for row in rules["chrome rule"]}
    assert chrome == {"teaser line": (1, 1)}


def test_a_chrome_rule_that_drops_what_the_gold_needs_is_wrong(tmp_path):
    setup(tmp_path)
    (tmp_path / "texts" / "a1.txt").write_text(ARTICLE.replace("Kabar Tokyo", "Kabar Fumio Kishida"), encoding="utf-8")
    gold = {**GOLD, "entities": GOLD["entities"] + [{"name": "Fumio Kishida", "type": "Person", "aliases": []}]}
    (tmp_path / "gold" / "a1.json").write_text(json.dumps(gold), encoding="utf-8")
    result = run_pipeline([tmp_path / "texts"], Settings(progress=False))
    chrome = Evaluation(result.corpus, load_gold(tmp_path / "gold")).rules()["chrome rule"]
    assert [(row.rule, row.fired, row.right) for row in chrome] == [("teaser line", 1, 0)]


def test_gold_dates_accept_what_the_conventions_allow():
    gold = GoldDocument.from_json({"id": "x", "published": "2023-02-15", "entities": []})
    assert gold.date_ok({"date": None}, None) and gold.date_ok({"date": None}, "2023-02-15")
    assert not gold.date_ok({"date": None}, "2023-02-10")
    assert gold.date_ok({"date": None, "date_approx": "2023-02"}, "2023-02-10")
    assert gold.date_ok({"date": "2023-02"}, "2023-02-10") and not gold.date_ok({"date": "2023-02-14"}, None)


def test_kg_eval_prints_the_report_and_bad_gold_is_a_one_line_error(tmp_path, capsys):
    setup(tmp_path)
    assert main(["eval", str(tmp_path / "texts"), "--gold", str(tmp_path / "gold")]) == 0
    out = capsys.readouterr().out
    assert "== a1" in out and "== overall" in out and "== rules: speech cue" in out
    assert "statements     P=0.500 R=0.500" in out
    (tmp_path / "gold" / "broken.json").write_text("{not json", encoding="utf-8")
    assert main(["eval", str(tmp_path / "texts"), "--gold", str(tmp_path / "gold")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "broken.json: not a gold annotation" in err[0]
    assert main(["eval", str(tmp_path / "texts"), "--gold", str(tmp_path / "nowhere")]) == 2
