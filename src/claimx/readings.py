"""From a matched span's text to the fields of its record, one small reader per kind.

Each reader returns the record fields, or None when the text does not read as that kind
(the match is then dropped, and a shorter match may take the place). No spaCy here.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Optional

from .dates import parse_date, year_in_range
from .lexicon import Lexicon
from .money import parse_money
from .numbers import parse_number, parse_percentage, strip_suffix

Fields = Optional[dict]
_FOUR_DIGITS = re.compile(r"\d{4}")


def read_percentage(text: str, lex: Lexicon, **_) -> Fields:
    found = parse_percentage(text, lex)
    if found is None:
        return None
    value, unit = found
    return {"value": value, "unit": unit} if unit else {"value": value}


def read_money(text: str, lex: Lexicon, **_) -> Fields:
    found = parse_money(text, lex)
    return None if found is None else {"value": found[0], "currency": found[1]}


def looks_like_year(text: str, lex: Lexicon) -> bool:
    """A plain four-digit number in the years the lexicon allows ("2010", not "2,010")."""
    return _FOUR_DIGITS.fullmatch(text) is not None and year_in_range(int(text), lex)


def read_count(text: str, lex: Lexicon, **_) -> Fields:
    if text.lower() in lex.numbers["not_counts"]:
        return None
    value = parse_number(text, lex)
    if value is not None:
        return {"value": value}
    return _glued_unit(text, lex)


def _glued_unit(text: str, lex: Lexicon) -> Fields:
    """"10kg" -> 10 with unit "kg"."""
    m = re.fullmatch(r"([\d.,]+)([^\W\d_]+)(\^?[23])?", text)
    if not m or m.group(2).lower() not in lex.units["units"]:
        return None
    value = parse_number(m.group(1), lex)
    return None if value is None else {"value": value, "unit": text[m.end(1):].lower()}


def read_date(text: str, lex: Lexicon, *, published: Optional[str] = None, day_first: bool = True, **_) -> Fields:
    found = parse_date(text, lex, published=published, day_first=day_first)
    return None if found is None else {"value": found[0], "precision": found[1]}


def read_multiplier(text: str, lex: Lexicon, **_) -> Fields:
    r = lex.ranges
    word = r["multipliers"].get(text.lower())
    if word is not None:
        return {"value": word}
    rest, suffix = strip_suffix(text, r["fold_suffixes"])
    value = parse_number(rest.rstrip("-"), lex) if suffix else None
    return None if value is None else {"value": value}


def read_exclusion(text: str, lex: Lexicon, **_) -> Fields:
    return {}


READERS: dict[str, Callable[..., Fields]] = {
    "percentage": read_percentage, "money": read_money, "count": read_count, "date": read_date,
    "multiplier": read_multiplier, "exclude": read_exclusion,
}


def read_fields(label: str, text: str, lex: Lexicon, published: Optional[str] = None,
                day_first: bool = True) -> Fields:
    """The record fields for a span matched under ``label``, or None.

    Cached: a corpus repeats its number strings, and the readers are pure.
    """
    found = _read_cached(label, text, lex, published, day_first)
    return None if found is None else dict(found)


@lru_cache(maxsize=8192)
def _read_cached(label: str, text: str, lex: Lexicon, published: Optional[str], day_first: bool) -> Fields:
    return READERS[label](text, lex, published=published, day_first=day_first)
