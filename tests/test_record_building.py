"""The fast paths of record building give exactly what the plain versions gave."""
import json
import math
import re
from typing import get_args

from hypothesis import given, settings
from hypothesis import strategies as st

from claimx.pipeline import record_line
from claimx.records import MODELS
from claimx.sentences import SentenceIndex

# The sentence break pattern as first written, one alternative after the other at every character.
PLAIN_BREAK = re.compile(r"(?P<stop>[.!?][\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9£$€])"
                         r"|\n\s*\n|\n(?=\s*[•\-*]\s)")

# every character the pattern names, and a few it does not
BREAK_CHARS = ".!?\n \t\u2028\xa0\"'”’“‘)]([•-*Ab7£$€"
BREAK_TEXTS = st.one_of(st.text(max_size=200), st.text(alphabet=BREAK_CHARS, max_size=40))


@settings(max_examples=500, deadline=None)
@given(text=BREAK_TEXTS)
def test_sentence_breaks_are_those_of_the_plain_pattern(text):
    plain = [(m.end("stop") if m.group("stop") else m.start(), m.end()) for m in PLAIN_BREAK.finditer(text)]
    index = SentenceIndex(text)
    assert list(zip(index.ends, index.starts)) == plain


@given(value=st.one_of(st.floats(), st.integers(), st.booleans(), st.none(), st.text()))
def test_record_line_is_compact_json_dumps(value):
    record = {"id": "x", "text": "“£5m” \u2028\x00\\", "value": value,
              "sentence": {"text": value if isinstance(value, str) else "s", "start": 0, "end": 1}, "é": [value]}
    assert record_line(record) == json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def test_record_line_writes_values_as_json_dumps_does():
    values = [1500.0, 0.1 + 0.2, 1e16, 1e22, -0.0, 0.0, 1e-4, 2.5e-7, 9.999999999999998e15, math.nan,
              math.inf, -math.inf, 10**20]
    lines = [record_line({"value": v, "text": "x"}) for v in values]
    assert lines == [f'{{"value":{v},"text":"x"}}' for v in
                     ("1500.0", "0.30000000000000004", "1e+16", "1e+22", "-0.0", "0.0", "0.0001", "2.5e-07",
                      "9999999999999998.0", "NaN", "Infinity", "-Infinity", "100000000000000000000")]


@settings(max_examples=500, deadline=None)
@given(value=st.floats(min_value=1e-4, max_value=1e16, exclude_max=True), text=st.text(max_size=40))
def test_record_line_writes_plain_floats_as_json_dumps(value, text):
    """The fast encoder's own path: floats json writes without an exponent, any text."""
    record = {"id": "x", "text": text, "value": -value, "sentence": {"text": text, "start": 0, "end": 1},
              "claimant": None, "relative": True, "start": 10**20}
    assert record_line(record) == json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def test_record_line_writes_lone_surrogates_as_json_dumps():
    record = {"text": "\ud800", "value": 1.0}
    assert record_line(record) == json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def test_records_hold_floats_only_in_value():
    """record_line looks for floats json writes differently only in ``value``."""
    for model in MODELS.values():
        for name, info in model.model_fields.items():
            if float in (info.annotation, *get_args(info.annotation)):
                assert name == "value", f"{model.__name__}.{name} is a float: teach record_line about it"


def test_record_line_through_json_without_its_c_speedups(monkeypatch):
    """A value in exponent form takes the json path, which must write the same line in pure Python."""
    monkeypatch.setattr(json.encoder, "c_make_encoder", None)
    record = {"text": "“£5m”\n", "value": 2.5e-7, "sentence": {"start": 0}, "group": None, "relative": True}
    line = '{"text":"“£5m”\\n","value":2.5e-07,"sentence":{"start":0},"group":null,"relative":true}'
    assert record_line(record) == line
