"""Cheap sentence bounds around a character offset.

Records need the sentence holding them, but only a few characters of each document hold
a claim; running a sentence splitter over every token would cost more than the whole
extraction. This finds the bounds of one sentence on demand from the raw text.
"""
from __future__ import annotations

import re

_END = re.compile(r"(?P<stop>[.!?][\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9£$€])|\n\s*\n|\n(?=\s*[•\-*]\s)")


def sentence_bounds(text: str, start: int, end: int, *, window: int = 2000) -> tuple[int, int]:
    """Return (s, e) of the sentence around text[start:end], trimmed of white space."""
    lo = max(0, start - window)
    s = lo
    for m in _END.finditer(text, lo, start):
        if m.end() <= start:
            s = m.end()
    m = _END.search(text, end, min(len(text), end + window))
    if m is None:
        e = min(len(text), end + window)
    else:
        e = m.end("stop") if m.group("stop") else m.start()
    e = max(e, end)
    while s < start and text[s].isspace():
        s += 1
    while e > end and text[e - 1].isspace():
        e -= 1
    return s, e
