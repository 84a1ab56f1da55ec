"""The ``claimx_quotes`` component: quotations and their speakers.

One ``Found(kind="quote")`` per paragraph of a quotation, spanning the quoted words
without the marks. The work is in spaCy-free modules (``quote_extraction`` and the
modules it names); this one loads the word lists and plugs the result into spaCy.

``rule`` names how the speaker was found:
- ``quote.said-after``: '“…,” said Jane Doe.' / '“…,” Jane Doe added.'
- ``quote.said-before``: 'Jane Doe, Minister for Data, said: “…' / 'According to Jane Doe, “…'
- ``quote.said-colon``: a paragraph 'Jane Doe said:' before a quotation in marks
- ``quote.said-colon-block`` / ``quote.name-colon-block``: the same cue (or 'Sir Jane Doe:')
  before paragraphs that lost their marks
- ``quote.partial``: 'described it as “a banner year”', 'said the cap had “…”'
- ``quote.dash-after``: '“…” – Jane Doe, volunteer'
- ``quote.continued``: no cue of its own; goes on from the quotation before
- ``quote.unattributed``: a paragraph-long quotation with no cue; the speaker, if any, is
  the person the paragraph before names first
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from .found import Found, add_findings, doc_text
from .patterns import patterns_dir as resolve_patterns_dir
from .quote_extraction import QuoteExtractor
from .quote_lexicon import load_lexicon, save_lexicon

SUBFOLDER = "quotes"


class QuoteFinder:
    def __init__(self, nlp: Language, name: str = "claimx_quotes", patterns_dir: Optional[str] = None):
        self.name = name
        self.extractor = QuoteExtractor(load_lexicon(resolve_patterns_dir(patterns_dir) / SUBFOLDER))

    def __call__(self, doc: Doc) -> Doc:
        add_findings(doc, self.find(doc))
        return doc

    def find(self, doc: Doc) -> list[Found]:
        """The quotations in ``doc``, leaving the doc as it is (the Extractor needs no spans)."""
        return [Found(kind="quote", start=item.start, end=item.end, rule=item.rule, fields=item.fields())
                for item in self.extractor.extract(doc_text(doc))]

    def to_disk(self, path: str | Path, *, exclude=()) -> None:
        """Write the word lists in use, as loaded, under ``path``."""
        save_lexicon(self.extractor.lexicon, Path(path) / SUBFOLDER)

    def from_disk(self, path: str | Path, *, exclude=()) -> "QuoteFinder":
        self.extractor = QuoteExtractor(load_lexicon(Path(path) / SUBFOLDER))
        return self


@Language.factory("claimx_quotes", default_config={"patterns_dir": None})
def make_quote_finder(nlp: Language, name: str, patterns_dir: Optional[str]):
    return QuoteFinder(nlp, name, patterns_dir=patterns_dir)
