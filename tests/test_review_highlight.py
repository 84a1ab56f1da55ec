"""Cutting text into highlight marks: nesting, crossing claims, empty and stray spans."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from claimx.review.highlight import Mark, pieces


def rec(rid: str, start: int, end: int, kind: str = "count"):
    return SimpleNamespace(id=rid, start=start, end=end, kind=kind)


def flatten(items, depth=0):
    """(record id or text, depth, part) triples, in order."""
    out = []
    for item in items:
        if isinstance(item, Mark):
            out.append((item.record.id, depth, item.part))
            out += flatten(item.children, depth + 1)
        else:
            out.append((item, depth, 0))
    return out


def text_of(items) -> str:
    return "".join(text_of(i.children) if isinstance(i, Mark) else i for i in items)


def test_plain_text_stays_whole():
    assert pieces("no claims here", []) == ["no claims here"]


def test_numbers_nest_inside_a_quote():
    text = "He said 12 and 13 today"
    out = pieces(text, [rec("q", 8, 17, "quote"), rec("a", 8, 10), rec("b", 15, 17)])
    assert flatten(out) == [("He said ", 0, 0), ("q", 0, 1), ("a", 1, 1), ("12", 2, 0), (" and ", 1, 0),
                            ("b", 1, 1), ("13", 2, 0), (" today", 0, 0)]
    assert text_of(out) == text


def test_a_crossing_claim_is_cut_into_parts():
    text = "abcdefghij"
    out = pieces(text, [rec("x", 1, 5), rec("y", 3, 8)])
    assert [(i, p) for i, _, p in flatten(out) if len(i) == 1 and i in "xy"] == [("x", 1), ("y", 1), ("y", 2)]
    assert text_of(out) == text


def test_same_span_twice_nests_and_empty_span_keeps_an_element():
    out = pieces("abc", [rec("one", 0, 3), rec("two", 0, 3, "date"), rec("empty", 3, 3)])
    ids = [i for i, _, _ in flatten(out)]
    assert ids[:2] == ["one", "two"] and "empty" in ids
    assert text_of(out) == "abc"


@pytest.mark.parametrize("start, end", [(5, 20), (30, 31)])
def test_a_span_outside_the_text_is_left_out(start, end):
    assert pieces("short text", [rec("far", start, end)]) == ["short text"]


def test_many_claims_keep_every_id_and_the_text():
    text = "0123456789" * 50
    records = [rec(f"r{i}", i, min(i + 7, len(text))) for i in range(0, 490, 3)]
    out = pieces(text, records)
    assert {i for i, _, p in flatten(out) if p} == {r.id for r in records}
    assert text_of(out) == text
