"""Score the shipped NER inside kg's pipeline: P/R/F1 per label on idner-news-2k test and NERGrit test,
and POS tag accuracy on the held-out tail of the POS corpus.

    python -m kg.ner.evaluate --data ../shared/data [--model kg/lang/id/ner]
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from spacy.language import Language
from spacy.training import Example

from ..analyse import build_pipeline
from ..lang import load as load_language
from . import MODEL_DIR, add_to
from . import data as ner_data


def kg_pipeline(model_dir: Path | str = MODEL_DIR) -> Language:
    """A fresh kg pipeline (kg tokenizer, kg_sentences) with the trained components added."""
    return add_to(build_pipeline(load_language("id")), model_dir)


def span_counts(nlp: Language, examples: Sequence[Example], batch_size: int = 64) -> dict[str, Counter]:
    """{label: Counter(tp, fp, fn)} of exact entity matches; predicted and gold share kg's tokenization."""
    counts: dict[str, Counter] = {label: Counter() for label in ner_data.LABELS}
    docs = nlp.pipe((eg.predicted.copy() for eg in examples), batch_size=batch_size)
    for eg, doc in zip(examples, docs, strict=True):
        gold = {(e.start, e.end, e.label_) for e in eg.reference.ents}
        pred = {(e.start, e.end, e.label_) for e in doc.ents}
        for kind, spans in (("tp", gold & pred), ("fp", pred - gold), ("fn", gold - pred)):
            for _, _, label in spans:
                counts.setdefault(label, Counter())[kind] += 1
    return counts


def prf(counts: Counter) -> dict[str, float]:
    """Precision, recall, F1 and gold count from a Counter(tp, fp, fn)."""
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": p, "r": r, "f": 2 * p * r / (p + r) if p + r else 0.0, "n": tp + fn}


def entity_scores(nlp: Language, examples: Sequence[Example]) -> dict[str, dict[str, float]]:
    """{label or "ALL": {"p", "r", "f", "n"}} where n is the number of gold entities."""
    counts = span_counts(nlp, examples)
    table = {label: prf(c) for label, c in counts.items()}
    table["ALL"] = prf(sum(counts.values(), Counter()))
    return table


def pos_scores(nlp: Language, examples: Sequence[Example]) -> dict[str, float]:
    """Tag accuracy, and the share of gold NNP tokens that the NER puts inside an entity."""
    tag_acc = nlp.evaluate(examples)["tag_acc"] or 0.0
    nnp = inside = 0
    for eg, doc in zip(examples, nlp.pipe(eg.predicted.text for eg in examples), strict=True):
        gold_tags = Example(doc, eg.reference).get_aligned("TAG", as_string=True)
        for token, tag in zip(doc, gold_tags, strict=True):
            if tag == "NNP":
                nnp += 1
                inside += token.ent_iob_ in {"B", "I"}
    return {"tag_acc": tag_acc, "nnp_in_entity": inside / nnp if nnp else 0.0, "sentences": len(examples)}


def format_table(name: str, table: dict[str, dict[str, float]]) -> str:
    lines = [f"{name}", f"  {'label':<6}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}"]
    for label, row in table.items():
        lines.append(f"  {label:<6}{row['p']:8.3f}{row['r']:8.3f}{row['f']:8.3f}{int(row['n']):7d}")
    return "\n".join(lines)


def evaluate(model_dir: Path | str = MODEL_DIR, data_dir: Path | str = "../shared/data",
             heldout: int = ner_data.POS_HELDOUT, out: TextIO | None = None) -> dict[str, Any]:
    """Print and return the scores of the model in ``model_dir`` on the test splits and the POS held-out slice."""
    out = out or sys.stdout
    nlp = kg_pipeline(model_dir)
    results: dict[str, Any] = {}
    for corpus, title in (("idner", "idner-news-2k test"), ("nergrit", "NERGrit test")):
        stats = ner_data.AlignmentStats()
        examples = ner_data.load_ner(nlp, data_dir, corpus, "test", stats)
        results[corpus] = entity_scores(nlp, examples)
        results[f"{corpus}_alignment"] = stats.summary()
        print(format_table(f"{title} ({len(examples)} sentences; alignment: {stats.summary()})", results[corpus]),
              file=out)
    _, tail = ner_data.split_postag(ner_data.read_postag(ner_data.postag_path(data_dir)), heldout)
    results["pos"] = pos_scores(nlp, [ner_data.pos_example(nlp, sentence) for sentence in tail])
    pos = results["pos"]
    print(f"POS held-out ({pos['sentences']} sentences): tag accuracy {pos['tag_acc']:.4f}; "
          f"gold NNP tokens inside a predicted entity {pos['nnp_in_entity']:.1%}", file=out)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m kg.ner.evaluate --data DIR [--model DIR]``."""
    parser = argparse.ArgumentParser(prog="python -m kg.ner.evaluate", description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, type=Path, help="folder holding idner-news-2k/, indonlu-ner/, "
                                                                  "nlp-id-postag/")
    parser.add_argument("--model", type=Path, default=MODEL_DIR, help=f"model folder (default {MODEL_DIR})")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"kg: error: data folder {args.data} not found", file=sys.stderr)
        return 2
    if not (args.model / "config.cfg").is_file():
        print(f"kg: error: no trained model in {args.model} (run python -m kg.ner.train)", file=sys.stderr)
        return 2
    try:
        evaluate(args.model, args.data)
    except FileNotFoundError as error:
        print(f"kg: error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
