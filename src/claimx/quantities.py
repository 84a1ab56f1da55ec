"""The ``claimx_quantities`` component: percentages, money, counts and dates (stub)."""
from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from . import found  # noqa: F401  (registers the Doc extensions)


class QuantityFinder:
    def __init__(self, nlp: Language, name: str = "claimx_quantities", patterns_dir: Optional[str] = None):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory("claimx_quantities", default_config={"patterns_dir": None})
def make_quantity_finder(nlp: Language, name: str, patterns_dir: Optional[str]):
    return QuantityFinder(nlp, name, patterns_dir=patterns_dir)
