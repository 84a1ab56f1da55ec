"""Verdicts: append-only reviews.jsonl, latest per id wins, corrections applied on export."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from claimx.cli.review import export_cmd, review_cmd
from claimx.records import parse_record
from claimx.review.outdir import ReviewError, load_run
from claimx.review.verdicts import (Verdict, append_verdicts, apply, import_verdicts, latest, load_latest,
                                    parse_value, read_verdicts, reviewed, tally)
from test_review_outdir import flood_records, sample_outdir


@pytest.fixture
def out(tmp_path):
    return sample_outdir(tmp_path / "out")


def by_text(records, text, kind=None):
    return next(r for r in records if r.text == text and (kind is None or r.kind == kind))


def test_later_verdict_wins_and_the_file_only_grows(out):
    record = flood_records()[0]
    append_verdicts(out, [Verdict(id=record.id, verdict="reject", at="2026-01-01T10:00:00Z")])
    size = (out / "reviews.jsonl").stat().st_size
    append_verdicts(out, [Verdict(id=record.id, verdict="accept", at="2026-01-01T11:00:00Z")])
    assert (out / "reviews.jsonl").read_text().startswith((out / "reviews.jsonl").read_bytes()[:size].decode())
    assert len(read_verdicts(out / "reviews.jsonl")) == 2
    assert load_latest(out)[record.id].verdict == "accept"


def test_an_older_timestamp_appended_later_does_not_win():
    older = Verdict(id="a", verdict="accept", at="2026-01-01T09:00:00Z")
    newer = Verdict(id="a", verdict="reject", at="2026-01-01T10:00:00Z")
    assert latest([newer, older])["a"].verdict == "reject"
    same_time = Verdict(id="a", verdict="accept", at="2026-01-01T10:00:00Z")
    assert latest([newer, same_time])["a"].verdict == "accept"


def test_a_correction_must_say_what_is_right():
    with pytest.raises(ValueError, match="value or a speaker"):
        Verdict(id="a", verdict="correct")


def test_corrections_fix_value_and_speaker_and_keep_the_model():
    records = flood_records()
    money = by_text(records, "£12.5m")
    fixed = apply(money, Verdict(id=money.id, verdict="correct", value=12.6e6))
    assert fixed.value == 12.6e6 and fixed.currency == "GBP" and money.value == 12.5e6
    quote = next(r for r in records if r.kind == "quote")
    assert apply(quote, Verdict(id=quote.id, verdict="correct", speaker="M. Patel")).speaker == "M. Patel"
    date = by_text(records, "2024")
    assert apply(date, Verdict(id=date.id, verdict="correct", value="2023")).value == "2023"
    assert apply(date, Verdict(id=date.id, verdict="reject")) is None


def test_a_correction_that_does_not_fit_the_record_is_an_error():
    date = by_text(flood_records(), "2024")
    with pytest.raises(ReviewError, match="date record"):
        apply(date, Verdict(id=date.id, verdict="correct", value=2023.5))


@pytest.mark.parametrize("kind, text, value", [("money", "1,200,000", 1.2e6), ("date", " 2012-06 ", "2012-06"),
                                               ("percentage", "2.5", 2.5)])
def test_parse_value(kind, text, value):
    assert parse_value(kind, text) == value


@pytest.mark.parametrize("kind, text", [("count", "lots"), ("date", "1"), ("date", "June 2012"), ("date", "")])
def test_parse_value_rejects_nonsense(kind, text):
    with pytest.raises(ValueError):
        parse_value(kind, text)


def test_reviewed_drops_rejected_and_optionally_unreviewed():
    records = flood_records()
    verdicts = latest([Verdict(id=records[0].id, verdict="reject"), Verdict(id=records[1].id, verdict="accept"),
                       Verdict(id=records[4].id, verdict="correct", value=41)])
    assert len(reviewed(records, verdicts, accepted_only=False)) == len(records) - 1
    kept = reviewed(records, verdicts, accepted_only=True)
    assert [r.id for r in kept] == [records[1].id, records[4].id] and kept[1].value == 41
    assert tally(records, verdicts) == {"accept": 1, "reject": 1, "correct": 1, "unreviewed": len(records) - 3}


def test_a_bad_line_in_reviews_names_the_line(out):
    (out / "reviews.jsonl").write_text('{"id": "x", "verdict": "maybe"}\n')
    with pytest.raises(ReviewError, match="reviews.jsonl:1"):
        load_latest(out)


def test_a_rerun_picks_up_earlier_verdicts_by_id(tmp_path):
    first = sample_outdir(tmp_path / "first")
    record = flood_records()[3]
    append_verdicts(first, [Verdict(id=record.id, verdict="correct", value=1)])
    again = sample_outdir(tmp_path / "again")
    (again / "reviews.jsonl").write_bytes((first / "reviews.jsonl").read_bytes())
    exported = reviewed(load_run(again).records, load_latest(again), accepted_only=True)
    assert [(r.id, r.value) for r in exported] == [(record.id, 1)]


def test_export_writes_the_accepted_set_and_never_touches_claims(out, tmp_path):
    records = flood_records()
    claims_before = (out / "claims.jsonl").read_bytes()
    append_verdicts(out, [Verdict(id=records[0].id, verdict="accept"),
                          Verdict(id=records[1].id, verdict="reject"),
                          Verdict(id=records[5].id, verdict="correct", value=35)])
    target = tmp_path / "accepted.jsonl"
    result = CliRunner().invoke(export_cmd, [str(out), "--accepted", "-o", str(target)])
    assert result.exit_code == 0, result.output
    exported = [parse_record(line) for line in target.read_text().splitlines()]
    assert [(r.id, r.value) for r in exported] == [(records[0].id, 12.5e6), (records[5].id, 35)]
    assert "exported 2 of" in result.output
    assert (out / "claims.jsonl").read_bytes() == claims_before


def test_export_to_stdout(out):
    append_verdicts(out, [Verdict(id=flood_records()[0].id, verdict="accept")])
    result = CliRunner().invoke(export_cmd, [str(out), "--accepted"])
    assert result.exit_code == 0
    records = [parse_record(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [r.id for r in records] == [flood_records()[0].id]


def test_export_without_accepted_keeps_all_but_rejected(out, tmp_path):
    records = flood_records()
    append_verdicts(out, [Verdict(id=records[1].id, verdict="reject")])
    target = tmp_path / "kept.jsonl"
    result = CliRunner().invoke(export_cmd, [str(out), "-o", str(target)])
    assert result.exit_code == 0
    ids = [json.loads(line)["id"] for line in target.read_text().splitlines()]
    assert records[1].id not in ids and len(ids) == len(load_run(out).records) - 1


def test_browser_download_is_imported_once(out, tmp_path):
    record = flood_records()[2]
    download = tmp_path / "reviews-browser.jsonl"
    download.write_text(json.dumps({"id": record.id, "verdict": "reject", "doc_id": record.doc_id,
                                    "kind": record.kind, "at": "2026-11-28T12:00:00Z", "source": "browser"}) + "\n")
    assert import_verdicts(out, download) == 1
    assert import_verdicts(out, download) == 0
    result = CliRunner().invoke(review_cmd, [str(out), "--import", str(download), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 0, result.output
    assert "added 0 verdicts" in result.output
    assert load_latest(out)[record.id].source == "browser"
