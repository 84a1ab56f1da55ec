"""Reading a written amount of money as (value in whole units, ISO currency).

"£1.5m" -> (1500000, "GBP"), "500 million euros" -> (500000000, "EUR"), "19p" -> (0.19, "GBP"),
"50 MUSD" -> (50000000, "USD"). A bare dollar comes back as currency "$": which dollar it is
depends on the document (see ``dollar_currency``), not on the amount.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Optional

from .lexicon import Lexicon
from .numbers import parse_number

BARE_DOLLAR = "$"


def _longest_prefix(text: str, options: Iterable[str]) -> Optional[str]:
    for option in sorted(options, key=len, reverse=True):
        if text.startswith(option):
            return option
    return None


def _word_suffix(low: str, options: Iterable[str]) -> Optional[str]:
    """The longest option that ends ``low`` as whole words (or glued to a digit: "19p")."""
    for option in sorted(options, key=len, reverse=True):
        if low.endswith(option):
            before = low[:len(low) - len(option)]
            if not before or not before[-1].isalpha():
                return option
    return None


def _prefixed(text: str, lex: Lexicon) -> Optional[tuple[str, str]]:
    """(currency, number text) for "£5bn", "US$ 5", "GBP 350"."""
    c = lex.currencies
    symbol = _longest_prefix(text, c["symbols"])
    if symbol:
        return c["symbols"][symbol], text[len(symbol):]
    code = _longest_prefix(text, c["codes"])
    if code and text[len(code):len(code) + 1] in (" ", "\u00a0") or (code and text[len(code):][:1].isdigit()):
        return code, text[len(code):]
    return None


def _scaled_code(low: str, lex: Lexicon) -> Optional[tuple[str, str]]:
    """("USD", "m") for an amount ending in a scale letter glued to a code: "50 MUSD"."""
    codes = "|".join(c.lower() for c in lex.currencies["codes"])
    scales = "|".join(re.escape(s) for s in lex.numbers["scale_abbreviations"])
    m = re.search(rf"(?<![a-z])({scales})({codes})$", low)
    return (m.group(2).upper(), m.group(1)) if m else None


def _suffixed(text: str, lex: Lexicon) -> Optional[tuple[str, str, float]]:
    """(currency, number text, divisor) for "500 million euros", "350 GBP", "19p", "50 MUSD"."""
    c = lex.currencies
    low = text.lower().rstrip()
    scaled = _scaled_code(low, lex)
    if scaled:
        code, scale = scaled
        return code, low[:len(low) - len(code) - len(scale)] + " " + scale, 1
    for table, divisor in ((c["words"], 1), ({k.lower(): k for k in c["codes"]}, 1), (c["minor_units"], 100)):
        word = _word_suffix(low, table)
        if word:
            return table[word], _without_compound_hyphen(low[:len(low) - len(word)]), divisor
    return None


def _without_compound_hyphen(number: str) -> str:
    """The number of a compound adjective, "300-million-" in "a 300-million-dollar fund": the
    hyphen joins the currency word, it is no part of the number."""
    return number[:-1] if number.endswith("-") else number


def _split_minor(text: str, lex: Lexicon) -> Optional[tuple[str, str]]:
    """("3 dollars", "50 cents") from "3 dollars (and) 50 cents"; None when there is no such split."""
    words = "|".join(re.escape(w) for w in sorted(lex.currencies["words"], key=len, reverse=True))
    joiners = "|".join(re.escape(j) for j in lex.numbers["joiners"] if j.isalpha())
    m = re.fullmatch(rf"(.+?\b(?:{words}))\s+(?:(?:{joiners})\s+)?(.+)", text.strip(), re.IGNORECASE)
    return (m.group(1), m.group(2)) if m else None


def _major_and_minor(text: str, lex: Lexicon) -> Optional[tuple[float, str]]:
    parts = _split_minor(text, lex)
    if not parts:
        return None
    major, minor = (_single_amount(p, lex) for p in parts)
    if major is None or minor is None or major[0] != int(major[0]) or not 0 < minor[0] < 1:
        return None
    if major[1] != minor[1]:
        return None
    return major[0] + minor[0], major[1]


@lru_cache(maxsize=4096)
def parse_money(text: str, lex: Lexicon) -> Optional[tuple[float, str]]:
    """(value, currency) of an amount, currency "$" for a bare dollar; None if not an amount."""
    return _single_amount(text, lex) or _major_and_minor(text, lex)


def _single_amount(text: str, lex: Lexicon) -> Optional[tuple[float, str]]:
    text = text.strip()
    prefixed = _prefixed(text, lex)
    if prefixed:
        currency, number, divisor = *prefixed, 1
        tail = _suffixed(number, lex)
        if tail and tail[2] == 1 and tail[0] != BARE_DOLLAR:
            return None  # two currencies in one amount ("£5 euros") is not an amount we can read
    else:
        suffixed = _suffixed(text, lex)
        if not suffixed:
            return None
        currency, number, divisor = suffixed
    value = parse_number(number, lex, money=True)
    if value is None:
        return None
    return value / divisor, currency


def dollar_currency(cue_counts: dict[str, int], default: str, min_cues: int = 1) -> str:
    """The dollar a document means: the country it names most, else the default (USD).

    ``cue_counts`` maps an ISO code to how often the document names one of that
    country's cue words (places, adjectives, institutions); a passing mention (fewer
    than ``min_cues``) does not change the default.
    """
    best = max(cue_counts.items(), key=lambda kv: (kv[1], kv[0] == default), default=(default, 0))
    if best[1] < min_cues or best[1] <= cue_counts.get(default, 0):
        return default
    return best[0]
