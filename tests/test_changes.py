import pytest

import claimx


def _changes(text):
    records = claimx.extract(text)
    by_id = {r.id: r for r in records}
    return [(c.text, by_id[c.from_id].text, by_id[c.to_id].text, c.direction, c.value)
            for c in records if c.kind == "change"]


@pytest.mark.parametrize("text, expected", [
    ("Unemployment rose from 4.4 per cent to 5.7 per cent.",
     [("4.4 per cent to 5.7 per cent", "4.4 per cent", "5.7 per cent", "up", 1.3)]),
    ("Sales fell from £5m to £3m last year.", [("£5m to £3m", "£5m", "£3m", "down", -2_000_000)]),
    ("Grants of between £250 and £5,000 are open.", [("£250 and £5,000", "£250", "£5,000", "range", None)]),
    ("The number grew from 9 to at least 58.", [("9 to at least 58", "9", "58", "up", 49)]),
])
def test_a_change_links_its_two_ends(text, expected):
    assert _changes(text) == expected


def test_a_change_without_from_is_not_read_as_start_and_end():
    assert _changes("Revenue decreased $1.2 million to $23.5 million.") == []


def test_change_records_round_trip_through_the_model():
    records = claimx.extract("Unemployment rose from 4.4 per cent to 5.7 per cent.")
    change = next(r for r in records if r.kind == "change")
    assert claimx.parse_record(change.model_dump_json()) == change
