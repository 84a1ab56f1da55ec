"""Helpers of quote extraction that replace a regex or a copy for speed behave exactly like it."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from claimx.quote_extraction import _ends_sentence
from claimx.quote_marks import Quotation


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab_1 .!?…\n,”’)é\u2028", min_size=1, max_size=12), st.data())
def test_ends_sentence_is_the_sentence_punctuation_regex(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    expected = bool(re.search(r"[.!?…]\W*$", text[start:end]))
    assert _ends_sentence(text, Quotation(segments=[(start, end)])) == expected
