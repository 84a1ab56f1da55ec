"""Cheap sentence bounds around character offsets.

Records need the sentence holding them, but only a few places in a document hold a
claim; running a sentence splitter over every token would cost more than the whole
extraction. One regex pass finds the candidate sentence breaks of a text, and each
record's sentence is then a binary search away.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

# A break is a full stop, ! or ? (with its closing quotes) before white space and a capital
# or digit; a blank line; or a line break before a bullet. Every break starts with one of
# .!?\n, matched first and then checked by look-behind: with one character class in front,
# re skips ahead to the candidates instead of trying each alternative at every character.
_BREAK = re.compile(r"[.!?\n](?:(?<=[.!?])(?P<closers>[\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9£$€])"
                    r"|(?<=\n)\s*\n|(?<=\n)(?=\s*[•\-*]\s))")


class SentenceIndex:
    """The sentence breaks of one text: where each sentence ends and the next begins."""

    def __init__(self, text: str):
        self.text = text
        self.ends: list[int] = []
        self.starts: list[int] = []
        for m in _BREAK.finditer(text):
            # a sentence ends after its stop and closing quotes; a line break ends it before the break
            self.ends.append(m.end("closers") if m.start("closers") >= 0 else m.start())
            self.starts.append(m.end())

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """(s, e) of the sentence around text[start:end], trimmed of white space.

        A claim that runs over a break (a quoted paragraph) gets every sentence it touches.
        """
        starts, ends, text = self.starts, self.ends, self.text
        i = bisect_right(starts, start)
        s = starts[i - 1] if i else 0
        j = bisect_left(ends, end)
        e = ends[j] if j < len(ends) else len(text)
        if e < end:
            e = end
        while s < start and text[s].isspace():
            s += 1
        while e > end and text[e - 1].isspace():
            e -= 1
        return s, e

