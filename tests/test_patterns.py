"""Pattern files are data only, and every problem names the file and the line."""
import pytest
import spacy
from spacy.matcher import Matcher

from claimx.patterns import PatternError, add_token_patterns, default_patterns_dir, load_json, load_jsonl, patterns_dir


def test_shipped_patterns_folder_is_found():
    assert default_patterns_dir().is_dir()


def test_missing_custom_folder_is_an_error(tmp_path):
    with pytest.raises(PatternError, match="no such patterns folder"):
        patterns_dir(tmp_path / "nope")


def test_invalid_json_line_names_file_and_line(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text('{"id": "a", "pattern": []}\n// a comment\n{"id": "b", pattern}\n', encoding="utf-8")
    with pytest.raises(PatternError) as err:
        load_jsonl(path, required=("id", "pattern"))
    assert err.value.line == 3 and str(path) in str(err.value)


def test_unknown_key_is_named_with_the_allowed_ones(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text('{"id": "a", "pattern": [], "colour": 1}\n', encoding="utf-8")
    with pytest.raises(PatternError, match="unknown key.*colour.*allowed: id, pattern"):
        load_jsonl(path, required=("id", "pattern"), allowed=())


def test_bad_token_pattern_names_its_line(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text('{"id": "ok", "pattern": [{"LIKE_NUM": true}]}\n{"id": "bad", "pattern": [{"NOT_AN_ATTR": 1}]}\n',
                    encoding="utf-8")
    rows = load_jsonl(path, required=("id", "pattern"))
    with pytest.raises(PatternError) as err:
        add_token_patterns(Matcher(spacy.blank("en").vocab, validate=True), rows, path)
    assert err.value.line == 2 and "bad" in err.value.reason


def test_json_object_file_checks_required_keys(tmp_path):
    path = tmp_path / "words.json"
    path.write_text('{"words": []}', encoding="utf-8")
    with pytest.raises(PatternError, match="missing key"):
        load_json(path, required=("symbols",))
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(PatternError, match="expected a JSON object"):
        load_json(path)
