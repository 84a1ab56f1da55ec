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
MAX_SKIP = 64  # texts passed over, at most, while texts bring nothing new to prime


class TokenizerPrimer:
    """Tokenises, on its own, each chunk of text the second time it is seen.

    While texts bring nothing new, it looks at fewer of them (every 2nd, 4th, ... 64th),
    and at every one again as soon as one does: a corpus whose words are all known costs
    almost nothing, one that keeps bringing new words is followed closely.
    """

    def __init__(self, tokenizer: Tokenizer):
        self.tokenizer = tokenizer
        self.seen_once: set[str] = set()
        self.primed: set[str] = set()
        self.limit = tokenizer.max_cache_size  # the tokenizer caches no more chunks than this
        self.skip = 0  # texts to pass over between two looked at
        self.to_skip = 0

    def prime(self, text: str) -> None:
        if len(self.primed) >= self.limit:
            return
        if self.to_skip:
            self.to_skip -= 1
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
        self.skip = 0 if chunks else min(2 * self.skip or 1, MAX_SKIP)
        self.to_skip = self.skip
