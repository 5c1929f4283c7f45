"""kg.ner: corpus readers, detokenizer/aligner, the shipped model, and an end-to-end tiny training run."""
from __future__ import annotations

import random
from collections import Counter

import pytest

from kg.analyse import build_pipeline
from kg.lang import load as load_language
from kg.ner import MODEL_DIR, add_to
from kg.ner import data as ner_data
from kg.ner import evaluate as ner_evaluate
from kg.ner import train as ner_train


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(load_language("id"))


def ents(doc):
    return [(ent.text, ent.label_) for ent in doc.ents]


# --- detokenizer ---------------------------------------------------------------------------------

def test_detokenize_punctuation_brackets_and_quotes():
    words = ["Ia", "berkata", '"', "kami", "siap", '"', ",", "lalu", "pergi", "(", "sebentar", ")", "ke",
             "toko", "O", "'", "Brien", "yang", "diskon", "10", "%", "."]
    text, offsets, _ = ner_data.detokenize(words)
    assert text == 'Ia berkata "kami siap", lalu pergi (sebentar) ke toko O\'Brien yang diskon 10%.'
    assert all(text[start:end] == word for word, (start, end) in zip(words, offsets, strict=True))


def test_detokenize_joins_split_numbers_hyphens_and_clitics_only_when_asked():
    words = ["Harga", "naik", "2", ".", "500", "rupiah", "di", "kota", "-", "kota", "besar"]
    assert ner_data.detokenize(words)[0] == "Harga naik 2. 500 rupiah di kota - kota besar"
    text = ner_data.detokenize(words, join_numbers=True, join_hyphens=True)[0]
    assert text == "Harga naik 2.500 rupiah di kota-kota besar"
    assert ner_data.detokenize(["Rumah", "nya", "besar"], join_clitics=True)[0] == "Rumahnya besar"
    assert ner_data.detokenize(["tahun", "1998", ",", "1999"], join_numbers=True)[0] == "tahun 1998, 1999"


def test_iob_spans_repairs_a_stray_inside_tag():
    stats = ner_data.AlignmentStats()
    spans = ner_data.iob_spans(["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "B-ORG", "I-ORG"], stats)
    assert spans == [(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG"), (5, 7, "ORG")]
    assert stats.repaired_iob == 1


def test_replace_mentions_swaps_entities_of_the_same_label():
    sentence = ner_data.TaggedSentence(["Kata", "Budi", "Santoso", "di", "Solo", "."],
                                       ["O", "B-PER", "I-PER", "O", "B-LOC", "O"])
    pool = {"PER": [["Maria", "Ulfa", "Hartati"]], "LOC": [["Pulau", "Seram"]]}
    swapped = ner_data.replace_mentions(sentence, pool, random.Random(0))
    assert swapped.words == ["Kata", "Maria", "Ulfa", "Hartati", "di", "Pulau", "Seram", "."]
    assert swapped.tags == ["O", "B-PER", "I-PER", "I-PER", "O", "B-LOC", "I-LOC", "O"]
    assert ner_data.mention_pool([sentence]) == {"PER": [["Budi", "Santoso"]], "LOC": [["Solo"]]}


# --- aligner -------------------------------------------------------------------------------------

def test_entity_doc_keeps_entity_text_and_trims_glued_punctuation(nlp):
    words = ["Wali", "Kota", "Bogor", "(Bima)", "menemui", "pengurus", "Partai", "Hijau", "Nusantara", "(PHN)",
             "di", "Balai", "Kota", ",", "Senin", "(3/5)", ",", "kata", "Andi", "Mallarangeng", "."]
    tags = ["O", "O", "B-LOC", "B-PER", "O", "O", "B-ORG", "I-ORG", "I-ORG", "I-ORG",
            "O", "B-LOC", "I-LOC", "O", "O", "O", "O", "O", "B-PER", "I-PER", "I-PER"]
    stats = ner_data.AlignmentStats()
    doc = ner_data.entity_doc(nlp, words, tags, stats)
    assert doc.text == ("Wali Kota Bogor (Bima) menemui pengurus Partai Hijau Nusantara (PHN) di Balai Kota, "
                        "Senin (3/5), kata Andi Mallarangeng.")
    assert "3/5" in [t.text for t in doc]  # kg's date token survives
    assert ents(doc) == [("Bogor", "LOC"), ("Bima", "PER"), ("Partai Hijau Nusantara (PHN)", "ORG"),
                         ("Balai Kota", "LOC"), ("Andi Mallarangeng", "PER")]
    assert (stats.total, stats.exact, stats.trimmed, stats.kept) == (5, 3, 2, 5)
    assert all(t.ent_iob_ in {"B", "I", "O"} for t in doc)  # every token annotated: O outside entities


def test_entity_doc_drops_empty_and_overlapping_spans(nlp):
    stats = ner_data.AlignmentStats()
    doc = ner_data.entity_doc(nlp, ["Kota", "-", "kota", "tua", ",", "kata", "Sari"],
                              ["B-LOC", "O", "B-LOC", "O", "B-PER", "O", "B-PER"], stats, join_hyphens=True)
    assert doc.text == "Kota-kota tua, kata Sari"  # kg keeps the reduplication as one token
    assert ents(doc) == [("Kota-kota", "LOC"), ("Sari", "PER")]
    assert (stats.dropped_overlap, stats.dropped_empty, stats.expanded) == (1, 1, 1)


def test_pos_example_aligns_tags_to_kg_tokens_and_leaves_entities_missing(nlp):
    sentence = ner_data.TaggedSentence(["Rumah", "nya", "di", "Bandung", "dijual", "Rp", "2", "miliar", "."],
                                       ["NN", "PR", "IN", "NNP", "VB", "NN", "NUM", "NUM", "SYM"])
    example = ner_data.pos_example(nlp, sentence)
    assert example.predicted.text == "Rumahnya di Bandung dijual Rp 2 miliar."
    aligned = example.get_aligned("TAG", as_string=True)
    tokens = [t.text for t in example.predicted]
    assert aligned[tokens.index("Bandung")] == "NNP" and aligned[tokens.index(".")] == "SYM"
    assert aligned[tokens.index("Rumahnya")] in {None, ""}  # one kg token over two corpus tokens: no tag
    assert not example.reference.has_annotation("ENT_IOB")


# --- readers -------------------------------------------------------------------------------------

def test_read_idner_crlf(tmp_path):
    path = tmp_path / "train.txt"
    path.write_bytes(b"Gubernur NOUN O\r\nGanjar PROPN B-PER\r\nPranowo PROPN I-PER\r\ntiba PROPN O\r\n\r\n"
                     b"di ADP O\r\nSemarang PROPN B-LOC\r\n\r\n")
    sentences = ner_data.read_idner(path)
    assert [s.words for s in sentences] == [["Gubernur", "Ganjar", "Pranowo", "tiba"], ["di", "Semarang"]]
    assert sentences[0].tags == ["O", "B-PER", "I-PER", "O"] and sentences[1].tags == ["O", "B-LOC"]


def test_read_idner_repairs_the_pers_artifact(tmp_path):
    path = tmp_path / "test.txt"
    rows = [("Partai", "B-ORG"), ("PERatuan", "I-ORG"), ("Rakyat", "I-ORG"), ("naik", "O"), ("5", "O"),
            ("PERen", "O"), ("dalam", "O"), ("jumpa", "O"), ("PER", "O"), ("di", "O"), ("PERSIS", "O")]
    path.write_text("\r\n".join(f"{w} X {t}" for w, t in rows) + "\r\n", encoding="utf-8")
    issues: Counter = Counter()
    (sentence,) = ner_data.read_idner(path, issues)
    assert sentence.words == ["Partai", "Persatuan", "Rakyat", "naik", "5", "persen", "dalam", "jumpa", "pers", "di",
                              "PERSIS"]
    assert issues["repaired_PER_artifact"] == 3
    assert ner_data.read_idner(path, repair=False)[0].words[1] == "PERatuan"


def test_read_nergrit_maps_labels(tmp_path):
    path = tmp_path / "train_preprocess.txt"
    path.write_text("Dewan\tB-ORGANISATION\nKota\tI-ORGANISATION\nBandung\tB-PLACE\nmenerima\tO\nRudi\tB-PERSON\n"
                    "\nSelesai\tO\n", encoding="utf-8")
    sentences = ner_data.read_nergrit(path)
    assert sentences[0].tags == ["B-ORG", "I-ORG", "B-LOC", "O", "B-PER"] and sentences[1].words == ["Selesai"]


def test_read_postag_folds_lowercase_and_counts_odd_lines(tmp_path):
    path = tmp_path / "dataset_postag.txt"
    path.write_text("Mereka\tPR\nbertanding\tvb\ndi\tIN\nSurabaya\tNNP\n\n\nnya\tPR\tNN\n.\tSYM\n", encoding="utf-8")
    issues: Counter = Counter()
    sentences = ner_data.read_postag(path, issues)
    assert sentences[0].tags == ["PR", "VB", "IN", "NNP"]
    assert sentences[1].words == ["nya", "."] and sentences[1].tags == ["PR", "SYM"]
    assert issues == Counter({"folded_vb": 1, "odd_lines": 1})


def test_split_postag_holds_out_the_tail():
    sentences = [ner_data.TaggedSentence([str(i)], ["NUM"]) for i in range(10)]
    pool, tail = ner_data.split_postag(sentences, heldout=3)
    assert [s.words[0] for s in tail] == ["7", "8", "9"] and len(pool) == 7


# --- tiny end-to-end training ----------------------------------------------------------------------

NAMES = [("Budi", "Santoso"), ("Siti", "Rahayu"), ("Agus", "Salim"), ("Dewi", "Lestari"), ("Rizal", "Ramli")]
PLACES = ["Bandung", "Medan", "Makassar", "Padang", "Kupang"]
ORGS = [("Bank", "Sentosa"), ("Partai", "Maju"), ("Komisi", "Air")]


def tiny_corpus(root):
    idner, nergrit = [], []
    for i in range(10):
        (first, last), place, (org1, org2) = NAMES[i % 5], PLACES[i % 5], ORGS[i % 3]
        rows = [(first, "B-PER"), (last, "I-PER"), ("datang", "O"), ("ke", "O"), (place, "B-LOC"),
                ("bersama", "O"), (org1, "B-ORG"), (org2, "I-ORG"), (",", "O"), ("Senin", "O"), (f"({i + 1}/5)", "O"),
                (".", "O")]
        idner.append("\r\n".join(f"{w} X {t}" for w, t in rows))
        nergrit.append("\n".join(f"{w}\t{t.replace('PER', 'PERSON').replace('LOC', 'PLACE')}" for w, t in rows))
    (root / "idner-news-2k").mkdir(parents=True)
    for split in ("train", "dev", "test"):
        (root / "idner-news-2k" / f"{split}.txt").write_text("\r\n\r\n".join(idner) + "\r\n", encoding="utf-8")
    grit = root / "indonlu-ner" / "nergrit_ner-grit"
    grit.mkdir(parents=True)
    for split in ("train", "valid", "test"):
        (grit / f"{split}_preprocess.txt").write_text("\n\n".join(nergrit) + "\n", encoding="utf-8")
    (root / "nlp-id-postag").mkdir()
    pos = "\n\n".join(f"{first}\tNNP\n{last}\tNNP\ntinggal\tVB\ndi\tIN\n{place}\tNNP\n.\tSYM"
                      for (first, last), place in zip(NAMES * 4, PLACES * 4, strict=True))
    (root / "nlp-id-postag" / "dataset_postag.txt").write_text(pos + "\n", encoding="utf-8")


def test_train_one_epoch_end_to_end(tmp_path):
    tiny_corpus(tmp_path / "data")
    cfg = ner_train.TrainConfig(epochs=1, width=32, depth=1, rows=(500, 100, 100, 100), hidden_width=16,
                                pos_sample=8, batch_size=4)
    summary = ner_train.train(tmp_path / "data", tmp_path / "model", seed=0, cfg=cfg)
    checks = summary["missing_checks"]
    assert checks["ner_loss_on_pos"] == 0.0 and checks["tagger_loss_on_ner"] == 0.0  # missing really is missing
    assert checks["ner_loss_on_ner"] > 0.0 and checks["tagger_loss_on_pos"] > 0.0
    nlp = build_pipeline(load_language("id"))
    tokenizer = nlp.tokenizer
    add_to(nlp, tmp_path / "model")
    assert nlp.tokenizer is tokenizer and nlp.pipe_names == ["kg_sentences", "tok2vec", "tagger", "ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PER", "ORG", "LOC"}
    assert "NNP" in nlp.get_pipe("tagger").labels
    doc = nlp("Rizal Ramli datang ke Kupang, Senin (2/5).")
    assert "2/5" in [t.text for t in doc] and all(t.tag_ for t in doc)


def test_cli_reports_a_missing_data_folder(tmp_path, capsys):
    assert ner_train.main(["--data", str(tmp_path / "none"), "--out", str(tmp_path / "m")]) == 2
    assert ner_evaluate.main(["--data", str(tmp_path / "none")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all(line.startswith("kg: error: data folder") for line in err)


def test_cli_reports_a_missing_data_file(tmp_path, capsys):
    (tmp_path / "data").mkdir()
    assert ner_train.main(["--data", str(tmp_path / "data"), "--out", str(tmp_path / "m")]) == 2
    assert capsys.readouterr().err.startswith("kg: error: missing data file")


# --- the shipped model ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def shipped():
    if not (MODEL_DIR / "config.cfg").is_file():
        pytest.skip(f"no trained model in {MODEL_DIR}")
    nlp = build_pipeline(load_language("id"))
    tokenizer = nlp.tokenizer
    add_to(nlp)
    assert nlp.tokenizer is tokenizer
    return nlp


def test_shipped_model_keeps_kg_tokenizer_and_sentences(shipped):
    assert shipped.pipe_names == ["kg_sentences", "tok2vec", "tagger", "ner"]
    doc = shipped("Rapat dipimpin Dr. Hasan pada Selasa (22/2/2022). Hasilnya diumumkan kemudian.")
    assert "Dr." in [t.text for t in doc] and "22/2/2022" in [t.text for t in doc]
    assert len(list(doc.sents)) == 2


def test_shipped_model_tags_obvious_names(shipped):
    doc = shipped("Menteri Luar Negeri Retno Marsudi bertemu Antony Blinken di Washington.")
    found = ents(doc)
    assert ("Retno Marsudi", "PER") in found and ("Antony Blinken", "PER") in found
    assert ("Washington", "LOC") in found
    doc = shipped("Presiden Joko Widodo meresmikan bendungan di Kabupaten Bogor, Jawa Barat, Kamis (3/3/2022).")
    assert ("Joko Widodo", "PER") in ents(doc) and any(label == "LOC" for _, label in ents(doc))
    doc = shipped("Bank Indonesia menaikkan suku bunga acuan, kata Gubernur BI Perry Warjiyo di Jakarta.")
    found = ents(doc)
    assert ("Bank Indonesia", "ORG") in found and ("Jakarta", "LOC") in found
    # a person named after an office and its organization (the model reads "BI Perry Warjiyo" above as one ORG)
    assert ("Perry Warjiyo", "PER") in ents(shipped("Gubernur Bank Indonesia Perry Warjiyo mengatakan inflasi turun."))


def test_shipped_model_tags_proper_nouns(shipped):
    doc = shipped("Warga Surabaya membeli beras di pasar.")
    tags = {t.text: t.tag_ for t in doc}
    assert tags["Surabaya"] == "NNP" and tags["membeli"] == "VB" and tags["beras"] == "NN"
