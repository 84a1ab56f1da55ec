"""Pairing quotation marks into quotations (spaCy-free)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimx.patterns import default_patterns_dir
from claimx.quote_extraction import QuoteExtractor
from claimx.quote_lexicon import load_lexicon

ALL_MARKS = "“”„«»\"‘’‹›'"


@pytest.fixture(scope="module")
def extractor():
    return QuoteExtractor(load_lexicon(default_patterns_dir() / "quotes"))


def contents(extractor, text):
    return [[text[s:e] for s, e in q.segments] for q in extractor.pairer.find(text)]


@pytest.mark.parametrize("text, expected", [
    ("He said “yes” today.", [["yes"]]),
    ('He said "yes" today.', [["yes"]]),
    ("He said ‘yes’ today.", [["yes"]]),
    ("“Outer ‘inner’ words,” she said.", [["Outer ‘inner’ words,"]]),
    ("“First paragraph.\n\n“Second paragraph.\n\n“Last one.”", [["First paragraph.", "Second paragraph.",
                                                               "Last one."]]),
    ("“Opening only in the first.\n\nClosing in the second.”", [["Opening only in the first.",
                                                                 "Closing in the second."]]),
    ("“Never closed here.\n\nNarration resumes.", [["Never closed here."]]),
    ("It’s the town’s best year since the 1990s’ boom.", []),
    ("‘The members’ views matter,’ said Jo.", [["The members’ views matter,"]]),
    ("Closing” first, then nothing.", []),
    ("“”", []),
])
def test_pairing(extractor, text, expected):
    assert contents(extractor, text) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list(ALL_MARKS) + list("ab .,:\n") + ["\n\n", " said ", "Jo Doe"]),
                max_size=60).map("".join))
def test_random_marks_never_raise_and_spans_hold_no_mark_at_either_end(extractor, text):
    for item in extractor.extract(text):
        assert 0 <= item.start < item.end <= len(text)
        assert text[item.start] not in ALL_MARKS and text[item.end - 1] not in ALL_MARKS
        assert not text[item.start].isspace() and not text[item.end - 1].isspace()
