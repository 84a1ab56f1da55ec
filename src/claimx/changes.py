"""Change records: the link between the two ends of a change or range, as a record of its own.

The quantities component gives both ends of "rose from 4.4 per cent to 5.7 per cent" or
"between £250 and £5,000" a shared ``group`` (``change-…`` or ``range-…``). A fact-checker
wants the pair as one claim too: what moved, from what, to what, and which way.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Callable

from .records import RECORD_TEMPLATES, record_id


def change_records(records: list[dict], text_of: Callable[[int, int], str],
                   sentence_of: Callable[[int, int], dict], openers: frozenset[str]) -> list[dict]:
    """One ``change`` record for each group with two ends of one kind, opened by "from"/"between".

    Without an opener the first number may be the size of the change, not its start
    ("decreased $1.2 million to $23.5 million"), so such a pair keeps only its shared group.
    ``text_of(start, end)`` and ``sentence_of(start, end)`` read the document (absolute offsets);
    ``openers`` are the lower-case words that open a pair (the lexicon's ``ranges.openers``).
    """
    groups: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        if record.get("group"):
            groups[record["group"]].append(record)
    changes = []
    for group, ends in groups.items():
        if len(ends) != 2 or ends[0]["kind"] != ends[1]["kind"]:
            continue
        first, second = sorted(ends, key=lambda r: r["start"])
        if _word_before(first, text_of) in openers:
            changes.append(_change(group, first, second, text_of, sentence_of))
    return changes


def _change(group: str, first: dict, second: dict, text_of, sentence_of) -> dict:
    start, end = first["start"], second["end"]
    data = dict(RECORD_TEMPLATES["change"])
    data.update(id=record_id(first["doc_id"], "change", start, end), doc_id=first["doc_id"],
                text=text_of(start, end), start=start, end=end, sentence=sentence_of(start, end),
                rule=f"change-{first['kind']}", claimant=first.get("claimant"), group=group,
                from_id=first["id"], to_id=second["id"], direction=_direction(group, first, second))
    if data["direction"] in ("up", "down", "flat"):
        data["value"] = round(second["value"] - first["value"], 9)
    return data


def _word_before(record: dict, text_of) -> str:
    """The word before a record, skipping a qualifier-free gap of white space."""
    before = text_of(max(0, record["start"] - 40), record["start"]).split()
    return before[-1].lower() if before else ""


def _direction(group: str, first: dict, second: dict) -> str:
    """'range' for "between X and Y"; else which way the value moved ('flat' when equal)."""
    a, b = first.get("value"), second.get("value")
    if group.startswith("range") or not isinstance(a, (int, float)) or not isinstance(b, (int, float)):
        return "range"
    return "up" if b > a else "down" if b < a else "flat"
