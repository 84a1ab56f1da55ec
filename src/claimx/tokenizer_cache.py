"""Filling spaCy's tokenizer cache with the word forms a corpus repeats.

spaCy's tokenizer remembers how it split each whitespace-separated chunk of text, but once
a document has used a special case (a possessive "'s", "don't", "U.S."), it stops adding to
that memory for the rest of the document (the guard against spaCy issue #1250). Nearly every
press release has one in its first lines, so most chunks are split afresh, through the
affix regexes, in every document. Tokenising a chunk on its own puts it in the cache (unless
it holds a special case itself), and from then on every document gets the same tokens from
the cache. Doing so the second time a chunk is seen spends nothing on the many chunks a
corpus uses only once.
"""
from __future__ import annotations

from spacy.tokenizer import Tokenizer

SEEN_ONCE_LIMIT = 200_000  # chunks remembered as seen once; forgotten all together beyond


class TokenizerPrimer:
    """Tokenises, on its own, each chunk of text the second time it is seen."""

    def __init__(self, tokenizer: Tokenizer):
        self.tokenizer = tokenizer
        self.seen_once: set[str] = set()
        self.primed: set[str] = set()
        self.limit = tokenizer.max_cache_size  # the tokenizer caches no more chunks than this

    def prime(self, text: str) -> None:
        if len(self.primed) >= self.limit:
            return
        chunks = set(text.split()).difference(self.primed)
        again = chunks.intersection(self.seen_once)
        for chunk in again:
            self.tokenizer(chunk)
        self.primed |= again
        self.seen_once -= again
        if len(self.seen_once) > SEEN_ONCE_LIMIT:
            self.seen_once.clear()
        self.seen_once |= chunks - again
