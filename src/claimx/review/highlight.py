"""Cutting a document's text into plain pieces and nested highlight marks.

Claims nest (numbers inside a quote, the two ends inside a change) but may also cross.
A mark holds the claims that lie inside it; a claim crossing a mark's end is cut there
and continues as a second mark with the same record, so every claim keeps at least one
element and the markup stays well formed.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Union


@dataclass
class Mark:
    """One highlighted stretch of one record; ``part`` counts the pieces of a cut claim."""
    record: object
    start: int
    end: int
    part: int = 1
    children: list[Union[str, "Mark"]] = field(default_factory=list)


Piece = Union[str, Mark]


def placeable(record, text: str) -> bool:
    """Whether a record's span lies inside the text, so it can be marked in place."""
    return 0 <= record.start <= record.end <= len(text)


def pieces(text: str, records: list) -> list[Piece]:
    """The whole text as strings and marks, in order; records outside the text are left out."""
    spans = [(r.start, r.end, 1, r) for r in records if placeable(r, text)]
    return _cut(text, 0, len(text), sorted(spans, key=_order))


def _order(span: tuple) -> tuple:
    start, end, part, record = span
    return start, -end, part, record.kind, record.id


def _cut(text: str, lo: int, hi: int, spans: list[tuple]) -> list[Piece]:
    """Marks for sorted spans within [lo, hi); spans starting inside a mark become its children."""
    out: list[Piece] = []
    pos, i = lo, 0
    while i < len(spans):
        start, end, part, record = spans[i]
        i += 1
        if start > pos:
            out.append(text[pos:start])
        inside, crossing = [], []
        while i < len(spans) and spans[i][0] < end:
            s, e, p, r = spans[i]
            i += 1
            inside.append((s, min(e, end), p, r))
            if e > end:
                crossing.append((end, e, p + 1, r))
        out.append(Mark(record, start, end, part, _cut(text, start, end, inside)))
        pos = end
        if crossing:
            spans, i = list(heapq.merge(sorted(crossing, key=_order), spans[i:], key=_order)), 0
    if hi > pos:
        out.append(text[pos:hi])
    return out
