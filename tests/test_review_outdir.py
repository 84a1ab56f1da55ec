"""Reading output folders, and the helpers other review tests use to build them by hand.

The records are pydantic models built directly, so the review tests do not depend on
what the extractor finds.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimx.records import (Change, Count, Date, Money, Multiplier, Percentage, Quote, Sentence,
                            record_id)
from claimx.review.outdir import ReviewError, load_run

MODELS = {"percentage": Percentage, "money": Money, "count": Count, "date": Date,
          "multiplier": Multiplier, "change": Change, "quote": Quote}

FLOOD = "riverside-council-2025-flood-fund.txt"
FLOOD_TEXT = (
    "Riverside Council opens £12.5m flood defence fund\n\n"
    "Published 3 March 2025\n\n"
    "Riverside Council today opened a £12.5 million fund to protect homes along the River Wend. "
    "The fund will pay for 40 new flood barriers, and the council expects it to cut insurance claims "
    "by at least 30% over five years.\n\n"
    "Flood damage cost local households £4.2 million in 2024, up from £1.9 million in 2019, "
    "more than double.\n\n"
    "“Every one of these 40 barriers is a street that stays dry,” said Councillor Maya Patel, "
    "the council’s cabinet member for environment. “We have listened to the 2,300 residents who "
    "answered our survey.”\n\n"
    "Work starts on 14 April 2025 and is due to finish by March 2027.\n"
)
HOSTILE = "hostile-2025-markup.txt"
HOSTILE_TEXT = (
    "Budget <script>window.__pwned = 1;</script> release\n\n"
    "The <b>budget</b> rose 5% to <img src=x onerror=\"window.__pwned=2\"> £3m this year.\n"
)
QUIET = "quiet-2025-no-claims.txt"
QUIET_TEXT = "A notice with nothing to check\n\nThe office is closed on public holidays.\n"
MISSING = "missing-text.txt"


def sentence_around(text: str, start: int, end: int) -> Sentence:
    """The stretch between the nearest sentence or paragraph breaks around a span."""
    lo = max(text.rfind("\n", 0, start) + 1, text.rfind(". ", 0, start) + 2 if ". " in text[:start] else 0)
    stops = [i for i in (text.find("\n", end), text.find(". ", end)) if i >= 0]
    hi = min(stops) + (1 if stops and text[min(stops)] == "." else 0) if stops else len(text)
    return Sentence(text=text[lo:hi], start=lo, end=hi)


def make_record(kind: str, doc_id: str, text: str, needle: str, occurrence: int = 0, **fields):
    """A record of ``kind`` over the ``occurrence``-th ``needle`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    end = start + len(needle)
    fields.setdefault("rule", f"test.{kind}")
    if kind == "quote":
        fields.setdefault("quote_id", f"q-{start}")
    return MODELS[kind](id=record_id(doc_id, kind, start, end), doc_id=doc_id, text=needle, start=start,
                        end=end, sentence=sentence_around(text, start, end), **fields)


def flood_records() -> list:
    t, d = FLOOD_TEXT, FLOOD
    earlier = make_record("money", d, t, "£1.9 million", value=1.9e6, currency="GBP")
    later = make_record("money", d, t, "£4.2 million", value=4.2e6, currency="GBP")
    first_quote = make_record("quote", d, t, "Every one of these 40 barriers is a street that stays dry,",
                              speaker="Maya Patel", speaker_role="cabinet member for environment",
                              speaker_org="Riverside Council", cue="said", quote_id="q1")
    return [
        make_record("money", d, t, "£12.5m", value=12.5e6, currency="GBP", rule="money.symbol_scale"),
        make_record("date", d, t, "3 March 2025", value="2025-03-03", precision="day"),
        make_record("date", d, t, "today", value="2025-03-03", precision="day", relative=True),
        make_record("money", d, t, "£12.5 million", value=12.5e6, currency="GBP", rule="money.symbol_scale_word"),
        make_record("count", d, t, "40", value=40),
        make_record("percentage", d, t, "30%", value=30, qualifier="at least"),
        make_record("count", d, t, "five", value=5, unit="years"),
        later, earlier,
        make_record("date", d, t, "2024", value="2024", precision="year"),
        make_record("date", d, t, "2019", value="2019", precision="year"),
        make_record("change", d, t, "£4.2 million in 2024, up from £1.9 million", value=2.3e6,
                    from_id=earlier.id, to_id=later.id, direction="up", group="g1"),
        make_record("multiplier", d, t, "more than double", value=2, qualifier="more than"),
        first_quote,
        make_record("count", d, t, "40", occurrence=1, value=40, claimant="Maya Patel"),
        make_record("quote", d, t, "We have listened to the 2,300 residents who answered our survey.",
                    speaker="Maya Patel", speaker_role="cabinet member for environment",
                    speaker_org="Riverside Council", cue="said", quote_id="q1"),
        make_record("count", d, t, "2,300", value=2300, claimant="Maya Patel"),
        make_record("date", d, t, "14 April 2025", value="2025-04-14", precision="day"),
        make_record("date", d, t, "March 2027", value="2027-03", precision="month"),
    ]


def hostile_records() -> list:
    t, d = HOSTILE_TEXT, HOSTILE
    return [
        make_record("count", d, t, "1", value=1),
        make_record("percentage", d, t, "5%", value=5),
        make_record("money", d, t, "£3m", value=3e6, currency="GBP"),
        make_record("date", d, t, "this year", value="2025", precision="year", relative=True),
        make_record("quote", d, t, "<b>budget</b> rose", speaker="<script>window.__pwned=3</script>",
                    quote_id="qx"),
    ]


def missing_text_records() -> list:
    text = "Elsewhere, 12 people said so."
    return [make_record("count", MISSING, text, "12", value=12)]


def write_outdir(path: Path, documents: dict[str, str], records: list, errors: list[dict] = ()) -> Path:
    """An output folder like `claimx extract -o` writes, from hand-made records."""
    path.mkdir(parents=True, exist_ok=True)
    with open(path / "claims.jsonl", "w", encoding="utf-8") as fh:
        fh.writelines(r.model_dump_json() + "\n" for r in records)
    with open(path / "documents.jsonl", "w", encoding="utf-8") as fh:
        for doc_id, text in documents.items():
            row = {"doc_id": doc_id, "path": f"corpus/{doc_id}", "sha256": "0" * 64, "encoding": "utf-8",
                   "format": "text", "title": text.split("\n", 1)[0], "published": None,
                   "chars": len(text), "text": text}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    with open(path / "errors.jsonl", "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(e) + "\n" for e in errors)
    return path


def sample_outdir(path: Path) -> Path:
    """The review tests' standard run: a release, a hostile page, a silent one, a lost text, an error."""
    records = flood_records() + hostile_records() + missing_text_records()
    errors = [{"doc_id": "broken.pdf", "path": "corpus/broken.pdf", "stage": "read",
               "reason": "not a PDF file", "hint": "check the file is a real PDF"}]
    return write_outdir(path, {FLOOD: FLOOD_TEXT, HOSTILE: HOSTILE_TEXT, QUIET: QUIET_TEXT}, records, errors)


def test_hand_made_records_point_at_their_text():
    for record in flood_records() + hostile_records():
        text = FLOOD_TEXT if record.doc_id == FLOOD else HOSTILE_TEXT
        assert text[record.start:record.end] == record.text
        assert text[record.sentence.start:record.sentence.end] == record.sentence.text
        assert record.sentence.start <= record.start <= record.end <= record.sentence.end


def test_load_run_reads_records_documents_and_errors(tmp_path):
    run = load_run(sample_outdir(tmp_path / "out"))
    assert len(run.records) == len(flood_records()) + len(hostile_records()) + 1
    assert list(run.documents) == [FLOOD, HOSTILE, QUIET]
    assert run.errors[0]["stage"] == "read"
    assert run.doc_ids() == [FLOOD, HOSTILE, QUIET, MISSING]
    assert run.problems == []


def test_load_run_keeps_going_past_a_bad_line(tmp_path):
    out = sample_outdir(tmp_path / "out")
    with open(out / "claims.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"kind": "nonsense"}\n')
    run = load_run(out)
    assert run.problems and run.problems[0].startswith("claims.jsonl:")
    assert len(run.records) == len(flood_records()) + len(hostile_records()) + 1


def test_records_by_doc_are_in_document_order(tmp_path):
    run = load_run(sample_outdir(tmp_path / "out"))
    starts = [r.start for r in run.records_by_doc()[FLOOD]]
    assert starts == sorted(starts)


def test_a_folder_without_claims_is_an_error_that_says_what_to_do(tmp_path):
    with pytest.raises(ReviewError, match="claimx extract"):
        load_run(tmp_path)


def test_the_report_needs_documents(tmp_path):
    out = sample_outdir(tmp_path / "out")
    (out / "documents.jsonl").unlink()
    assert load_run(out).documents == {}
    with pytest.raises(ReviewError, match="documents.jsonl"):
        load_run(out, need_documents=True)


def test_a_claims_file_can_stand_for_its_folder(tmp_path):
    out = sample_outdir(tmp_path / "out")
    assert len(load_run(out / "claims.jsonl").records) == len(load_run(out).records)
