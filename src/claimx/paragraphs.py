"""Paragraph bounds: the unit a quotation is reported in.

A press release saved as text separates paragraphs with blank lines; a single line
break inside a paragraph is only wrapping. Bounds are trimmed of white space.
"""
from __future__ import annotations

import re

_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank paragraph, in order."""
    bounds = []
    pos = 0
    for m in _BREAK.finditer(text):
        _add_trimmed(text, pos, m.start(), bounds)
        pos = m.end()
    _add_trimmed(text, pos, len(text), bounds)
    return bounds


def _add_trimmed(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    """str.strip removes exactly the characters str.isspace accepts."""
    chunk = text[start:end]
    body = chunk.strip()
    if body:
        start += len(chunk) - len(chunk.lstrip())
        out.append((start, start + len(body)))
