"""Verdicts on claims: ``OUTDIR/reviews.jsonl``, append-only, keyed by record id.

A verdict is never edited or removed; a later one for the same id overrides an earlier
one. "Later" means a later ``at`` timestamp, then a later line, so verdicts downloaded
from the report and imported after terminal work do not undo newer terminal verdicts.
Record ids are stable across runs, so a re-run's records pick up earlier verdicts.
"""
from __future__ import annotations

import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..records import RECORD_ADAPTER
from .outdir import REVIEWS, ReviewError

Decision = Literal["accept", "reject", "correct"]
ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2}|\d{4}/\d{4}")


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


class Verdict(BaseModel):
    """One reviewer decision on one record."""
    model_config = ConfigDict(extra="ignore")

    id: str = Field(description="Id of the record judged.")
    verdict: Decision
    value: Optional[Union[float, str]] = Field(None, description="The right value, for 'correct'.")
    speaker: Optional[str] = Field(None, description="The right speaker, for 'correct'.")
    doc_id: Optional[str] = Field(None, description="The record's document, for people reading the file.")
    kind: Optional[str] = None
    at: str = Field(default_factory=now, description="UTC time of the decision, ISO 8601.")
    source: str = Field("terminal", description="Where the verdict was given: terminal or browser.")

    @model_validator(mode="after")
    def _correction_says_what(self):
        if self.verdict == "correct" and self.value is None and self.speaker is None:
            raise ValueError("a correction needs a value or a speaker")
        return self


def read_verdicts(path: Path) -> list[Verdict]:
    """Every verdict in a reviews file, in file order; a bad line is an error naming it."""
    path = Path(path)
    if not path.is_file():
        return []
    verdicts = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                verdicts.append(Verdict.model_validate_json(line))
            except ValidationError as exc:
                first = exc.errors()[0]
                raise ReviewError(f"{path}:{number}: not a verdict: {first['msg']}") from None
    return verdicts


def latest(verdicts: Iterable[Verdict]) -> dict[str, Verdict]:
    """The deciding verdict per record id."""
    ordered = sorted(enumerate(verdicts), key=lambda pair: (pair[1].at, pair[0]))
    return {verdict.id: verdict for _, verdict in ordered}


def load_latest(outdir: Path) -> dict[str, Verdict]:
    return latest(read_verdicts(Path(outdir) / REVIEWS))


def append_verdicts(outdir: Path, verdicts: Iterable[Verdict]) -> int:
    """Append verdicts to ``reviews.jsonl``, synced so an interrupted review loses nothing."""
    lines = [v.model_dump_json(exclude_none=True) + "\n" for v in verdicts]
    if not lines:
        return 0
    with open(Path(outdir) / REVIEWS, "a", encoding="utf-8", newline="\n") as fh:
        fh.writelines(lines)
        fh.flush()
        os.fsync(fh.fileno())
    return len(lines)


def import_verdicts(outdir: Path, source: Path) -> int:
    """Append the verdicts of a file downloaded from the report; repeats are skipped."""
    known = {_identity(v) for v in read_verdicts(Path(outdir) / REVIEWS)}
    fresh = [v for v in read_verdicts(Path(source)) if _identity(v) not in known]
    return append_verdicts(outdir, fresh)


def _identity(verdict: Verdict) -> str:
    return json.dumps([verdict.id, verdict.verdict, verdict.value, verdict.speaker, verdict.at])


def parse_value(kind: str, text: str) -> Union[float, str]:
    """A corrected value typed by a reviewer: ISO text for dates, a number otherwise."""
    text = text.strip()
    if kind == "date":
        if not ISO_DATE.fullmatch(text):
            raise ValueError(f"{text!r} is not a date as claimx writes them: 2012-06-26, 2011-04, 2010, "
                             "--12-22 or 2023/2024")
        return text
    try:
        return float(text.replace(",", ""))
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None


def apply(record, verdict: Optional[Verdict]):
    """The record as the verdict leaves it: None when rejected, corrected when corrected.

    A corrected speaker goes to a quote's ``speaker`` and to a quantity's ``claimant``
    (the speaker of the quotation holding it).
    """
    if verdict is None or verdict.verdict == "accept":
        return record
    if verdict.verdict == "reject":
        return None
    data = record.model_dump()
    if verdict.value is not None:
        data["value"] = verdict.value
    if verdict.speaker is not None:
        data["speaker" if record.kind == "quote" else "claimant"] = verdict.speaker
    try:
        return RECORD_ADAPTER.validate_python(data)
    except ValidationError as exc:
        raise ReviewError(f"verdict on {record.id} does not fit a {record.kind} record: "
                          f"{exc.errors()[0]['msg']}") from None


def reviewed(records: Iterable, verdicts: dict[str, Verdict], *, accepted_only: bool) -> list:
    """Records with verdicts applied; rejected ones dropped, unreviewed ones dropped if asked."""
    out = []
    for record in records:
        verdict = verdicts.get(record.id)
        if accepted_only and verdict is None:
            continue
        kept = apply(record, verdict)
        if kept is not None:
            out.append(kept)
    return out


def tally(records: Iterable, verdicts: dict[str, Verdict]) -> dict[str, int]:
    """How many records are accepted, rejected, corrected and not yet reviewed."""
    counts = {"accept": 0, "reject": 0, "correct": 0, "unreviewed": 0}
    for record in records:
        verdict = verdicts.get(record.id)
        counts[verdict.verdict if verdict else "unreviewed"] += 1
    return counts
