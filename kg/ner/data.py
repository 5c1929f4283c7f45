"""Read the NER and POS corpora and turn them into kg-tokenized spaCy examples.

The corpora come pre-tokenized, each with its own conventions ("(KPK)" as one token, "2 . 000",
"Tantangan nya"). kg's NER must learn on kg's own tokenization, so every sentence is first
detokenized into natural text (character offsets kept), then re-tokenized with ``nlp.make_doc``;
entity character spans are mapped back onto kg tokens and trimmed of edge punctuation.
"""
from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example

from ..lang import load

IDNER_DIR = "idner-news-2k"
NERGRIT_DIR = "indonlu-ner/nergrit_ner-grit"
POSTAG_FILE = "nlp-id-postag/dataset_postag.txt"
IDNER_SPLITS = {"train": "train.txt", "dev": "dev.txt", "test": "test.txt"}
NERGRIT_SPLITS = {"train": "train_preprocess.txt", "dev": "valid_preprocess.txt", "test": "test_preprocess.txt"}
NERGRIT_LABELS = {"PERSON": "PER", "PLACE": "LOC", "ORGANISATION": "ORG"}
LABELS = ("PER", "ORG", "LOC")
POS_HELDOUT = 2000  # the last sentences of the POS corpus: never trained on, used to score the tagger

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "”", "’", "»", "%", "...", "…"}
NO_SPACE_AFTER = {"(", "[", "{", "“", "‘", "«"}
STRAIGHT_QUOTES = {'"', "'", "`"}
BRACKETS = {"(": ")", "[": "]"}
APOSTROPHE_ENDINGS = {"s", "t", "re", "ll", "ve", "d", "m"}  # Mary ' s, It ' s, don ' t
APOSTROPHE_NAMES = {"O", "D", "L"}  # O ' Reilly, D ' Angelo
DIGITS = re.compile(r"^\d+$")
PER_ARTIFACT = re.compile(r"^(?:[a-z]*PER[a-z]+|PER)$")  # "PERen", "memPERilahkan", "PER"; not "PERSON"
WORDISH = re.compile(r"^\w+$")


@dataclass
class TaggedSentence:
    """One sentence of a column corpus: its tokens and one tag per token (IOB2 or POS)."""

    words: list[str]
    tags: list[str]


@dataclass
class AlignmentStats:
    """How entity spans fared when moved from the corpus tokens onto kg tokens."""

    total: int = 0
    exact: int = 0
    trimmed: int = 0  # lost edge punctuation only, e.g. "(Bawaslu)" -> "Bawaslu"
    expanded: int = 0  # grew to kg token boundaries
    dropped_empty: int = 0  # nothing left after trimming
    dropped_overlap: int = 0  # overlapped an earlier entity after alignment
    repaired_iob: int = 0  # I- tag without a matching B- (started a new entity)
    examples: list[tuple[str, str]] = field(default_factory=list)  # (source text, aligned text), a few

    def add(self, other: AlignmentStats) -> None:
        for name in ("total", "exact", "trimmed", "expanded", "dropped_empty", "dropped_overlap", "repaired_iob"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.examples.extend(other.examples[: max(0, 10 - len(self.examples))])

    @property
    def kept(self) -> int:
        return self.total - self.dropped_empty - self.dropped_overlap

    def summary(self) -> str:
        return (f"{self.total} entities: {self.exact} exact, {self.trimmed} trimmed, {self.expanded} expanded, "
                f"{self.dropped_empty} dropped (empty), {self.dropped_overlap} dropped (overlap); "
                f"{self.repaired_iob} I- tags without B- repaired")


def read_columns(path: Path | str, *, tag_column: int, sep: str | None = None,
                 tag_map: Callable[[str], str] | None = None, issues: Counter | None = None) -> list[TaggedSentence]:
    """Sentences of a one-token-per-line file; blank lines separate sentences, CRLF is accepted.

    ``tag_column`` picks the tag among the fields (the token is field 0); lines with an unexpected
    number of fields are still read (token = first field, tag = the chosen field) and counted in
    ``issues["odd_lines"]``.
    """
    sentences: list[TaggedSentence] = []
    words: list[str] = []
    tags: list[str] = []
    expected: int | None = None
    with open(path, encoding="utf-8", newline="") as handle:
        for raw in handle:
            line = raw.rstrip("\r\n")
            if not line.strip():
                if words:
                    sentences.append(TaggedSentence(words, tags))
                    words, tags = [], []
                continue
            fields = line.split(sep) if sep else line.split()
            if expected is None:
                expected = len(fields)
            if len(fields) != expected and issues is not None:
                issues["odd_lines"] += 1
            if len(fields) <= tag_column or not fields[0]:
                if issues is not None:
                    issues["unreadable_lines"] += 1
                continue
            tag = fields[tag_column].strip()
            words.append(fields[0].strip())
            tags.append(tag_map(tag) if tag_map else tag)
    if words:
        sentences.append(TaggedSentence(words, tags))
    return sentences


def repair_pers(sentence: TaggedSentence, issues: Counter | None = None) -> TaggedSentence:
    """Undo a label-renaming artifact of idner-news-2k test: "pers"/"Pers" became "PER" inside words
    ("PERen" for persen, "memPERilahkan", "Partai PERatuan Pembangunan", "jumpa PER")."""
    words = []
    for word, tag in zip(sentence.words, sentence.tags, strict=True):
        if PER_ARTIFACT.match(word):
            word = word.replace("PER", "Pers" if tag != "O" else "pers", 1)
            if issues is not None:
                issues["repaired_PER_artifact"] += 1
        words.append(word)
    return TaggedSentence(words, sentence.tags)


def read_idner(path: Path | str, issues: Counter | None = None, repair: bool = True) -> list[TaggedSentence]:
    """idner-news-2k: ``TOKEN UPOS NER`` (space-separated, CRLF), IOB2 PER/ORG/LOC.

    With ``repair``, words damaged by the "Pers" -> "PER" artifact are restored (see :func:`repair_pers`).
    """
    sentences = read_columns(path, tag_column=2, issues=issues)
    return [repair_pers(s, issues) for s in sentences] if repair else sentences


def _nergrit_tag(tag: str) -> str:
    if tag == "O":
        return tag
    prefix, _, label = tag.partition("-")
    return f"{prefix}-{NERGRIT_LABELS.get(label, label)}"


def read_nergrit(path: Path | str, issues: Counter | None = None) -> list[TaggedSentence]:
    """IndoNLU NERGrit: ``TOKEN<TAB>TAG``, IOB2 PERSON/PLACE/ORGANISATION mapped to PER/LOC/ORG."""
    return read_columns(path, tag_column=1, sep="\t", tag_map=_nergrit_tag, issues=issues)


def read_postag(path: Path | str, issues: Counter | None = None) -> list[TaggedSentence]:
    """kumparan POS corpus: ``TOKEN<TAB>TAG`` with 17 tags; the stray lowercase ``vb`` becomes ``VB``."""

    def fold(tag: str) -> str:
        if tag != tag.upper() and issues is not None:
            issues[f"folded_{tag}"] += 1
        return tag.upper()

    return read_columns(path, tag_column=1, sep="\t", tag_map=fold, issues=issues)


@lru_cache(maxsize=1)
def clitics() -> frozenset[str]:
    """The clitics of the corpora's language (Indonesian): split off in the POS corpus ("Tantangan nya"), written
    attached in real text."""
    return frozenset(load("id").clitics)


def detokenize(words: list[str], *, join_numbers: bool = False, join_hyphens: bool = False,
               join_clitics: bool = False) -> tuple[str, list[tuple[int, int]], list[bool]]:
    """Join tokens into natural text; return the text, each token's (start, end) and its trailing space.

    No space before closing punctuation (, . ; : ! ? ) ] ” ’ %), none after opening brackets and quotes;
    straight quotes alternate open/close (a final quote closes, an apostrophe as in "Mary ' s" joins).
    Options for corpora that split more than real text does: ``join_numbers`` ("2 . 000" -> "2.000"),
    ``join_hyphens`` ("sumber - sumber" -> "sumber-sumber"), ``join_clitics`` ("Tantangan nya").
    """
    n = len(words)
    space = [True] * n  # space after token i
    if n:
        space[-1] = False

    def glue(i: int) -> None:  # no space between token i-1 and token i
        if 0 < i < n + 1:
            space[i - 1] = False

    is_open = {q: False for q in STRAIGHT_QUOTES}
    for i, word in enumerate(words):
        prev = words[i - 1] if i > 0 else ""
        nxt = words[i + 1] if i + 1 < n else ""
        if word in NO_SPACE_BEFORE:
            glue(i)
        if word in NO_SPACE_AFTER and i + 1 < n:
            glue(i + 1)
        if word in STRAIGHT_QUOTES:
            if word == "'" and WORDISH.match(prev) and (nxt.lower() in APOSTROPHE_ENDINGS
                                                        or (prev in APOSTROPHE_NAMES and nxt[:1].isupper())):
                glue(i)
                if i + 1 < n:
                    glue(i + 1)
                continue
            closing = is_open[word] or i == n - 1 or (i > 0 and nxt in NO_SPACE_BEFORE | {""})
            if i == 0:
                closing = False
            if closing:
                glue(i)
                is_open[word] = False
            else:
                if i + 1 < n:
                    glue(i + 1)
                is_open[word] = True
        if join_numbers and word in {".", ","} and DIGITS.match(prev) and DIGITS.match(nxt):
            if word == "." or (len(prev) <= 3 and len(nxt) <= 3):  # "1945 , 1946" stays a list
                glue(i)
                glue(i + 1)
        if join_hyphens and word == "-" and WORDISH.match(prev) and WORDISH.match(nxt):
            glue(i)
            glue(i + 1)
        if join_clitics and word in clitics() and i > 0 and WORDISH.match(prev):
            glue(i)
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    position = 0
    for word, has_space in zip(words, space, strict=True):
        offsets.append((position, position + len(word)))
        parts.append(word + (" " if has_space else ""))
        position += len(word) + (1 if has_space else 0)
    return "".join(parts), offsets, space


def iob_spans(tags: list[str], stats: AlignmentStats | None = None) -> list[tuple[int, int, str]]:
    """(start, end, label) token spans from IOB2 tags; a stray I- starts a new entity."""
    spans: list[tuple[int, int, str]] = []
    start: int | None = None
    label = ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, name = tag.partition("-")
        continues = prefix == "I" and start is not None and name == label
        if start is not None and not continues:
            spans.append((start, i, label))
            start = None
        if prefix == "B" or (prefix == "I" and not continues):
            if prefix == "I" and stats is not None:
                stats.repaired_iob += 1
            start, label = i, name
    return spans


def mention_pool(sentences: Iterable[TaggedSentence]) -> dict[str, list[list[str]]]:
    """Every entity mention (as corpus tokens) by label, in corpus order."""
    pool: dict[str, list[list[str]]] = {}
    for sentence in sentences:
        for start, end, label in iob_spans(sentence.tags):
            pool.setdefault(label, []).append(sentence.words[start:end])
    return pool


def replace_mentions(sentence: TaggedSentence, pool: dict[str, list[list[str]]], rng: random.Random
                     ) -> TaggedSentence:
    """A copy of the sentence with every entity replaced by a random mention of the same label
    (augmentation: the NER must lean on context, not only on names it has seen)."""
    words: list[str] = []
    tags: list[str] = []
    position = 0
    for start, end, label in iob_spans(sentence.tags):
        words += sentence.words[position:start]
        tags += sentence.tags[position:start]
        mention = rng.choice(pool[label]) if pool.get(label) else sentence.words[start:end]
        words += mention
        tags += [f"B-{label}"] + [f"I-{label}"] * (len(mention) - 1)
        position = end
    words += sentence.words[position:]
    tags += sentence.tags[position:]
    return TaggedSentence(words, tags)


def _is_edge_junk(token) -> bool:
    return token.is_punct or token.is_space


def _unbalanced(span: Span) -> bool:
    texts = [t.text for t in span]
    return any(texts.count(opener) > texts.count(closer) for opener, closer in BRACKETS.items())


def entity_doc(nlp: Language, words: list[str], tags: list[str], stats: AlignmentStats | None = None,
               **detok: bool) -> Doc:
    """A kg-tokenized Doc of an IOB2-tagged sentence with ``doc.ents`` set (tokens outside entities are O)."""
    stats = stats if stats is not None else AlignmentStats()
    text, offsets, _ = detokenize(words, **detok)
    doc = nlp.make_doc(text)
    kept: list[Span] = []
    for start, end, label in iob_spans(tags, stats):
        stats.total += 1
        char_start, char_end = offsets[start][0], offsets[end - 1][1]
        source = text[char_start:char_end]
        span = doc.char_span(char_start, char_end, label=label, alignment_mode="expand")
        if span is None:
            stats.dropped_empty += 1
            continue
        first, last = span.start, span.end
        while first < last and _is_edge_junk(doc[first]):
            first += 1
        while last > first and _is_edge_junk(doc[last - 1]):
            last -= 1
        # Keep a closing bracket that balances one inside: "Komisi Pemilihan Umum (KPU)".
        while last < span.end and doc[last].text in BRACKETS.values() and _unbalanced(doc[first:last]):
            last += 1
        if first == last:
            stats.dropped_empty += 1
            continue
        span = Span(doc, first, last, label=label)
        if any(span.start < other.end and other.start < span.end for other in kept):
            stats.dropped_overlap += 1
            continue
        kept.append(span)
        if span.text == source:
            stats.exact += 1
        else:
            if span.start_char < char_start or span.end_char > char_end:
                stats.expanded += 1
            else:
                stats.trimmed += 1
            if len(stats.examples) < 10:
                stats.examples.append((source, span.text))
    doc.ents = sorted(kept, key=lambda s: s.start)
    return doc


def ner_examples(nlp: Language, sentences: Iterable[TaggedSentence], stats: AlignmentStats | None = None,
                 **detok: bool) -> list[Example]:
    """Examples whose reference has entities (and no tags: the tagger treats them as missing)."""
    examples = []
    for sentence in sentences:
        reference = entity_doc(nlp, sentence.words, sentence.tags, stats, **detok)
        examples.append(Example(nlp.make_doc(reference.text), reference))
    return examples


def pos_example(nlp: Language, sentence: TaggedSentence) -> Example:
    """An Example whose reference carries POS tags on the corpus tokens, aligned to kg's tokenization.

    Entities are left unset, so the NER treats the sentence as missing annotation, not as "all O".
    """
    text, _, spaces = detokenize(sentence.words, join_clitics=True)
    return Example.from_dict(nlp.make_doc(text), {"words": sentence.words, "spaces": spaces,
                                                  "tags": sentence.tags})


def require(path: Path) -> Path:
    """The path if it exists, else FileNotFoundError with a one-line message."""
    if not path.exists():
        raise FileNotFoundError(f"missing data file {path}")
    return path


def idner_path(data_dir: Path | str, split: str) -> Path:
    return require(Path(data_dir) / IDNER_DIR / IDNER_SPLITS[split])


def nergrit_path(data_dir: Path | str, split: str) -> Path:
    return require(Path(data_dir) / NERGRIT_DIR / NERGRIT_SPLITS[split])


def postag_path(data_dir: Path | str) -> Path:
    return require(Path(data_dir) / POSTAG_FILE)


def load_ner(nlp: Language, data_dir: Path | str, corpus: str, split: str,
             stats: AlignmentStats | None = None, issues: Counter | None = None) -> list[Example]:
    """Examples of one split of a NER corpus ("idner" or "nergrit"; split "train", "dev" or "test")."""
    if corpus == "idner":
        return ner_examples(nlp, read_idner(idner_path(data_dir, split), issues), stats)
    if corpus == "nergrit":
        return ner_examples(nlp, read_nergrit(nergrit_path(data_dir, split), issues), stats,
                            join_numbers=True, join_hyphens=True)
    raise ValueError(f"unknown NER corpus {corpus!r}")


def split_postag(sentences: list[TaggedSentence], heldout: int = POS_HELDOUT
                 ) -> tuple[list[TaggedSentence], list[TaggedSentence]]:
    """(training pool, held-out tail): the last ``heldout`` sentences are never trained on."""
    heldout = min(heldout, len(sentences) // 2)
    return sentences[: len(sentences) - heldout], sentences[len(sentences) - heldout:]
