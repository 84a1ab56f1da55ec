"""Bad quantity pattern files fail at start-up, naming the file and the line."""
import shutil

import pytest
import spacy

import claimx.quantities  # noqa: F401  (registers the factory)
from claimx.patterns import PatternError, default_patterns_dir


@pytest.fixture
def patterns(tmp_path):
    folder = tmp_path / "patterns"
    shutil.copytree(default_patterns_dir(), folder)
    return folder


def build(folder):
    nlp = spacy.blank("en")
    nlp.add_pipe("claimx_quantities", config={"patterns_dir": str(folder)})
    return nlp


def append(path, line):
    with path.open("a", encoding="utf-8") as f:
        f.write(line + "\n")
    return len(path.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("line, reason", [
    ('{"id": "x", "label": "count", "pattern": [{"MACRO": "nope"}]}', "unknown MACRO"),
    ('{"id": "x", "label": "count", "pattern": [{"CLASS": "NOPE"}]}', "unknown CLASS"),
    ('{"id": "x", "label": "count", "pattern": [{"LOWER": {"IN": "@nope"}}]}', "unknown list"),
    ('{"id": "x", "label": "sum", "pattern": [{"ORTH": "x"}]}', "unknown label"),
    ('{"id": "x", "label": "count", "pattern": [{"ORTHO": "x"}]}', "bad token pattern"),
    ('{"id": "x", "label": "count", "pattern": [{"ORTH": "x"}], "colour": 1}', "unknown key"),
    ('{"id": "x", "label": "count", "before": 1, "pattern": [{"ORTH": "a", "OP": "?"}, {"ORTH": "x"}]}',
     "context tokens"),
    ('{"id": "x", "label": "count", "trigger": "NOPE", "pattern": [{"ORTH": "x"}]}', "unknown trigger"),
    ('{"id": "count-number", "label": "date", "pattern": [{"ORTH": "x"}]}', "another rule"),
    ('{"id": "x", "label": "count", "pattern": [{"ORTH": "x"}]', "invalid JSON"),
    ('{"id": "x", "label": "count", "pattern": [{"POS": "NUM"}]}', "is not supported"),
    ('{"id": "x", "label": "count", "pattern": [{"ORTH": "x", "OP": "!"}]}', "is not supported"),
    ('{"id": "x", "label": "count", "pattern": [{"LOWER": {"REGEX": "x+"}}]}', "is not supported"),
])
def test_bad_rule_names_file_and_line(patterns, line, reason):
    path = patterns / "quantities" / "count.jsonl"
    number = append(path, line)
    with pytest.raises(PatternError) as err:
        build(patterns)
    assert err.value.path == str(path) and err.value.line == number
    assert reason in str(err.value)


def test_bad_lexicon_json_names_the_file(patterns):
    path = patterns / "lexicon" / "currencies.json"
    path.write_text('{"symbols": {"£": "GBP"},\n  "codes": [}\n', encoding="utf-8")
    with pytest.raises(PatternError) as err:
        build(patterns)
    assert err.value.path == str(path) and err.value.line == 2


def test_bad_token_class_regex_names_the_class(patterns):
    path = patterns / "quantities" / "token_classes.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"LEADING_ZERO": "0\\\\d+"', '"LEADING_ZERO": "0(\\\\d+"'),
                    encoding="utf-8")
    with pytest.raises(PatternError, match="LEADING_ZERO"):
        build(patterns)


def test_a_new_currency_needs_no_python(patterns):
    path = patterns / "lexicon" / "currencies.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"₹": "INR",', '"₹": "INR", "₿": "XBT",'),
                    encoding="utf-8")
    doc = build(patterns)("They paid ₿3 million.")
    assert [(f.kind, f.fields["currency"], f.fields["value"]) for f in doc._.claimx_found] == [("money", "XBT", 3e6)]


def test_a_new_scale_word_needs_no_python(patterns):
    path = patterns / "lexicon" / "numbers.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"thousand": 1000,', '"thousand": 1000, "lakh": 100000,'),
                    encoding="utf-8")
    doc = build(patterns)("The scheme reached 3 lakh farmers and cost £2 lakh.")
    assert [(f.kind, f.fields["value"]) for f in doc._.claimx_found] == [("count", 3e5), ("money", 2e5)]


@pytest.mark.parametrize("content, reason", [
    ('{"warm_up": {"numerals": ["1"], "amounts": ["5"]}}', "missing key"),
    ('{"warm_up": {"numerals": ["1"], "amounts": [5], "words": []}}', "list of non-empty strings"),
    ('{"warm_up": ["1"]}', "must be an object"),
])
def test_bad_warm_up_file_names_the_file(patterns, content, reason):
    path = patterns / "quantities" / "warm_up.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PatternError, match=reason) as err:
        build(patterns)
    assert err.value.path == str(path)


def test_the_warm_up_spares_the_first_documents_a_recompile():
    """Every signature of an ordinary release's words is learnt at start-up: a new one would
    recompile the rules (tens of milliseconds) while the first documents are read."""
    nlp = build(default_patterns_dir())
    matcher = nlp.get_pipe("claimx_quantities").matcher
    learnt = dict(matcher.char_of_acceptance)
    text = ("MAYOR'S OFFICE, 14 March 2024 – The council approved £12.5m (US$15.8 million) for 3,450 "
                  "new homes, up 8.2% on 2023. Two-thirds of the 2,000 flats will be built by 2026-27, "
                  "Cllr. Ana Díaz said on Tuesday at 10:30am. Call 0800 123 456 or visit Unit 4B.")
    matcher(nlp.make_doc(text))
    assert matcher.char_of_acceptance == learnt


def test_word_lists_take_no_lexeme_flag():
    """spaCy leaves 45 lexeme flags free: each token class needs one, but an ``@list`` test
    needs none (the token matcher tests IN / NOT_IN lists itself, once per distinct word)."""
    from claimx.rules import FIRST_FREE_FLAG, LAST_FLAG, FullMatch

    getters = build(default_patterns_dir()).vocab.lex_attr_getters
    used = [getters[flag] for flag in range(FIRST_FREE_FLAG, LAST_FLAG + 1) if flag in getters]
    assert used and all(isinstance(getter, FullMatch) for getter in used)
