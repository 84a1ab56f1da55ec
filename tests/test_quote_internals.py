"""Helpers of quote extraction that replace a regex or a copy for speed behave exactly like it."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from claimx.paragraphs import paragraph_bounds
from claimx.quote_extraction import _ends_sentence, _has_words
from claimx.quote_marks import Quotation
from claimx.transcripts import _paragraphs_with


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab_1 .!?…\n,”’)é\u2028", min_size=1, max_size=12), st.data())
def test_ends_sentence_is_the_sentence_punctuation_regex(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    expected = bool(re.search(r"[.!?…]\W*$", text[start:end]))
    assert _ends_sentence(text, Quotation(segments=[(start, end)])) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="a: \n\t", max_size=30))
def test_paragraphs_with_a_character_are_those_holding_it(text):
    paragraphs = paragraph_bounds(text)
    expected = [i for i, (ps, pe) in enumerate(paragraphs) if ":" in text[ps:pe]]
    assert list(_paragraphs_with(text, ":", paragraphs)) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab ,.", max_size=30), st.integers(1, 6), st.data())
def test_has_words_is_a_word_count_threshold(text, n, data):
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=6)))
    segments = [(s, e) for s, e in zip(cuts[::2], cuts[1::2]) if e > s]
    if not segments:
        return
    count = sum(len(re.findall(r"\w+", text[s:e])) for s, e in segments)
    assert _has_words(text, Quotation(segments=segments), n) == (count >= n)
