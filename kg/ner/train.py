"""Train kg's Indonesian NER: kg tokenizer + shared tok2vec + tagger (auxiliary POS task) + ner.

NER examples (idner-news-2k train, optionally NERGrit train) carry entities but no tags; POS examples
(a fresh sample of the kumparan corpus each epoch) carry tags but no entities. Each component treats
the other's annotation as missing, so both tasks shape the shared tok2vec. The epoch with the best
entity F1 on idner dev + NERGrit valid is kept and saved with ``nlp.to_disk``.

    python -m kg.ner.train --data ../shared/data --out kg/lang/id/ner --seed 0
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.ml.models.multi_task import create_pretrain_characters
from spacy.tokens import Doc
from spacy.training import Example
from spacy.training.pretrain import make_update
from spacy.util import fix_random_seed, minibatch
from thinc.api import Adam, Optimizer

from ..analyse import DATE_TOKEN, build_pipeline
from ..lang import load as load_language
from . import MODEL_DIR
from . import data as ner_data
from .evaluate import prf, span_counts

COMPONENTS = ("tok2vec", "tagger", "ner")


@dataclass
class TrainConfig:
    """Hyperparameters; the defaults are the shipped model's."""

    epochs: int = 30
    width: int = 128
    depth: int = 4
    window: int = 1
    maxout: int = 3
    rows: tuple[int, ...] = (5000, 1000, 2500, 2500)
    attrs: tuple[str, ...] = ("NORM", "PREFIX", "SUFFIX", "SHAPE")
    char_embed: bool = False  # use spacy.CharacterEmbed.v2 instead of MultiHashEmbed
    char_nM: int = 64
    char_nC: int = 8
    hidden_width: int = 64
    dropout: float = 0.1
    batch_size: int = 16
    learn_rate: float = 0.001
    l2: float = 0.01
    grad_clip: float = 1.0
    use_averages: bool = True
    pos_sample: int = 2000  # POS sentences mixed into each epoch (0: no tagger task)
    nergrit: bool = True  # add NERGrit train to the NER examples
    idner_repeat: int = 1  # idner train sentences appear this many times per epoch (weights the news domain)
    augment: float = 0.0  # per epoch, add this share of idner train again with entities swapped for other mentions
    patience: int = 8  # stop after this many epochs without a better dev F1 (0: never)
    pretrain_epochs: int = 0  # masked-word character prediction on the raw training texts before training
    pretrain_batch: int = 64


def tok2vec_config(cfg: TrainConfig) -> dict[str, Any]:
    if cfg.char_embed:
        embed: dict[str, Any] = {"@architectures": "spacy.CharacterEmbed.v2", "width": cfg.width,
                                 "rows": cfg.rows[0], "nM": cfg.char_nM, "nC": cfg.char_nC,
                                 "include_static_vectors": False}
    else:
        embed = {"@architectures": "spacy.MultiHashEmbed.v2", "width": cfg.width, "attrs": list(cfg.attrs),
                 "rows": list(cfg.rows), "include_static_vectors": False}
    encode = {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": cfg.width, "depth": cfg.depth,
              "window_size": cfg.window, "maxout_pieces": cfg.maxout}
    return {"model": {"@architectures": "spacy.Tok2Vec.v2", "embed": embed, "encode": encode}}


def listener(cfg: TrainConfig) -> dict[str, Any]:
    return {"@architectures": "spacy.Tok2VecListener.v1", "width": cfg.width, "upstream": "tok2vec"}


def serializable_tokenizer(nlp: Language) -> None:
    """Swap kg's token_match closure for an equivalent bound regex method, so the tokenizer can be saved.

    kg's token_match is ``DATE_TOKEN.match(text) or default(text)``; Indonesian has no default
    token_match, so ``DATE_TOKEN.match`` behaves the same.
    """
    if type(nlp).Defaults.token_match is not None:
        raise RuntimeError("the language has a default token_match; kg's tokenizer cannot be saved as is")
    nlp.tokenizer.token_match = DATE_TOKEN.match


def base_pipeline() -> Language:
    """kg's tokenizer (abbreviations, dates) without kg_sentences, saveable to disk."""
    nlp = build_pipeline(load_language("id"))
    for name in list(nlp.pipe_names):
        nlp.remove_pipe(name)
    serializable_tokenizer(nlp)
    return nlp


def build(cfg: TrainConfig) -> Language:
    """An untrained pipeline: kg tokenizer + tok2vec + tagger + ner (both listening to tok2vec)."""
    nlp = base_pipeline()
    nlp.add_pipe("tok2vec", config=tok2vec_config(cfg))
    nlp.add_pipe("tagger", config={"model": {"@architectures": "spacy.Tagger.v2", "nO": None, "normalize": False,
                                             "tok2vec": listener(cfg)}})
    nlp.add_pipe("ner", config={"model": {"@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner",
                                          "extra_state_tokens": False, "hidden_width": cfg.hidden_width,
                                          "maxout_pieces": 2, "use_upper": True, "nO": None,
                                          "tok2vec": listener(cfg)}})
    return nlp


def dev_scores(nlp: Language, dev: dict[str, Sequence[Example]]) -> dict[str, dict[str, float]]:
    """Entity P/R/F1 per dev corpus and over all of them ("ALL": micro average)."""
    counts = {name: sum(span_counts(nlp, examples).values(), Counter()) for name, examples in dev.items()}
    scores = {name: prf(c) for name, c in counts.items()}
    scores["ALL"] = prf(sum(counts.values(), Counter()))
    return scores


def check_missing_ignored(nlp: Language, ner_examples: Sequence[Example], pos_examples: Sequence[Example]
                          ) -> dict[str, float]:
    """Losses of each component on examples that lack its annotation: both must be zero.

    Runs ``nlp.update`` without an optimizer (weights are not changed) on POS-only and NER-only batches.
    A zero NER loss on POS sentences means the NER never sees them as "all O".
    """
    on_pos: dict[str, float] = {}
    nlp.update(list(pos_examples), sgd=False, drop=0.0, losses=on_pos)
    on_ner: dict[str, float] = {}
    nlp.update(list(ner_examples), sgd=False, drop=0.0, losses=on_ner)
    for name in COMPONENTS:  # drop the accumulated gradients
        model = nlp.get_pipe(name).model
        for node in model.walk():
            for param in node.param_names:
                if node.has_grad(param):
                    node.set_grad(param, node.ops.alloc(node.get_grad(param).shape))
    checks = {"ner_loss_on_pos": on_pos.get("ner", 0.0), "tagger_loss_on_pos": on_pos.get("tagger", 0.0),
              "tagger_loss_on_ner": on_ner.get("tagger", 0.0), "ner_loss_on_ner": on_ner.get("ner", 0.0)}
    return {name: float(value) for name, value in checks.items()}


def pretrain(nlp: Language, docs: Sequence[Doc], cfg: TrainConfig, rng: random.Random) -> list[float]:
    """Pretrain the shared tok2vec in place: predict the first and last characters of masked words
    from their context (spaCy's ``PretrainCharacters`` objective). Returns the loss of each epoch."""
    model = create_pretrain_characters(maxout_pieces=3, hidden_size=300, n_characters=4)(
        nlp.vocab, nlp.get_pipe("tok2vec").model)
    model.initialize(X=list(docs[:16]))
    optimizer = Adam(learn_rate=cfg.learn_rate, L2=cfg.l2, grad_clip=cfg.grad_clip)
    losses = []
    order = list(range(len(docs)))
    for epoch in range(1, cfg.pretrain_epochs + 1):
        t0 = time.time()
        rng.shuffle(order)
        loss = 0.0
        for batch in minibatch([docs[i] for i in order], size=cfg.pretrain_batch):
            loss += make_update(model, batch, optimizer, model.attrs["loss"])
        losses.append(round(loss, 1))
        log(f"pretrain {epoch:2d}  loss {loss:10.1f}  ({time.time() - t0:.0f}s)")
    return losses


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def train(data_dir: Path | str, out_dir: Path | str | None = MODEL_DIR, seed: int = 0, epochs: int | None = None,
          cfg: TrainConfig | None = None, ner_limit: int | None = None, pos_limit: int | None = None
          ) -> dict[str, Any]:
    """Train and (if out_dir) save the best epoch's pipeline; return a summary (scores, timings, alignment).

    ``ner_limit``/``pos_limit`` cap the number of sentences read per corpus (for quick tests).
    """
    cfg = cfg or TrainConfig()
    if epochs is not None:
        cfg.epochs = epochs
    started = time.time()
    for split in ("train", "dev"):  # fail before the slow work if a file is missing
        ner_data.idner_path(data_dir, split)
        ner_data.nergrit_path(data_dir, split)
    ner_data.postag_path(data_dir)
    fix_random_seed(seed)
    rng = random.Random(seed)
    nlp = build(cfg)

    stats = {name: ner_data.AlignmentStats() for name in ("idner_train", "idner_dev", "nergrit_train",
                                                          "nergrit_dev")}

    issues: Counter = Counter()

    def load(corpus: str, split: str) -> list[Example]:
        examples = ner_data.load_ner(nlp, data_dir, corpus, split, stats[f"{corpus}_{split}"], issues)
        return examples[:ner_limit] if ner_limit else examples

    ner_train = load("idner", "train")
    idner_sentences = ner_data.read_idner(ner_data.idner_path(data_dir, "train"))[: ner_limit or None]
    mentions = ner_data.mention_pool(idner_sentences)
    if cfg.nergrit:
        grit = ner_data.mention_pool(ner_data.read_nergrit(ner_data.nergrit_path(data_dir, "train")))
        for label, found in grit.items():
            mentions.setdefault(label, []).extend(found)
    idner_extra = ner_train * (cfg.idner_repeat - 1)
    if cfg.nergrit:
        ner_train += load("nergrit", "train")
    dev = {"idner": load("idner", "dev"), "nergrit": load("nergrit", "dev")}
    pos_sentences = ner_data.read_postag(ner_data.postag_path(data_dir), issues)
    pos_pool, _ = ner_data.split_postag(pos_sentences[:pos_limit] if pos_limit else pos_sentences)
    pos_cache: dict[int, Example] = {}

    def pos_examples(indices: Sequence[int]) -> list[Example]:
        for i in indices:
            if i not in pos_cache:
                pos_cache[i] = ner_data.pos_example(nlp, pos_pool[i])
        return [pos_cache[i] for i in indices]

    init_pos = pos_examples(range(min(len(pos_pool), 2000)))
    nlp.initialize(lambda: ner_train + init_pos)
    log(f"kg.ner.train: {len(ner_train)} NER sentences, {sum(map(len, dev.values()))} dev, {len(pos_pool)} POS pool; "
        f"config {json.dumps(asdict(cfg))}")
    pretrain_losses: list[float] = []
    if cfg.pretrain_epochs:
        texts = [eg.reference.text for eg in ner_train]
        texts += [ner_data.detokenize(s.words, join_clitics=True)[0] for s in pos_pool]
        pretrain_losses = pretrain(nlp, [nlp.make_doc(text) for text in texts], cfg, rng)
    optimizer: Optimizer = Adam(learn_rate=cfg.learn_rate, L2=cfg.l2, grad_clip=cfg.grad_clip,
                                use_averages=cfg.use_averages)

    best: dict[str, Any] = {"f": -1.0, "epoch": 0}
    best_bytes: dict[str, bytes] = {}
    history = []
    for epoch in range(1, cfg.epochs + 1):
        t0 = time.time()
        sample = rng.sample(range(len(pos_pool)), min(cfg.pos_sample, len(pos_pool))) if cfg.pos_sample else []
        augmented = []
        if cfg.augment:
            chosen = rng.sample(idner_sentences, int(cfg.augment * len(idner_sentences)))
            augmented = ner_data.ner_examples(nlp, [ner_data.replace_mentions(s, mentions, rng) for s in chosen])
        examples = ner_train + idner_extra + augmented + pos_examples(sorted(sample))
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=cfg.batch_size):
            nlp.update(batch, sgd=optimizer, drop=cfg.dropout, losses=losses)
        with nlp.use_params(optimizer.averages) if cfg.use_averages else nullcontext():
            scores = dev_scores(nlp, dev)
            if scores["ALL"]["f"] > best["f"]:
                best = {"f": scores["ALL"]["f"], "epoch": epoch, "dev": scores}
                best_bytes = {name: nlp.get_pipe(name).to_bytes() for name in COMPONENTS}
        history.append({"epoch": epoch, "loss_ner": round(float(losses.get("ner", 0.0)), 1),
                        "loss_tagger": round(float(losses.get("tagger", 0.0)), 1),
                        **{f"dev_{name}": round(row["f"], 4) for name, row in scores.items()},
                        "seconds": round(time.time() - t0, 1)})
        log(f"epoch {epoch:3d}  loss ner {losses.get('ner', 0.0):8.1f} tagger {losses.get('tagger', 0.0):8.1f}  dev F "
            + "  ".join(f"{name} {row['f']:.3f}" for name, row in scores.items()) + f"  ({time.time() - t0:.0f}s)")
        if cfg.patience and epoch - best["epoch"] >= cfg.patience:
            log(f"no better dev F1 for {cfg.patience} epochs: stopping")
            break
    for name, payload in best_bytes.items():
        nlp.get_pipe(name).from_bytes(payload)
    checks = check_missing_ignored(nlp, ner_train[:64], pos_examples(range(min(64, len(pos_pool)))))
    if checks["ner_loss_on_pos"] != 0.0 or checks["tagger_loss_on_ner"] != 0.0:
        raise RuntimeError(f"missing annotation was not ignored: {checks}")
    summary = {"seed": seed, "config": asdict(cfg), "best": best, "history": history, "missing_checks": checks,
               "pretrain_losses": pretrain_losses,
               "alignment": {name: s.summary() for name, s in stats.items()},
               "data_issues": dict(issues), "seconds": round(time.time() - started, 1)}
    if out_dir is not None:
        out = Path(out_dir)
        nlp.meta["name"] = "ner_id"
        nlp.meta["version"] = "0.1.0"
        nlp.meta["description"] = "kg Indonesian NER (PER, ORG, LOC) with an auxiliary POS tagger; kg tokenizer."
        nlp.meta["kg_training"] = {k: summary[k] for k in ("seed", "config", "best", "seconds", "alignment")}
        nlp.to_disk(out)
        summary["size_bytes"] = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        log(f"saved {out} ({summary['size_bytes'] / 1e6:.1f} MB), best epoch {best['epoch']} dev F1 {best['f']:.4f}")
    summary["nlp"] = nlp
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m kg.ner.train --data DIR --out DIR --seed N [--epochs N] [hyperparameters]``."""
    parser = argparse.ArgumentParser(prog="python -m kg.ner.train", description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, type=Path, help="folder holding idner-news-2k/, indonlu-ner/, "
                                                                  "nlp-id-postag/")
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help=f"model folder (default {MODEL_DIR})")
    parser.add_argument("--seed", type=int, default=0)
    defaults = TrainConfig()
    for f in fields(TrainConfig):
        value = getattr(defaults, f.name)
        flag = "--" + f.name.replace("_", "-")
        if isinstance(value, bool):
            parser.add_argument(flag, type=lambda s: s.lower() in {"1", "true", "yes"}, default=value,
                                metavar="BOOL")
        elif isinstance(value, tuple):
            kind = type(value[0])
            parser.add_argument(flag, type=lambda s, kind=kind: tuple(kind(x) for x in s.split(",")), default=value,
                                metavar="A,B,...")
        else:
            parser.add_argument(flag, type=type(value), default=value)
    args = parser.parse_args(argv)
    cfg = TrainConfig(**{f.name: getattr(args, f.name) for f in fields(TrainConfig)})
    if not args.data.is_dir():
        print(f"kg: error: data folder {args.data} not found", file=sys.stderr)
        return 2
    try:
        summary = train(args.data, args.out, seed=args.seed, cfg=cfg)
    except FileNotFoundError as error:
        print(f"kg: error: {error}", file=sys.stderr)
        return 2
    summary.pop("nlp")
    print(json.dumps(summary, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
