import json

import pytest
from pydantic import ValidationError

from claimx.records import Count, Money, Quote, Sentence, parse_record, record_id, record_schema


def _money(**over):
    data = dict(id=record_id("a.txt", "money", 3, 11), doc_id="a.txt", text="£600,000", start=3, end=11,
                sentence=Sentence(text="It £600,000.", start=0, end=12), rule="money.symbol",
                value=600000, currency="GBP")
    data.update(over)
    return Money(**data)


def test_record_id_is_stable_and_depends_on_span():
    assert record_id("a.txt", "count", 1, 2) == record_id("a.txt", "count", 1, 2)
    assert record_id("a.txt", "count", 1, 2) != record_id("a.txt", "count", 1, 3)
    assert record_id("a.txt", "count", 1, 2) != record_id("b.txt", "count", 1, 2)


def test_record_round_trips_through_json():
    rec = _money(qualifier="over")
    back = parse_record(rec.model_dump_json())
    assert back == rec and isinstance(back, Money)


def test_kind_discriminates_the_union():
    line = json.dumps({**json.loads(_money().model_dump_json()), "kind": "count", "currency": None})
    with pytest.raises(ValidationError):
        parse_record(line)


def test_end_before_start_is_rejected():
    with pytest.raises(ValidationError):
        _money(start=11, end=3)


def test_unknown_fields_are_rejected():
    with pytest.raises(ValidationError):
        _money(colour="red")


def test_schema_documents_every_kind():
    schema = json.dumps(record_schema())
    for kind in ("percentage", "money", "count", "date", "quote"):
        assert f'"{kind}"' in schema
    assert "ISO 4217" in schema


def test_quote_and_count_models():
    s = Sentence(text="x", start=0, end=1)
    assert Quote(id="q", doc_id="-", text="x", start=0, end=1, sentence=s, rule="r", quote_id="q0").speaker is None
    assert Count(id="c", doc_id="-", text="2", start=0, end=1, sentence=s, rule="r", value=2, unit="days").unit == "days"
