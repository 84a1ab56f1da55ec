"""Finding a document's own date (its dateline or issue line) in its text.

In order of trust: a line that says so ("Published …", "issued … on …", "Last updated: …"),
a dateline near the top (a line that is little but a date, or "CITY (date) –"), a date
line closing the page, and last "today (date)" early in the text. Only full dates count:
a breadcrumb such as "[September 2022]" never gives the day.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from .dates import parse_date
from .lexicon import Lexicon, default_lexicon

HEAD_LINES = 6      # a dateline sits among the first few non-empty lines
TAIL_LINES = 4      # a closing date line among the last few ("Ends/Wednesday, …", "Issued at …", "NNNN")
DATELINE_WORDS = 3  # words besides the date on a dateline ("| Green Gazette", "12:49 PM")
CUE_GAP = 15        # characters between "Published" and its date, weekday included
TODAY_CHARS = 1500  # "today (6 March 2013)" counts only early in the text
# "PHILADELPHIA (", "ST. PAUL, Minn. (", "COLUMBUS, Ohio - ": a place in capitals opening a dateline
PLACE_BEFORE_DATE = re.compile(r"[A-Z][A-Z .'’]{2,}[^()\n]{0,40}?[(\-–—]\s*")
# "WASHINGTON, Sept. 12, 2023 – ", "GENEVA, 9 May 2023 – ": the place, a comma, the date, then a dash
PLACE_AND_COMMA = re.compile(r"[A-Z][A-Z .'’]{2,}[^()\n]{0,40}?,\s*")
DASH_AFTER_DATE = re.compile(r",?\s*[–—-]\s")
FOUR_DIGITS = re.compile(r"\d\d\d\d")  # spelt out so that re can skip ahead to digits


@lru_cache(maxsize=4)
def _full_date(lex: Lexicon) -> re.Pattern:
    months = "|".join(sorted(lex.dates["months"], key=len, reverse=True))
    suffixes = "|".join(lex.dates["ordinal_suffixes"])
    day, month, year = rf"\d{{1,2}}(?:{suffixes})?", rf"(?:{months})\.?", r"\d{4}"
    # every date starts with a digit or a month's first letter: a cheap test before the alternatives
    first = "".join(sorted({re.escape(m[0]) for m in lex.dates["months"]}))
    return re.compile(rf"\b(?=[\d{first}])(?:{day}\s+(?:of\s+)?{month},?\s+{year}|{month}\s+{day},?\s+{year}"
                      rf"|\d{{1,2}}([./-])\d{{1,2}}\1\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b", re.IGNORECASE)


def _search_full_date(line: str, lex: Lexicon, pos: int = 0) -> Optional[re.Match]:
    """``_full_date(lex).search(line, pos)``, at a fraction of the cost on lines without a year.

    Every full date holds four digits in a row (its year), and looking for those is a quick scan.
    """
    if FOUR_DIGITS.search(line, pos) is None:
        return None
    return _full_date(lex).search(line, pos)


def _day_value(text: str, lex: Lexicon) -> Optional[str]:
    found = parse_date(text, lex)
    return found[0] if found and found[1] == "day" and not found[0].startswith("--") else None


@lru_cache(maxsize=4)
def _published_cue(lex: Lexicon) -> re.Pattern:
    cues = lex.dates["published_cues"]
    return re.compile(_first_letter_test(cues) + r"\b(?:" + "|".join(map(re.escape, cues)) + r")\b", re.IGNORECASE)


def _first_letter_test(words: list[str]) -> str:
    """A look-ahead for the first characters of ``words``: a cheap test that spares trying every
    alternative at each character. It only filters: every match starts with one of them
    (none for an empty word, which matches anywhere)."""
    if not all(words):
        return ""
    return "(?=[" + "".join(sorted({re.escape(word[0]) for word in words})) + "])"


def _from_cue_line(lines: list[str], lex: Lexicon) -> Optional[str]:
    cues = _published_cue(lex)
    for line in lines:
        # a line without a year holds no full date: skip it before the slower search for a cue
        cue = FOUR_DIGITS.search(line) and cues.search(line)
        date = cue and _search_full_date(line, lex, cue.end())
        if date and _introduces(line[cue.end():date.start()], lex.dates["published_links"]):
            return _day_value(date.group(), lex)
    return None


def _introduces(between: str, links: list[str]) -> bool:
    """"Published Tuesday, 02 April" or "issued by X on 23 September", not "published …, ending 31 December"."""
    between = between.strip().lower()
    return len(between) <= CUE_GAP or any(between.endswith(link) for link in links)


def _is_dateline(line: str, lex: Lexicon, extra_words: int = DATELINE_WORDS) -> Optional[str]:
    date = _search_full_date(line, lex)
    if not date:
        return None
    rest = (line[:date.start()] + " " + line[date.end():]).strip(" ()–-|,")
    placed = PLACE_BEFORE_DATE.fullmatch(line[:date.start()]) is not None or (
        PLACE_AND_COMMA.fullmatch(line[:date.start()]) is not None and DASH_AFTER_DATE.match(line, date.end()))
    if placed or len(re.findall(r"\w+", rest)) <= extra_words:
        return _day_value(date.group(), lex)
    return None


def _from_dateline(lines: list[str], lex: Lexicon, *, title: bool = False) -> Optional[str]:
    """The first dateline among ``lines``; a title line counts only when it is a date alone
    ("Conference on 12 May 2024" names an event, not the page's date)."""
    for number, line in enumerate(lines):
        value = _is_dateline(line, lex, 0 if title and number == 0 else DATELINE_WORDS)
        if value:
            return value
    return None


@lru_cache(maxsize=4)
def _today_with_date(lex: Lexicon) -> re.Pattern:
    d = lex.dates
    today, weekdays = "|".join(map(re.escape, d["today_words"])), "|".join(d["weekdays"])
    return re.compile(_first_letter_test(d["today_words"])
                      + rf"\b(?:{today})\s*\((?:(?:{weekdays})\w*,?\s*)?([^)]{{6,30}})\)", re.IGNORECASE)


def _from_today(text: str, lex: Lexicon) -> Optional[str]:
    """"… announced today (6 March 2013)": the date the text gives for its own today."""
    m = _today_with_date(lex).search(text[:TODAY_CHARS])
    return _day_value(m.group(1), lex) if m else None


def find_published(text: str, lex: Optional[Lexicon] = None) -> Optional[str]:
    """The ISO date the document states as its own, or None."""
    lex = lex or default_lexicon()
    lines = list(filter(None, map(str.strip, text.splitlines())))  # the non-empty lines, stripped
    return (_from_cue_line(lines, lex) or _from_dateline(lines[:HEAD_LINES], lex, title=True)
            or _from_dateline(lines[max(1, len(lines) - TAIL_LINES):], lex) or _from_today(text, lex))
