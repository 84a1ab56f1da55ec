"""Linking the two ends of a change or range ("from 9 to at least 58", "between £250 and
£5,000", "rose from 4.4 per cent to 5.7 per cent") with a shared ``group`` id.

The words that open and join a range are lexicon data (``lexicon/ranges.json``).
"""
from __future__ import annotations

from typing import Optional, Protocol

from spacy.tokens import Doc

LINKABLE = frozenset({"percentage", "money", "count", "date"})
# a bare number can open a range whose other end says what it is: "5 to 10%", "2 to 3 million euros"
INHERITING = frozenset({"percentage", "money"})
MAX_GAP = 3  # tokens between the ends of a range: "to", "and", "-"


class _Item(Protocol):
    label: str
    start: int
    end: int
    fields: dict


def _first_token(item: _Item, qualifiers: dict[int, tuple[int, str]]) -> int:
    """Where an item begins once its qualifier ("at least 58") is counted in."""
    return qualifiers[item.start][0] if item.start in qualifiers else item.start


def link_kind(doc: Doc, a: _Item, b: _Item, qualifiers: dict[int, tuple[int, str]], words: dict) -> Optional[str]:
    """"range" ("between £250 and £5,000"), "change" ("from 9 to 58", "rose 4% to 6%"), or None
    when ``a`` and ``b`` are not the two ends of one expression."""
    same = a.label == b.label or (a.label == "count" and b.label in INHERITING)
    if not same or a.label not in LINKABLE:
        return None
    b_first = _first_token(b, qualifiers)
    if b_first - a.end > MAX_GAP:
        return None
    gap = " ".join(t.lower_ for t in doc[a.end:b_first])
    if gap not in words["joiners"]:
        return None
    first = _first_token(a, qualifiers)
    opener = doc[first - 1].lower_ if first > 0 else ""
    if opener not in words["openers"] and gap not in words["bare_joiners"]:
        return None
    if a.label != b.label and opener not in words["openers"] and a.fields["value"] > b.fields["value"]:
        return None  # "fell by 77,000 to 6.9%": a bare number above the other end does not open it
    return "range" if opener in words["range_openers"] else "change"


def shared_scale(doc: Doc, a: _Item, b: _Item, scales: dict[str, float]) -> float:
    """The scale word of ``b`` that ``a`` leaves unsaid ("between 2 and 3 million"), else 1."""
    if any(t.lower_ in scales for t in doc[a.start:a.end]):
        return 1
    scale = next((scales[t.lower_] for t in reversed(doc[b.start:b.end]) if t.lower_ in scales), 1)
    return scale if a.fields["value"] * scale <= b.fields["value"] else 1


def _take_kind(a: _Item, b: _Item) -> None:
    """A bare number opening a range of percentages or amounts is one too."""
    if a.label == b.label:
        return
    a.label = b.label
    a.fields = {"value": a.fields["value"],
                **{k: b.fields[k] for k in ("currency", "unit") if k in b.fields}}


def link_ranges(doc: Doc, items: list, qualifiers: dict[int, tuple[int, str]], words: dict,
                scales: dict[str, float]) -> None:
    """Give both ends of each change or range in ``items`` (in document order) the same ``group``:
    "change-<offset>" or "range-<offset>", so that what links them survives in the records."""
    for a, b in zip(items, items[1:]):
        kind = link_kind(doc, a, b, qualifiers, words)
        if kind:
            _take_kind(a, b)
            group = a.fields.setdefault("group", f"{kind}-{doc[a.start].idx}")
            b.fields["group"] = group
            if a.label != "date":
                a.fields["value"] *= shared_scale(doc, a, b, scales)
