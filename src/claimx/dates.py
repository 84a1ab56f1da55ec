"""Reading a written date as an ISO value at the precision written.

"26 June 2012" -> ("2012-06-26", "day"), "April 2011" -> ("2011-04", "month"), "2010" ->
("2010", "year"), "22nd December" -> ("--12-22", "day") or, given the document's own date,
that year; "26/06/2012" is read day first unless told otherwise; "2023/24" and "FY2024/25"
are fiscal years ("2023/2024"). No spaCy here: text in, value (or None) out.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Optional

from .lexicon import Lexicon

NUMERIC = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})")
ISO_LIKE = re.compile(r"(\d{4})([./-])(\d{1,2})\2(\d{1,2})")
YEAR_MONTH = re.compile(r"(\d{4})[/-](\d{1,2})|(\d{1,2})[/-](\d{4})")
SEPARATORS = re.compile(r"[-/.]")
FISCAL = re.compile(r"(?:fy\s*)?(\d{4})\s*[-/–]\s*(\d{2}|\d{4})|fy\s*(\d{4}|\d{2})", re.I)
WORD_PIECE = re.compile(r"\d+[a-z]*|[a-z]+\.?|'\d\d", re.I)
TWO_DIGIT_PIVOT = 30  # "21/04/16" is 2016, "03/05/98" is 1998


def _iso(year: Optional[int], month: int, day: Optional[int]) -> Optional[str]:
    try:
        dt.date(year or 2000, month, day or 1)  # 2000 is a leap year: "29 February" stays valid
    except ValueError:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < TWO_DIGIT_PIVOT else 1900
    return year


def year_in_range(year: int, lex: Lexicon) -> bool:
    return lex.dates["first_year"] <= year <= lex.dates["last_year"]


def parse_numeric(text: str, *, day_first: bool = True) -> Optional[tuple[str, str]]:
    """"26/06/2012", "01.02.2013", "2015/08/12"."""
    m = ISO_LIKE.fullmatch(text)
    if m:
        value = _iso(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        return (value, "day") if value else None
    m = NUMERIC.fullmatch(text)
    if not m:
        return None
    a, b = int(m.group(1)), int(m.group(3))
    first, second = ((a, b), (b, a)) if day_first else ((b, a), (a, b))
    year = _full_year(m.group(4))
    # the other order only when the preferred one is impossible ("02/22/2016")
    value = _iso(year, first[1], first[0]) or _iso(year, second[1], second[0])
    return (value, "day") if value else None


def parse_compact(text: str, lex: Lexicon) -> Optional[tuple[str, str]]:
    """A month name joined to its day and year by one kind of separator, no spaces:
    "2019-sep-1", "23/Sep/2020", "Sep-23-2020", "05-Aug-2016", "Dec/2018"."""
    core = text.strip("-/.")
    if re.search(r"\s", core) or len(set(SEPARATORS.findall(core))) != 1:
        return None
    parts = SEPARATORS.split(core)
    months = [p for p in parts if p.lower() in lex.dates["months"]]
    years = [p for p in parts if re.fullmatch(r"\d{4}", p)]
    days = [p for p in parts if re.fullmatch(r"\d{1,2}", p)]
    if len(months) != 1 or len(years) != 1 or len(days) != len(parts) - 2:
        return None
    year, month = int(years[0]), lex.dates["months"][months[0].lower()]
    if not year_in_range(year, lex):
        return None
    value = _iso(year, month, int(days[0]) if days else None)
    return (value, "day" if days else "month") if value else None


def parse_fiscal_year(text: str, lex: Lexicon) -> Optional[tuple[str, str]]:
    """"2023/24", "2023-24", "FY2024/25" -> "2023/2024"; a span of more than one year is not one."""
    m = FISCAL.fullmatch(text.strip())
    if not m:
        return None
    if m.group(3):
        end = _full_year(m.group(3))
        start = end - 1
    else:
        start = int(m.group(1))
        end = int(m.group(2)) if len(m.group(2)) == 4 else start // 100 * 100 + int(m.group(2))
        if end < start:
            end += 100  # "1999-00"
    if end != start + 1 or not year_in_range(start, lex):
        return None
    return f"{start}/{end}", "fiscal_year"


def parse_year_month(text: str, lex: Lexicon) -> Optional[tuple[str, str]]:
    """"2015-12", "2015-3", "12-2015", "03/2015": a month of a year. A year-first pair that could
    be a range ("2005-09": 2005 to 2009) is not read: only a month below the year's last two
    digits ("2015-12") must be a month."""
    m = YEAR_MONTH.fullmatch(text)
    if not m:
        return None
    year, month = (int(m.group(1)), int(m.group(2))) if m.group(1) else (int(m.group(4)), int(m.group(3)))
    if m.group(1) and month >= year % 100:
        return None
    if not 1 <= month <= 12 or not year_in_range(year, lex):
        return None
    return _iso(year, month, None), "month"


def _read_word_date(text: str, lex: Lexicon) -> Optional[tuple[Optional[int], Optional[int], Optional[int]]]:
    """(year, month, day) from "Tuesday, 02 April, 2019", "June 25, 2024", "22nd of December"."""
    d = lex.dates
    year = month = day = None
    for piece in WORD_PIECE.findall(text):
        low = piece.lower().rstrip(".")
        if low in d["months"] and month is None:
            month = d["months"][low]
        elif low in d["weekdays"] or low in d["date_fillers"]:
            continue
        elif piece.startswith("'") and year is None:
            year = _full_year(piece[1:])
        elif re.fullmatch(r"\d{4}", low) and year is None:
            year = int(low)
        elif _is_day(low, d["ordinal_suffixes"]) and day is None:
            day = int(re.match(r"\d+", low).group())
        else:
            return None
    return year, month, day


def _is_day(piece: str, suffixes: list[str]) -> bool:
    """"22", "22nd", "3rd": a day of the month, with or without its ordinal suffix."""
    m = re.fullmatch(r"(\d{1,2})([a-z]*)", piece)
    return m is not None and (not m.group(2) or m.group(2) in suffixes)


def published_year(published: Optional[str]) -> Optional[int]:
    m = re.match(r"(\d{4})", published or "")
    return int(m.group(1)) if m else None


@lru_cache(maxsize=4096)
def parse_date(text: str, lex: Lexicon, *, published: Optional[str] = None,
               day_first: bool = True) -> Optional[tuple[str, str]]:
    """(ISO value, precision) of a written date, or None. A month alone is not a date."""
    text = text.strip()
    found = (parse_numeric(text.strip("-"), day_first=day_first) or parse_compact(text, lex)
             or parse_fiscal_year(text, lex) or parse_year_month(text, lex))
    if found:
        return found
    parts = _read_word_date(text, lex)
    if parts is None:
        return None
    year, month, day = parts
    if year is not None and not year_in_range(year, lex):
        return None
    if month is None:
        return (f"{year:04d}", "year") if year is not None and day is None else None
    if day is None:
        return (_iso(year, month, None), "month") if year is not None else None
    value = _iso(year or published_year(published), month, day)
    return (value, "day") if value else None
