"""The document's own date: issue line, dateline, closing date line; never a breadcrumb."""
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claimx.docdate import (_day_value, _from_cue_line, _full_date, _introduces, _published_cue, _search_full_date,
                            _today_with_date, find_published)
from claimx.lexicon import default_lexicon

CASES = [
    ("Title\n\nThe press release issued by the Ministry of Examples on 3 March 2021.\n\nBody text.", "2021-03-03"),
    ("Title\n\nPublished Friday, 07 May, 2021 at 09:30 AM\n\nBody.", "2021-05-07"),
    ("Title\n\nMarch 4, 2020\n\nContact\n\nBody.", "2020-03-04"),
    ("Title\n\n12th June 2019 | Example Gazette\n\nBody.", "2019-06-12"),
    ("Title\n\nLONDON (5 May 2018) – The council said today it would act.", "2018-05-05"),
    ("Title\n\nST. PAUL, Minn. (March 4, 2019) – The governor announced grants.", "2019-03-04"),
    ("Title\n\nCOLUMBUS, Ohio - Jan. 15, 2018 - The department announced funding.", "2018-01-15"),
    ("Title\n\nBody text.\n\nLast updated: 9th October 2017", "2017-10-09"),
    ("Title\n\nThe minister today (2 February 2016) welcomed the figures.", "2016-02-02"),
    ("Title [September 2022]\n\nNothing here gives the day.", None),
    ("Title\n\nThe agency published its review covering the year ending 31 March 2015.", None),
    ("Conference on 12 May 2024\n\nDelegates will meet in Leeds.", None),
    ("Title\n\nPress Releases\nPLENARY SESSION\n14-03-2024 - 12:30\n\nBody.", "2024-03-14"),
    ("Title\n\nPosted 2022-06-30\n\nBody.", "2022-06-30"),
    ("Title\n\nRelease No. 0101.24\n\nDENVER, Feb. 6, 2024 – The agency today announced new grants for rural "
     "schools across the state.", "2024-02-06"),
    ("Title\n\nNAIROBI, 3 June 2021 – Floods displaced thousands of families this week.", "2021-06-03"),
    ("Title\n\nIn LONDON, 3 June 2021 was a wet day for many of the marathon runners and spectators.", None),
    ("Title\n\nBody text.\n\nEnds/Friday, March 8, 2024\nIssued at HKT 11:45\n\nNNNN", "2024-03-08"),
    ("Title\n\nBody text.\n\nThe board last met on 4 June 2021 to review the plan.\n\nContact: press office", None),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_find_published(text, expected):
    assert find_published(text) == expected


# The published cue and today's date as first written, without the look-ahead for first letters.
def _plain_cue(lex):
    cues = lex.dates["published_cues"]
    return re.compile(r"\b(?:" + "|".join(map(re.escape, cues)) + r")\b", re.IGNORECASE)


def _plain_today(lex):
    today, weekdays = "|".join(map(re.escape, lex.dates["today_words"])), "|".join(lex.dates["weekdays"])
    return re.compile(rf"\b(?:{today})\s*\((?:(?:{weekdays})\w*,?\s*)?([^)]{{6,30}})\)", re.IGNORECASE)


CUE_PIECES = st.one_of(st.sampled_from(default_lexicon().dates["published_cues"]).map(str.upper),
                       st.sampled_from(default_lexicon().dates["published_cues"]),
                       st.sampled_from(["İ", "ı", "ſ", "K", "_", "x", " ", "\n", "-", "Ünited", "date9"]))


@given(text=st.one_of(st.text(max_size=100), st.lists(CUE_PIECES, max_size=20).map("".join)))
def test_published_cue_matches_where_the_plain_pattern_does(text):
    lex = default_lexicon()
    assert ([m.span() for m in _published_cue(lex).finditer(text)]
            == [m.span() for m in _plain_cue(lex).finditer(text)])


DATE_PIECES = st.sampled_from([
    "1", "12", "2024", "20", "24", "٢٠٢٤", "9th", "of", "March", "mar.", "Sept", "may", "June", "Today", "TODAY", "today",
    "Tuesday", "(", ")", ",", " ", "-", "/", ".", "x", "\n",
    "12 March 2024", "March 12, 2024", "1.2.2024", "2024-03-12", "today (2 April 2024)"])
DATE_TEXTS = st.one_of(st.text(max_size=100), st.lists(DATE_PIECES, max_size=25).map("".join))


@settings(max_examples=300)
@given(text=DATE_TEXTS, pos=st.integers(0, 12))
@example(text="Published 12 March 2024", pos=0)
@example(text="2024-03-12", pos=0)
@example(text="On 1.2.2024", pos=3)
def test_full_date_search_skips_only_text_without_a_full_date(text, pos):
    lex = default_lexicon()
    found, plain = _search_full_date(text, lex, pos), _full_date(lex).search(text, pos)
    assert (found and found.span()) == (plain and plain.span())


@given(text=DATE_TEXTS)
def test_today_with_date_matches_where_the_plain_pattern_does(text):
    lex = default_lexicon()
    assert ([m.span(1) for m in _today_with_date(lex).finditer(text)]
            == [m.span(1) for m in _plain_today(lex).finditer(text)])


def _plain_from_cue_line(lines, lex):
    for line in lines:
        cue = _plain_cue(lex).search(line)
        date = cue and _full_date(lex).search(line, cue.end())
        if date and _introduces(line[cue.end():date.start()], lex.dates["published_links"]):
            return _day_value(date.group(), lex)
    return None


@settings(max_examples=300)
@given(lines=st.lists(st.lists(st.one_of(CUE_PIECES, DATE_PIECES), max_size=12).map("".join), max_size=5))
@example(lines=["Published 2024", "Updated on 12 March 2024"])
def test_cue_line_is_found_as_by_the_plain_search(lines):
    lex = default_lexicon()
    assert _from_cue_line(lines, lex) == _plain_from_cue_line(lines, lex)
