"""The ``claimx_quotes`` component: quotations and their speakers (stub)."""
from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from . import found  # noqa: F401  (registers the Doc extensions)


class QuoteFinder:
    def __init__(self, nlp: Language, name: str = "claimx_quotes", patterns_dir: Optional[str] = None):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return doc


@Language.factory("claimx_quotes", default_config={"patterns_dir": None})
def make_quote_finder(nlp: Language, name: str, patterns_dir: Optional[str]):
    return QuoteFinder(nlp, name, patterns_dir=patterns_dir)
