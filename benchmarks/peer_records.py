"""Turning the peers' output into claimx's record kinds, so that one scorer can judge all.

The conversion is deliberately simple and independent of claimx (using claimx's own
normalisers would lend the peers claimx's strengths and weaknesses):

- spaCy NER: PERCENT -> percentage, MONEY -> money, CARDINAL and QUANTITY -> count,
  DATE -> date; other labels are dropped. Values come from ``number_in`` (the first
  number in digits, or a number word up to twenty, times a following scale word such as
  "million", "bn" or "m"), currencies from the symbol or currency word in the span
  (``currency_in``), dates from a few regular expressions (``iso_date``): a date they do not
  read keeps its text as its value, so it counts as found but wrong.
- quantulum3: a percentage unit -> percentage, a currency unit -> money (its ISO code, or
  one read from the unit's name), anything else -> count. quantulum3 finds no dates.
- textacy ``direct_quotations``: the content span without its quotation marks -> quote,
  the speaker tokens' text -> speaker. textacy raises on unbalanced quotation marks; such a
  document counts as having no quotes.
"""
from __future__ import annotations

import calendar
import re
from typing import Iterable, Optional

NER_KINDS = {"PERCENT": "percentage", "MONEY": "money", "CARDINAL": "count", "QUANTITY": "count",
             "DATE": "date"}
NUMBER_WORDS = {word: n for n, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
          "b": 1e9, "trillion": 1e12, "tn": 1e12}
CURRENCY_MARKS = (("AU$", "AUD"), ("A$", "AUD"), ("US$", "USD"), ("C$", "CAD"), ("NZ$", "NZD"), ("£", "GBP"),
                  ("€", "EUR"), ("$", "USD"), ("¥", "JPY"), ("euro", "EUR"), ("pound", "GBP"),
                  ("sterling", "GBP"), ("dollar", "USD"), ("yen", "JPY"))
PERCENT_UNITS = {"percentage", "per cent", "percent"}
QUOTE_MARKS = "\"'“”‘’«»"

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")
_WORD = re.compile(r"\b[a-z]+\b")
_SCALE = re.compile(r"\s*(" + "|".join(sorted(SCALES, key=len, reverse=True)) + r")\b", re.I)
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTH = r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_DATE_FORMS = (
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), ("y", "m", "d")),
    (re.compile(_DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+(\d{4})", re.I), ("d", "m", "y")),
    (re.compile(_MONTH + r"\s+" + _DAY + r",?\s+(\d{4})", re.I), ("m", "d", "y")),
    (re.compile(_MONTH + r",?\s+(\d{4})", re.I), ("m", "y")),
    (re.compile(_DAY + r"\s+(?:of\s+)?" + _MONTH, re.I), ("d", "m")),
    (re.compile(_MONTH + r"\s+" + _DAY + r"\b", re.I), ("m", "d")),
)
_FISCAL = re.compile(r"\b((?:19|20)\d{2})\s*[/–-]\s*(\d{2}|\d{4})\b")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")


def number_in(text: str) -> Optional[float]:
    """The first number written in text, times the scale word right after it."""
    match = _NUMBER.search(text)
    if match:
        value, rest = float(match.group().replace(",", "")), text[match.end():]
    else:
        word = next((w for w in _WORD.finditer(text.lower()) if w.group() in NUMBER_WORDS), None)
        if word is None:
            return None
        value, rest = float(NUMBER_WORDS[word.group()]), text[word.end():]
    scale = _SCALE.match(rest)
    return value * SCALES[scale.group(1).lower()] if scale else value


def currency_in(text: str) -> Optional[str]:
    """The ISO code of the first currency symbol or word found, in CURRENCY_MARKS order."""
    lowered = text.lower()
    return next((code for mark, code in CURRENCY_MARKS if mark.lower() in lowered), None)


def iso_date(text: str) -> str:
    """ISO 8601 at the precision written, or the text itself when no form matches."""
    for pattern, parts in _DATE_FORMS:
        match = pattern.search(text)
        if match:
            return _iso(dict(zip(parts, match.groups())))
    fiscal = _FISCAL.search(text)
    if fiscal:
        start, end = fiscal.groups()
        return f"{start}/{start[:2] + end if len(end) == 2 else end}"
    year = _YEAR.search(text)
    return year.group(1) if year else text


def _iso(parts: dict) -> str:
    month = parts["m"] if parts["m"].isdigit() else _MONTHS[parts["m"].lower().rstrip(".")]
    out = f"{parts['y']}-{int(month):02d}" if "y" in parts else f"--{int(month):02d}"
    return f"{out}-{int(parts['d']):02d}" if "d" in parts else out


def spacy_entity_records(doc, doc_id: str) -> list[dict]:
    """Records for the entities of an en_core_web_sm Doc, by NER_KINDS."""
    records = []
    for ent in doc.ents:
        kind = NER_KINDS.get(ent.label_)
        if kind is None:
            continue
        record = {"doc_id": doc_id, "kind": kind, "start": ent.start_char, "end": ent.end_char, "text": ent.text}
        if kind == "date":
            record["value"] = iso_date(ent.text)
        else:
            record["value"] = number_in(ent.text)
        if kind == "money":
            record["currency"] = currency_in(ent.text)
        records.append(record)
    return records


def quantulum_records(quantities: Iterable, doc_id: str) -> list[dict]:
    """Records for the Quantity objects quantulum3's parse returned for one document."""
    records = []
    for q in quantities:
        record = {"doc_id": doc_id, "start": q.span[0], "end": q.span[1], "text": q.surface, "value": q.value}
        currency = q.unit.currency_code or (currency_in(q.unit.name) if q.unit.entity.name in ("currency", "unknown")
                                            else None)
        if q.unit.name in PERCENT_UNITS:
            record["kind"] = "percentage"
        elif currency:
            record.update(kind="money", currency=currency)
        else:
            record["kind"] = "count"
        records.append(record)
    return records


def textacy_quote_records(doc, doc_id: str, direct_quotations) -> tuple[list[dict], bool]:
    """Quote records from textacy for one Doc, and whether textacy failed on it."""
    try:
        triples = list(direct_quotations(doc))
    except Exception:  # textacy raises on unbalanced marks, among others
        return [], True
    return [_quote_record(t, doc_id) for t in triples], False


def _quote_record(triple, doc_id: str) -> dict:
    content = triple.content
    start, end = content.start_char, content.end_char
    text = content.doc.text
    while start < end and text[start] in QUOTE_MARKS + " ":
        start += 1
    while end > start and text[end - 1] in QUOTE_MARKS + " ,":
        end -= 1
    return {"doc_id": doc_id, "kind": "quote", "start": start, "end": end, "text": text[start:end],
            "speaker": " ".join(token.text for token in triple.speaker) or None}
