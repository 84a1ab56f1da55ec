"""Reading a written number as a value: "600,000", "1.2 million", "two hundred and fifty",
"half a million", "2 1/2", "2¼", "5bn". No spaCy here: text in, number (or None) out.

A small state machine walks the pieces so that sequences which are not one number
("two and three", "5 6", a lone "hundred" or "half") give None rather than a wrong value:
a wrong number is worse than a missed one.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Optional

from .lexicon import Lexicon

SPACE_GROUPED = re.compile(r"[1-9]\d{0,2}(?:[ \u00a0\u202f]+\d{3})+(?:\.\d+)?")
DIGITS = re.compile(r"(?:[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*|0)(?:\.\d+)?|\.\d+")
# after an "and", what may follow depends on what came before it
_AND_AFTER_TOTAL = "and"          # "two hundred and fifty": any number word may follow
_AND_BEFORE_FRACTION = "and-frac"  # "one and a half": only "a half" / "a quarter" may follow
_DIGITS_HYPHEN = "digit-hyphen"  # "2.9-billion": only a scale word may follow


@lru_cache(maxsize=8)
def _splitter(lex: Lexicon) -> re.Pattern:
    glyphs = [re.escape(f) for f in lex.numbers["fractions"] if not f.isalpha()]
    return re.compile(r"\d+/\d+|\d[\d,]*(?:\.\d+)?|\.\d+|" + "|".join(glyphs) + r"|[^\W\d_]+\.?|\S")


def pieces(text: str, lex: Lexicon) -> list[str]:
    """Split a number expression into digits, words, fraction glyphs and joiners."""
    return _splitter(lex).findall(text.lower())


@lru_cache(maxsize=8)
def _word_kinds(lex: Lexicon) -> dict[str, str]:
    """What each number word is, looked up once per lexicon."""
    n = lex.numbers
    kinds = {}
    for kind, words in (("joiner", n["joiners"]), ("article", n["articles"]), ("scale", n["scale_abbreviations"]),
                        ("scale", n["scales"]), ("hundred", n["hundreds"]), ("tens", n["tens"]),
                        ("unit", n["teens"]), ("unit", n["units"]), ("fraction", n["fractions"])):
        kinds.update(dict.fromkeys(words, kind))
    return kinds


class _Reader:
    """Accumulates one number; ``feed`` returns False at the first piece that cannot belong."""

    def __init__(self, lex: Lexicon, money: bool):
        self.lex, self.money = lex, money
        self.total, self.current, self.last = Decimal(0), None, None
        self.whole = False  # saw something other than a fraction
        self.pending_scale = None  # "3 million and a half": the half is of the million
        self.multiplier = None  # the last hundred or scale: what follows must be smaller
        self.last_scale = None
        self.last_scaled = None  # what the last scale word added: "lakh crore" multiplies it

    def feed(self, piece: str) -> bool:
        kind = "digits" if DIGITS.fullmatch(piece) else _word_kinds(self.lex).get(piece)
        if kind == "scale" and piece in self.lex.numbers["money_only_abbreviations"] and not self.money:
            return False
        step = {"digits": self._digits, "fraction": self._fraction, "unit": self._unit, "tens": self._tens,
                "hundred": self._hundred, "scale": self._scale, "article": self._article,
                "joiner": self._joiner}.get(kind)
        return step(piece) if step else False

    def _add(self, value, kind: str) -> bool:
        self.current = (self.current or Decimal(0)) + Decimal(str(value))
        self.last, self.whole = kind, self.whole or kind != "frac"
        return True

    def _digits(self, piece: str) -> bool:
        if self.last not in (None, _AND_AFTER_TOTAL):
            return False
        value = Decimal(piece.replace(",", ""))
        if self.last == _AND_AFTER_TOTAL and (value != int(value) or value >= self.multiplier):
            return False  # "3 hundred and 21", not "3 hundred and 2.12"
        return self._add(value, "digit")

    def _fraction(self, piece: str) -> bool:
        if self.last not in (None, "digit", "and-article"):
            return False
        return self._add(self.lex.numbers["fractions"][piece], "frac")

    def _unit(self, piece: str) -> bool:
        n = self.lex.numbers
        teen = piece in n["teens"]
        if self.last not in (None, "scale", "scale-comma", _AND_AFTER_TOTAL, "hyphen") \
                and not (self.last == "tens" and not teen):
            return False
        return self._add(n["teens"].get(piece) or n["units"][piece], "unit")

    def _tens(self, piece: str) -> bool:
        if self.last not in (None, "scale", "scale-comma", _AND_AFTER_TOTAL):
            return False
        return self._add(self.lex.numbers["tens"][piece], "tens")

    def _hundred(self, piece: str) -> bool:
        if self.last == "article":
            self.current = Decimal(1)
        if self.current is None or self.last not in ("article", "unit", "digit", "teen"):
            return False
        self.multiplier = Decimal(str(self.lex.numbers["hundreds"][piece]))
        self.current *= self.multiplier
        self.last, self.whole = "hundred", True
        return True

    def _scale(self, piece: str) -> bool:
        if self.last == "scale" and piece in self.lex.numbers["scales"]:
            return self._compound_scale(Decimal(str(self.lex.numbers["scales"][piece])))
        if self.last in ("article", "frac-article"):
            self.current = self.current or Decimal(1)
        if self.current is None or self.last in ("scale", "hyphen", _AND_AFTER_TOTAL, _AND_BEFORE_FRACTION):
            return False
        if self.last == _DIGITS_HYPHEN and piece not in self.lex.numbers["scales"]:
            return False
        scale = Decimal(str(self.lex.scale_words()[piece]))
        if self.last_scale is not None and scale >= self.last_scale:
            return False  # "three million two million" is two numbers
        self.multiplier = self.last_scale = scale
        self.last_scaled = self.current * scale
        self.total += self.last_scaled
        self.current, self.last, self.whole, self.pending_scale = None, "scale", True, scale
        return True

    def _compound_scale(self, scale: Decimal) -> bool:
        """"3 lakh crore", "two thousand million": a scale word multiplying the one before it."""
        self.total += self.last_scaled * (scale - 1)
        self.last_scaled *= scale
        self.multiplier = self.last_scale = self.pending_scale = self.last_scale * scale
        return True

    def _article(self, piece: str) -> bool:
        follows = {None: "article", "frac": "frac-article", _AND_BEFORE_FRACTION: "and-article",
                   _AND_AFTER_TOTAL: "and-article"}
        if self.last not in follows:
            return False
        if self.last != _AND_AFTER_TOTAL:
            self.pending_scale = None
        self.last = follows[self.last]
        return True

    def _joiner(self, piece: str) -> bool:
        if piece == ",":
            return self._comma()
        if piece == "-":
            return self._hyphen()
        if self.last in ("hundred", "scale"):
            if self.last == "hundred":
                self.pending_scale = None
            self.last = _AND_AFTER_TOTAL
        elif self.last in ("unit", "digit", "tens"):
            self.last = _AND_BEFORE_FRACTION
        else:
            return False
        return True

    def _hyphen(self) -> bool:
        """"forty-two", and a scale word hyphenated to its digits or word: "$2.9-billion",
        "a two-billion-euro loan"."""
        follows = {"tens": "hyphen", "digit": _DIGITS_HYPHEN, "unit": _DIGITS_HYPHEN}
        if self.last not in follows:
            return False
        self.last = follows[self.last]
        return True

    def _comma(self) -> bool:
        """"three million, two hundred and forty": a comma only after a scale word."""
        if self.last != "scale":
            return False
        self.last = "scale-comma"
        return True

    def value(self) -> Optional[float]:
        if self.last in (None, "article", "hyphen", _DIGITS_HYPHEN, "scale-comma", _AND_AFTER_TOTAL, _AND_BEFORE_FRACTION,
                         "and-article"):
            return None
        if not self.whole:
            return None
        rest = self.current or Decimal(0)
        if self.last == "frac" and self.pending_scale is not None and self.total:
            rest *= self.pending_scale
        return float(self.total + rest)


def _one_as_article(parts: list[str], lex: Lexicon) -> list[str]:
    """"one half" reads like "a half": the unit word for 1 before a fraction word is an article."""
    n = lex.numbers
    ones = {w for w, v in n["units"].items() if v == 1}
    return [n["articles"][0] if p in ones and nxt in n["fractions"] and nxt.isalpha() else p
            for p, nxt in zip(parts, parts[1:] + [""])]


@lru_cache(maxsize=4096)
def parse_number(text: str, lex: Lexicon, *, money: bool = False) -> Optional[float]:
    """The value of a number expression, or None when it is not one number.

    ``money`` allows the scale letters that only amounts use ("$2b", "$1.5t"). Cached:
    the same few number strings recur throughout a corpus.
    """
    text = text.strip().rstrip(".")
    if SPACE_GROUPED.fullmatch(text):
        text = re.sub(r"[ \u00a0\u202f]+", "", text)
    reader = _Reader(lex, money)
    parts = _one_as_article(pieces(text, lex), lex)
    if not parts:
        return None
    try:
        if not all(reader.feed(p) for p in parts):
            return None
    except InvalidOperation:
        return None
    return reader.value()


def strip_suffix(text: str, suffixes: list[str]) -> tuple[str, Optional[str]]:
    """Remove the longest of ``suffixes`` ending ``text`` (case-insensitive); return (rest, suffix)."""
    low = text.lower().rstrip(" .")
    for suffix in sorted(suffixes, key=len, reverse=True):
        if low.endswith(suffix):
            return text[:len(low) - len(suffix)].rstrip(), suffix
    return text, None


@lru_cache(maxsize=4096)
def parse_percentage(text: str, lex: Lexicon) -> Optional[tuple[float, Optional[str]]]:
    """(value, unit) for "98%", "18 per cent", "90% per cent", "4 percentage points"."""
    n = lex.numbers
    rest, point = strip_suffix(text, n["point_signs"])
    if point is not None:
        rest, _ = strip_suffix(rest, n["percent_signs"])
        unit = "percentage points"
    else:
        unit = None
        rest, sign = strip_suffix(text, n["percent_signs"])
        if sign is None:
            return None
        while sign is not None:
            rest, sign = strip_suffix(rest, n["percent_signs"])
    value = parse_number(rest, lex)
    return None if value is None else (value, unit)
