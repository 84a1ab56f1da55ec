"""Properties that hold for any text: no exception, exact offsets, finite values, JSON round-trip."""
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimx.records import parse_record

PIECES = st.sampled_from([
    "£", "$", "€", "%", " per cent", "m", "bn", " million", " billion", "p", "1", "12", "3.5", "1,000",
    "twenty", "half a", " and ", "2012", "June", "22nd", "/", "-", "“", "”", "‘", "’", '"', "'", ":",
    " said ", "Jane Doe", "Minister", ".", ",", "\n", "\n\n", " ", "since ", "at least ", "from ", " to ",
])
TEXTS = st.one_of(st.text(max_size=300), st.lists(PIECES, max_size=80).map("".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_any_text_gives_valid_records(extractor, text):
    for record in extractor.extract(text, doc_id="fuzz.txt"):
        assert text[record.start:record.end] == record.text
        assert text[record.sentence.start:record.sentence.end] == record.sentence.text
        assert record.sentence.start <= record.start and record.end <= record.sentence.end
        value = getattr(record, "value", None)
        if isinstance(value, float):
            assert math.isfinite(value)
        assert parse_record(record.model_dump_json()) == record
