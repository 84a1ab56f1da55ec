"""The word lists behind quantity extraction, read from ``patterns/lexicon/*.json``.

Everything a user may want to extend (a currency, a scale word, a qualifier, a month
spelling) lives in those files; this module only reads and checks them, and offers them
to the pure normalisers (numbers, money, dates) as one frozen ``Lexicon``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from .patterns import PatternError, load_json, patterns_dir

NUMBER_KEYS = ("units", "teens", "tens", "hundreds", "scales", "scale_abbreviations", "fractions",
               "articles", "joiners", "not_counts", "money_only_abbreviations",
               "percent_signs", "point_signs", "spaces", "fraction_denominators")
CURRENCY_KEYS = ("symbols", "codes", "words", "minor_units", "dollar", "cued_symbols", "money_nouns", "weight_words",
                 "weight_adjectives")
DATE_KEYS = ("months", "weekdays", "ordinal_suffixes", "year_cues", "year_followers", "counted_after_year",
             "published_cues",
             "first_year", "last_year", "lowercase_ambiguous_months", "date_fillers",
             "today_words", "published_links")
UNIT_KEYS = ("units", "numbered_names", "clock_words", "street_words", "name_number_exceptions")
RANGE_KEYS = ("openers", "range_openers", "joiners", "bare_joiners", "multipliers", "fold_suffixes")


@dataclass(frozen=True, eq=False, repr=False)
class Lexicon:
    numbers: dict[str, Any]
    currencies: dict[str, Any]
    qualifiers: dict[str, str]
    dates: dict[str, Any]
    units: dict[str, Any]
    ranges: dict[str, Any]

    def __repr__(self) -> str:
        return f"Lexicon({len(self.number_words())} number words, {len(self.currencies['symbols'])} currency symbols)"

    def number_words(self) -> dict[str, float]:
        """Every number word with its value (fractions included)."""
        n = self.numbers
        return {**n["units"], **n["teens"], **n["tens"], **n["hundreds"], **n["scales"],
                **{k: v for k, v in n["fractions"].items() if k.isalpha()}}

    def scale_words(self) -> dict[str, float]:
        return {**self.numbers["scales"], **self.numbers["scale_abbreviations"]}

    def currency_words(self) -> dict[str, str]:
        return self.currencies["words"]

    def token_lists(self) -> dict[str, list[str]]:
        """The named lists a token pattern may use as ``"@name"`` inside IN / NOT_IN."""
        n, c, d, u, r = self.numbers, self.currencies, self.dates, self.units, self.ranges
        words = self.number_words()
        month_tokens = sorted({*d["months"], *(m + "." for m in d["months"] if len(m) <= 4)})
        return {
            "number_words": sorted(words),
            "leading_number_words": sorted(w for w in words if w not in n["hundreds"] and w not in n["scales"]),
            "number_words_inner": sorted({*words, *n["joiners"], *n["articles"], *n["spaces"]}),
            "spaces": n["spaces"],
            "fraction_denominators": sorted(n["fraction_denominators"]),
            "big_number_words": sorted({*n["hundreds"], *n["scales"]}),
            "articles": sorted(n["articles"]),
            # "m." and "bn." too: spaCy keeps a sentence's full stop on a lone abbreviation ("£3.5m.")
            "scale_words": sorted({*n["scales"], *n["scale_abbreviations"], *n["hundreds"],
                                   *(a + "." for a in n["scale_abbreviations"])}),
            "currency_symbols": sorted(c["symbols"]),
            "currency_codes": sorted(c["codes"]),
            "currency_words": sorted({w.split()[-1] for w in c["words"]}),
            "currency_word_prefixes": sorted({w.split()[0] for w in c["words"] if " " in w}),
            "minor_unit_words": sorted(w for w in c["minor_units"] if len(w) > 1),
            "months": month_tokens,
            "unambiguous_lowercase_months": [m for m in month_tokens
                                             if m.rstrip(".") not in d["lowercase_ambiguous_months"]],
            "weekdays": sorted(d["weekdays"]),
            "year_cues": sorted(d["year_cues"]),
            "year_followers": sorted(d["year_followers"]),
            "counted_after_year": sorted(d["counted_after_year"]),
            "money_nouns": sorted(c["money_nouns"]),
            "weight_words": sorted(c["weight_words"]),
            "weight_adjectives": sorted(c["weight_adjectives"]),
            "numbered_names": sorted({w.split()[-1] for w in u["numbered_names"]}),
            "clock_words": sorted(u["clock_words"]),
            "street_words": sorted(u["street_words"]),
            "multiplier_words": sorted(r["multipliers"]),
            "name_number_exceptions": sorted({*month_tokens, *d["weekdays"], *u["name_number_exceptions"]}),
        }

    def regex_parts(self) -> dict[str, list[str]]:
        """The word lists a token class regex may use as ``{name}``: every token list, and more."""
        n, c = self.numbers, self.currencies
        return {
            **self.token_lists(),
            "scales": [*n["scales"], *n["scale_abbreviations"]],
            "fraction_glyphs": [f for f in n["fractions"] if not f.isascii()],
            "fraction_numerals": [f for f in n["fractions"] if f.isascii() and not f.isalpha()],
            "minor_unit_letters": [w for w in c["minor_units"] if len(w) == 1],
            "percent_words": [w for w in n["percent_signs"] if " " not in w],
            "units": [u for u in self.units["units"] if u.isalpha()],
        }


def _checked(path: Path, keys: tuple[str, ...]) -> dict:
    return load_json(path, required=keys, allowed=keys)


def _check_numbers(data: dict, path: Path) -> None:
    for key in ("units", "teens", "tens", "hundreds", "scales", "scale_abbreviations", "fractions"):
        table = data[key]
        if not isinstance(table, dict) or not all(isinstance(v, (int, float)) for v in table.values()):
            raise PatternError(path, None, f"'{key}' must map words to numbers")


def _check_qualifiers(data: dict, path: Path) -> None:
    table = data["qualifiers"]
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise PatternError(path, None, "'qualifiers' must map phrases to a qualifier type (a string)")


def load_lexicon(folder: Optional[str | Path] = None) -> Lexicon:
    """Read and check ``lexicon/*.json`` under a patterns folder (the shipped one by default)."""
    base = patterns_dir(folder) / "lexicon"
    numbers = _checked(base / "numbers.json", NUMBER_KEYS)
    _check_numbers(numbers, base / "numbers.json")
    qualifiers = load_json(base / "qualifiers.json", required=("qualifiers",), allowed=("qualifiers",))
    _check_qualifiers(qualifiers, base / "qualifiers.json")
    return Lexicon(
        numbers=numbers,
        currencies=_checked(base / "currencies.json", CURRENCY_KEYS),
        qualifiers=qualifiers["qualifiers"],
        dates=_checked(base / "dates.json", DATE_KEYS),
        units=_checked(base / "units.json", UNIT_KEYS),
        ranges=_checked(base / "ranges.json", RANGE_KEYS),
    )


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The shipped lexicon, read once."""
    return load_lexicon()
