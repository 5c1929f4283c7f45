"""A trained Indonesian NER (PER, ORG, LOC) that ships with kg.

``kg/models/ner-id`` holds a spaCy pipeline trained on kg's own tokenization: a shared ``tok2vec``,
a ``tagger`` (auxiliary POS task; NNP marks proper nouns) and an ``ner``. Train it with
``python -m kg.ner.train``, score it with ``python -m kg.ner.evaluate``, and add its components to
kg's pipeline with :func:`add_to`.
"""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "ner-id"
COMPONENTS = ("tok2vec", "tagger", "ner")


def add_to(nlp: Language, model_dir: Path | str = MODEL_DIR) -> Language:
    """Add the trained tok2vec, tagger and ner to ``nlp`` (kg's tokenizer and other pipes stay as they are)."""
    import spacy

    from ..analyse import NO_RULES

    source = spacy.load(model_dir, config=NO_RULES, exclude=["tokenizer"])  # only its components are taken
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, source=source)
    return nlp
