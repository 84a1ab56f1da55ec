"""Pairing quotation marks into quotations, and a fuzz test of the whole component."""
from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from claimx.patterns import default_patterns_dir
from claimx.quote_extraction import QuoteExtractor
from claimx.quote_lexicon import load_lexicon
from claimx.quote_marks import _positions
from claimx.records import Quote, Sentence

ALL_MARKS = "“”„«»\"‘’‹›'"


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("claimx_quotes")
    return nlp


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


PIECES = list(ALL_MARKS) + [" ", ",", ".", ":", "\n", "\n\n", " said ", " says ", "Jane Doe", "Mr Doe",
                            "the Minister", " he ", "Minister for Data", " (today) ", ", who ", " as ", " it was ",
                            "–", "•", "Sir", "Dr.", "U.S.", " according to ", " told the BBC", "spokesperson",
                            "We are", "I ", "This", "…", "Le Grand", "O’Dwyer", "s’ ", "it’s"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_random_marks_never_raise_and_spans_hold_no_mark_at_either_end(nlp, text):
    for f in nlp(text)._.claimx_found:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start] not in ALL_MARKS and text[f.end - 1] not in ALL_MARKS
        assert not text[f.start].isspace() and not text[f.end - 1].isspace()
        Quote(id="x", doc_id="-", text=text[f.start:f.end], start=f.start, end=f.end, rule=f.rule,
              sentence=Sentence(text="", start=0, end=0), **f.fields)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab ’'‘“”\"", max_size=40))
def test_mark_positions_are_those_of_every_mark_in_order(text):
    marks = frozenset("’'‘“")
    assert _positions(text, marks) == [i for i, c in enumerate(text) if c in marks]
