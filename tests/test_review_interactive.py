"""`claimx review --interactive`: one claim at a time, keys, corrections, resuming."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from claimx.cli.review import review_cmd
from claimx.review.outdir import load_run
from claimx.review.verdicts import load_latest, read_verdicts
from test_review_outdir import FLOOD, flood_records, sample_outdir, write_outdir, FLOOD_TEXT


@pytest.fixture
def out(tmp_path):
    return write_outdir(tmp_path / "out", {FLOOD: FLOOD_TEXT}, flood_records())


def review(out, keys: str, *args):
    result = CliRunner().invoke(review_cmd, [str(out), "--interactive", *args], input=keys)
    assert result.exit_code == 0, result.output
    return result


def in_order(out) -> list:
    run = load_run(out)
    return run.records_by_doc()[FLOOD]


def test_accept_reject_skip_then_quit(out):
    result = review(out, "arsq")
    first, second, third = in_order(out)[:3]
    verdicts = load_latest(out)
    assert verdicts[first.id].verdict == "accept" and verdicts[second.id].verdict == "reject"
    assert third.id not in verdicts and len(verdicts) == 2
    assert "[1/19] money" in result.output and "»£12.5m«" in result.output
    assert "accept 1, reject 1, correct 0, skip 1; 16 left for next time." in result.output


def test_the_sentence_is_shown_with_the_claim_marked(out):
    result = review(out, "q", "--kind", "percentage")
    assert "by at least »30%« over five years." in result.output
    assert "qualifier: at least" in result.output and "rule test.percentage" in result.output


def test_a_session_resumes_where_the_last_one_stopped(out):
    review(out, "aaq")
    result = review(out, "q")
    third = in_order(out)[2]
    assert "[1/17] " in result.output and repr(third.text) in result.output
    assert "2 reviewed before" in result.output


def test_correcting_a_value_and_a_speaker(out):
    review(out, "c1,250,000\nq", "--kind", "money")
    money = in_order(out)[0]
    assert load_latest(out)[money.id].value == 1250000
    review(out, "cJane Doe\nq", "--kind", "quote")
    quote = next(r for r in in_order(out) if r.kind == "quote")
    assert load_latest(out)[quote.id].speaker == "Jane Doe"


def test_a_bad_value_is_asked_again_and_empty_cancels(out):
    result = review(out, "cmany\n\nsq", "--kind", "count")
    assert "'many' is not a number" in result.output
    assert read_verdicts(out / "reviews.jsonl") == []


def test_unknown_keys_are_explained_and_end_of_input_quits(out):
    result = review(out, "x")
    assert "unknown key 'x'" in result.output
    assert "19 left for next time" in result.output


def test_nothing_left_to_review(out):
    review(out, "a" * 19)
    assert "Nothing to review" in review(out, "").output


def test_claims_without_a_document_still_come_up(tmp_path):
    out = sample_outdir(tmp_path / "out")
    result = review(out, "q", "--kind", "count")
    assert "[1/" in result.output


def test_with_no_terminal_keys_are_read_a_line_at_a_time(out, monkeypatch):
    import io

    import click as click_module

    from claimx.review import interactive

    def no_tty(echo=False):
        raise OSError(6, "No such device or address: '/dev/tty'")

    monkeypatch.setattr(click_module, "getchar", no_tty)
    monkeypatch.setattr(interactive.sys, "stdin", io.StringIO("a\nq\n"))
    assert interactive.read_key() == "a" and interactive.read_key() == "q" and interactive.read_key() == "q"
