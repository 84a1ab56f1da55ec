"""The regex token matcher finds exactly what spaCy's Matcher finds, within its windows."""
import pytest
import spacy
from hypothesis import example, given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher

from claimx.token_regex import PatternUnsupported, TokenMatcher

WORDS = ["a", "A", "b", "B", "1", "22", "333", "and", "per", "cent", "%", "-", ",", "the", "The"]
TOKENS = [
    {"ORTH": "a"}, {"LOWER": "b"}, {"LOWER": {"IN": ["a", "and"]}}, {"ORTH": {"NOT_IN": ["-", ","]}},
    {"SHAPE": "dd"}, {"SHAPE": {"IN": ["d", "ddd"]}}, {"IS_DIGIT": True}, {"IS_TITLE": False},
    {"IS_ALPHA": True, "IS_LOWER": True}, {"IS_PUNCT": True},
]
OPS = [None, "?", "+", "*", "{0,2}", "{1,3}", "{2}"]


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


@pytest.fixture(scope="module")
def always(nlp):
    """A lexeme flag true of every word: a group whose windows are the whole text."""
    return nlp.vocab.add_flag(lambda text: True)


def tokens_with_op(token, op):
    return dict(token, OP=op) if op else dict(token)


pattern_strategy = st.lists(st.tuples(st.sampled_from(TOKENS), st.sampled_from(OPS)), min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
# an alternative that can only match nothing once lost the rule its one-token matches
@example(words=["b"], patterns=[[({"ORTH": "a"}, "?")], [({"LOWER": "b"}, None)]])
@example(words=["a"], patterns=[[({"LOWER": "b"}, "?")], [({"ORTH": "a"}, None)]])
@given(words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=12),
       patterns=st.lists(pattern_strategy, min_size=1, max_size=3))
def test_matches_equal_spacys_matcher(nlp, always, words, patterns):
    doc = spacy.tokens.Doc(nlp.vocab, words=words)
    token_patterns = [[tokens_with_op(t, op) for t, op in p] for p in patterns]
    spacy_matcher = Matcher(nlp.vocab)
    spacy_matcher.add("R", token_patterns)
    ours = TokenMatcher(nlp.vocab)
    group = ours.add_group(always, before=len(words), after=len(words))
    ours.add(nlp.vocab.strings["R"], token_patterns, group)
    assert sorted(ours(doc)) == sorted(set(spacy_matcher(doc)))


LATER_WORDS = ["c", "C", "4444", "55", "or", "Per", "—", "x1", "Z"]


@settings(max_examples=200, deadline=None)
@given(first=st.lists(st.sampled_from(WORDS), min_size=1, max_size=8),
       then=st.lists(st.sampled_from(WORDS + LATER_WORDS), min_size=1, max_size=12),
       patterns=st.lists(pattern_strategy, min_size=1, max_size=3))
def test_word_forms_met_after_compiling_match_as_spacys_matcher(nlp, always, first, then, patterns):
    """A class compiled before a word form was seen (listing what it accepts, or what it
    rejects) still treats that form as spaCy's Matcher does."""
    token_patterns = [[tokens_with_op(t, op) for t, op in p] for p in patterns]
    spacy_matcher = Matcher(nlp.vocab)
    spacy_matcher.add("R", token_patterns)
    ours = TokenMatcher(nlp.vocab)
    ours.add(nlp.vocab.strings["R"], token_patterns, ours.add_group(always, 12, 12))
    ours(spacy.tokens.Doc(nlp.vocab, words=first))
    doc = spacy.tokens.Doc(nlp.vocab, words=then)
    assert sorted(ours(doc)) == sorted(set(spacy_matcher(doc)))


def test_rules_only_match_within_their_triggers_windows(nlp):
    digit = nlp.vocab.add_flag(lambda text: text.isdigit())
    doc = nlp.make_doc("a b c 5 d e f g h i")
    matcher = TokenMatcher(nlp.vocab)
    group = matcher.add_group(digit, before=1, after=2)
    key = nlp.vocab.strings.add("any-two")
    matcher.add(key, [[{"IS_ALPHA": True}, {"IS_ALPHA": True, "OP": "?"}]], group)
    assert sorted((s, e) for _, s, e in matcher(doc)) == [(2, 3), (4, 5), (4, 6), (5, 6)]


def test_a_group_without_triggers_matches_nothing(nlp):
    never = nlp.vocab.add_flag(lambda text: False)
    matcher = TokenMatcher(nlp.vocab)
    matcher.add(nlp.vocab.strings.add("a"), [[{"ORTH": "a"}]], matcher.add_group(never, 5, 5))
    assert matcher(nlp.make_doc("a a a")) == []


def test_words_seen_after_compiling_join_the_classes(nlp, always):
    matcher = TokenMatcher(nlp.vocab)
    key = nlp.vocab.strings.add("titled")
    matcher.add(key, [[{"IS_TITLE": True}, {"SHAPE": "dddd"}]], matcher.add_group(always, 3, 3))
    assert matcher(nlp.make_doc("in May 2024")) == [(key, 1, 3)]
    assert matcher(nlp.make_doc("by Zanzibarian 1999")) == [(key, 1, 3)]


@pytest.mark.parametrize("token", [{"POS": "NOUN"}, {"ORTH": "x", "OP": "!"}, {"LOWER": {"REGEX": "x"}},
                                   {"LENGTH": 3}, {"IS_DIGIT": "yes"}])
def test_what_it_cannot_run_is_refused(nlp, always, token):
    matcher = TokenMatcher(nlp.vocab)
    group = matcher.add_group(always, 1, 1)
    with pytest.raises(PatternUnsupported):
        matcher.add(1, [[token]], group)


def test_words_no_pattern_token_tells_apart_share_a_character(nlp, always):
    """Only "both flags" matters to the pattern, so a word with one of them reads like a word
    with neither: no new character, no recompiling."""
    first = nlp.vocab.add_flag(lambda text: text.startswith("q"))
    last = nlp.vocab.add_flag(lambda text: text.endswith("q"))
    matcher = TokenMatcher(nlp.vocab)
    key = nlp.vocab.strings.add("both")
    matcher.add(key, [[{f"FLAG{first}": True, f"FLAG{last}": True}]], matcher.add_group(always, 1, 1))
    text = matcher.text_of(nlp.make_doc("qaq qa aq a"))
    assert text[1] == text[2] == text[3] != text[0]
    assert matcher(nlp.make_doc("qaq qa aq a")) == [(key, 0, 1)]
