"""CAMEO event codes: the name, quad class and Goldstein score of each code kg emits (kg/data/cameo.tsv).

The codes themselves come from the language data (speech cues, meeting, event and sanction triggers); this
table is language-independent, so exports can say what a code means whatever language built the graph.
"""
from __future__ import annotations

import importlib.resources
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .lang import LanguageDataError, read_table

# the four classes of CAMEO's root codes: verbal and material cooperation, verbal and material conflict
QUAD_CLASSES = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    quad_class: str
    goldstein: float


def data_file() -> Path:
    return Path(str(importlib.resources.files("kg"))) / "data" / "cameo.tsv"


@lru_cache(maxsize=4)
def cameo_codes(path: Path | None = None) -> dict[str, CameoCode]:
    """The codes of the CAMEO table (kg's own by default), by code. A bad row is a LanguageDataError naming
    the file and line."""
    codes = {}
    for row in read_table(path or data_file(), ("code", "name", "quad_class", "goldstein")):
        if row["quad_class"] not in QUAD_CLASSES:
            raise LanguageDataError(f"{row.where}: quad_class {row['quad_class']!r} is none of "
                                    f"{', '.join(QUAD_CLASSES)}")
        try:
            goldstein = float(row["goldstein"])
        except ValueError:
            raise LanguageDataError(f"{row.where}: goldstein {row['goldstein']!r} is not a number") from None
        codes[row["code"]] = CameoCode(row["code"], row["name"], row["quad_class"], goldstein)
    return codes


def describe(code: str | None) -> CameoCode | None:
    """What a code means, or None for no code or one the table lacks."""
    return cameo_codes().get(code) if code else None
