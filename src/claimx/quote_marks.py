"""Pairing quotation marks into quotations, paragraph by paragraph.

Press releases break the textbook rules: a quotation over several paragraphs opens
every paragraph but closes only the last; some pages drop the closing mark of the last
paragraph; straight marks serve as openers and closers; ’ is also the apostrophe. So
every mark is classified from its neighbours, pairing never fails, and a stray mark at
worst yields one odd quotation, never an exception or a lost document.

Double marks are paired first. Single marks count only outside double quotations
(inside they are nested quotes, which belong to the outer quotation).
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional

from .paragraphs import paragraph_bounds

OPEN, CLOSE, WEAK_CLOSE = "open", "close", "weak_close"
_OPEN_CONTEXT = set("([{—–-/:;")


@dataclass(slots=True)
class Quotation:
    """One quotation: its content span in each paragraph it covers, without the marks."""

    segments: list[tuple[int, int]] = field(default_factory=list)
    open_at: Optional[int] = None
    close_at: Optional[int] = None

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]


@dataclass(frozen=True)
class MarkSet:
    """The quotation marks of one level (double or single), by nominal role."""

    opens: frozenset[str]
    closes: frozenset[str]
    either: frozenset[str]
    apostrophe_like: bool

    @cached_property
    def all(self) -> frozenset[str]:
        """Every mark of the level; cached, as ``role`` asks for it at every mark."""
        return self.opens | self.closes | self.either

    def role(self, text: str, i: int) -> Optional[str]:
        """Open, close, weak close (maybe a plural possessive) or None, from the mark's neighbours."""
        prev = text[i - 1] if i > 0 else "\n"
        nxt = text[i + 1] if i + 1 < len(text) else "\n"
        open_ctx = prev.isspace() or prev in _OPEN_CONTEXT or prev in self.all
        if self.apostrophe_like and prev.isalnum() and nxt.isalnum():
            return None
        if open_ctx and not nxt.isspace():
            if text[i] in self.closes and self.apostrophe_like and not nxt.isalpha():
                return None
            return OPEN
        if not prev.isspace() and (nxt.isspace() or not nxt.isalnum()):
            if self.apostrophe_like and prev in "sS" and nxt == " " and text[i + 2:i + 3].islower():
                return WEAK_CLOSE
            return CLOSE
        return None


class QuotationPairer:
    """Finds the quotations of a text; built once from the mark lists."""

    def __init__(self, double: MarkSet, single: MarkSet):
        self.double, self.single = double, single
        self._trim = "".join(sorted(double.all | single.all))

    def find(self, text: str, paragraphs: Optional[list[tuple[int, int]]] = None) -> list[Quotation]:
        paragraphs = paragraph_bounds(text) if paragraphs is None else paragraphs
        doubles = self._pair(text, paragraphs, self.double, keep_unclosed=True)
        covered = sorted((q.open_at if q.open_at is not None else q.start, q.end) for q in doubles)
        singles = self._pair(text, paragraphs, self.single, keep_unclosed=False, skip=covered)
        found = [self.trimmed(text, q) for q in doubles + singles]
        return _outermost(sorted((q for q in found if q.segments), key=lambda q: q.start))

    @staticmethod
    def _events_by_paragraph(text, paragraphs, marks, skip) -> dict[int, list[tuple[int, str]]]:
        """The classified marks of each paragraph that has any."""
        starts = [ps for ps, _ in paragraphs]
        events: dict[int, list[tuple[int, str]]] = {}
        for pos in _positions(text, marks.all):
            if skip and _inside(pos, skip):
                continue
            role = marks.role(text, pos)
            if role:
                events.setdefault(bisect_right(starts, pos) - 1, []).append((pos, role))
        return events

    def _pair(self, text, paragraphs, marks, *, keep_unclosed, skip=()) -> list[Quotation]:
        """Pair one level's marks paragraph by paragraph; an unclosed quotation runs to the end
        of its paragraph and goes on into the next when that one continues it. Unclosed single
        quotations are dropped unless ``keep_unclosed``: a lone ’ is usually an apostrophe."""
        done: list[Quotation] = []
        pending: Optional[Quotation] = None
        pending_at = -2
        for index, events in sorted(self._events_by_paragraph(text, paragraphs, marks, skip).items()):
            ps, pe = paragraphs[index]
            current, seg_start, events = self._continue(text, ps, pending if pending_at == index - 1 else None,
                                                        events)
            if pending is not None and current is None and keep_unclosed:
                done.append(pending)
            pending = None
            depth = 1 if current else 0
            for n, (pos, role) in enumerate(events):
                if current is None:
                    if role == OPEN:
                        current, seg_start, depth = Quotation(open_at=pos), pos + 1, 1
                    continue
                if role == OPEN:
                    depth += 1
                elif role == WEAK_CLOSE and _later_close(events, n):
                    continue
                else:
                    depth -= 1
                    if depth == 0:
                        current.segments.append((seg_start, pos))
                        current.close_at = pos
                        done.append(current)
                        current = None
            if current is not None:
                current.segments.append((seg_start, pe))
                pending, pending_at = current, index
        if pending is not None and keep_unclosed:
            done.append(pending)
        return done

    @staticmethod
    def _continue(text, ps, pending, events):
        """Whether an open quotation goes on into this paragraph, and from where.

        It does when the paragraph opens with a quotation mark (the usual multi-paragraph
        style) or when its first mark closes (the opening mark was left off).
        """
        if pending is None or not events:
            return None, ps, events
        pos, role = events[0]
        if role == OPEN and not text[ps:pos].strip():
            return pending, pos + 1, events[1:]
        if role in (CLOSE, WEAK_CLOSE):
            return pending, ps, events
        return None, ps, events

    def trimmed(self, text: str, q: Quotation) -> Quotation:
        """The quotation with white space and stray marks cut from both ends of each segment."""
        segments = []
        for s, e in q.segments:
            while s < e and (text[s].isspace() or text[s] in self._trim):
                s += 1
            while e > s and (text[e - 1].isspace() or text[e - 1] in self._trim):
                e -= 1
            if e > s:
                segments.append((s, e))
        q.segments = segments
        return q


def _outermost(quotations: list[Quotation]) -> list[Quotation]:
    """Drop quotations nested in another (‘He told me “never give up”,’ said Jo.): the
    nested words belong to the outer quotation."""
    kept: list[Quotation] = []
    reach = -1
    for q in quotations:
        if q.end <= reach:
            continue
        kept.append(q)
        reach = max(reach, q.end)
    return kept


def _later_close(events, n: int) -> bool:
    """Whether a closing mark follows event n before the next opening mark."""
    for i in range(n + 1, len(events)):
        role = events[i][1]
        if role == OPEN:
            return False
        if role in (CLOSE, WEAK_CLOSE):
            return True
    return False


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos <= spans[i][1]


def _positions(text: str, chars: frozenset[str]) -> list[int]:
    """Where any of the characters occurs, in order. Marks are rare: str.find per mark skips
    the text in between several times faster than a regex character class."""
    found = []
    for char in chars:
        at = text.find(char)
        while at >= 0:
            found.append(at)
            at = text.find(char, at + 1)
    found.sort()
    return found
