"""A trained Indonesian NER (PER, ORG, LOC) that ships with kg.

``kg/lang/id/ner`` holds a spaCy pipeline trained on kg's own tokenization: a shared ``tok2vec``,
a ``tagger`` (auxiliary POS task; NNP marks proper nouns) and an ``ner``. Train it with
``python -m kg.ner.train``, score it with ``python -m kg.ner.evaluate``, and add its components to
kg's pipeline with :func:`add_to`. A language's model sits in its folder (``<language folder>/ner``, see
:func:`model_dir`); a language without one finds names by the rules and its gazetteer only.
"""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from ..lang import LANG_DIR, LanguageData

MODEL_DIR = LANG_DIR / "id" / "ner"  # the Indonesian model: where train and evaluate write and read by default
COMPONENTS = ("tok2vec", "tagger", "ner")


def model_dir(lang: LanguageData) -> Path | None:
    """The trained NER of a language: the spaCy pipeline in its folder's ner/, or None when it has none."""
    model = lang.folder / "ner"
    return model if (model / "meta.json").is_file() else None


def add_to(nlp: Language, model_dir: Path | str = MODEL_DIR) -> Language:
    """Add the trained tok2vec, tagger and ner to ``nlp`` (kg's tokenizer and other pipes stay as they are)."""
    import spacy

    from ..analyse import NO_RULES

    source = spacy.load(model_dir, config=NO_RULES, exclude=["tokenizer"])  # only its components are taken
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, source=source)
    return nlp
