"""Priming the tokenizer's cache changes how fast it tokenises, never the tokens."""
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from claimx.tokenizer_cache import TokenizerPrimer

PIECES = ["Government's", "don't", "U.S.", "£3.5m.", "(2024)", "“Yes,”", "per cent", "e.g.", "1,000-strong",
          "it's", "Dr.", "a.m.", "$54K.", "co-operate", ":)", "'s", "N.Z.", "—", "end."]
GAPS = [" ", "  ", "\n", "\n\n", " \n ", "\t", "\u00a0"]


def tokens(doc):
    return [(t.text, t.whitespace_, t.idx, t.norm_) for t in doc]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(GAPS)), min_size=1, max_size=12))
def test_primed_and_plain_tokenizers_give_the_same_tokens(parts):
    text = "".join(piece + gap for piece, gap in parts)
    plain, primed = spacy.blank("en"), spacy.blank("en")
    primer = TokenizerPrimer(primed.tokenizer)
    primer.prime(text)
    primer.prime(text)
    assert primer.primed == set(text.split())
    assert tokens(primed.make_doc(text)) == tokens(plain.make_doc(text))


def test_a_chunk_is_primed_the_second_time_it_is_seen():
    primer = TokenizerPrimer(spacy.blank("en").tokenizer)
    primer.prime("one two")
    primer.prime("two three")
    assert primer.primed == {"two"} and primer.seen_once == {"one", "three"}


def test_priming_stops_when_the_tokenizer_would_cache_no_more():
    primer = TokenizerPrimer(spacy.blank("en").tokenizer)
    primer.limit = 2
    primer.prime("one two three")
    primer.prime("one two three")
    primer.prime("four four")
    primer.prime("four")
    assert primer.primed == {"one", "two", "three"}


def test_texts_with_nothing_new_are_looked_at_ever_more_rarely():
    primer = TokenizerPrimer(spacy.blank("en").tokenizer)
    for _ in range(3):
        primer.prime("a b")  # seen, primed, then nothing new: skip the next text
    primer.prime("c")
    primer.prime("a b")  # looked at, still nothing new: skip the next two
    primer.prime("d")
    primer.prime("d")
    primer.prime("d e")  # looked at, new words: every text again
    primer.prime("f")
    assert primer.seen_once == {"d", "e", "f"}
