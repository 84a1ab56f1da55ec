"""The record contract: one pydantic model per kind, a union discriminated on ``kind``.

Every record points back at its exact source span (``text``, ``start``, ``end``) and the
sentence holding it, and names the pattern that produced it (``rule``), so a reviewer can
check a claim against the document and see why it was found.
"""
from __future__ import annotations

import hashlib
from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, model_validator

SCHEMA_VERSION = "1"


def record_id(doc_id: str, kind: str, start: int, end: int) -> str:
    """A stable id: the same document, kind and span give the same id on every run."""
    key = f"{doc_id}\x1f{kind}\x1f{start}\x1f{end}".encode("utf-8")
    return hashlib.sha1(key).hexdigest()[:16]


class Sentence(BaseModel):
    model_config = ConfigDict(frozen=True)
    text: str = Field(description="The sentence holding the claim, as written.")
    start: int = Field(ge=0, description="Offset of the sentence's first character.")
    end: int = Field(ge=0, description="Offset one past the sentence's last character.")


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")

    schema_version: str = Field(SCHEMA_VERSION, description="Version of this record format.")
    id: str = Field(description="Stable id derived from doc_id, kind and span.")
    doc_id: str = Field(description="Document path relative to the folder given, or '-' for stdin.")
    text: str = Field(description="The exact source text of the claim: source[start:end].")
    start: int = Field(ge=0, description="Character offset where the claim starts.")
    end: int = Field(ge=0, description="Character offset one past the claim's end.")
    sentence: Sentence = Field(description="The sentence holding the claim.")
    rule: str = Field(description="Id of the pattern that produced the record (provenance).")

    @model_validator(mode="after")
    def _span_is_ordered(self):
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class _Quantity(_Record):
    qualifier: Optional[str] = Field(
        None, description="Hedge written before the number: 'at least', 'approximately', 'over', 'up to'...")
    claimant: Optional[str] = Field(
        None, description="Speaker of the quotation that holds this quantity, if any.")
    group: Optional[str] = Field(
        None, description="Id shared by the two ends of a change or range ('from 9 to 58').")


class Percentage(_Quantity):
    kind: Literal["percentage"] = "percentage"
    value: float = Field(description="The number of percent: 98 for '98%'.")
    unit: Optional[str] = Field(None, description="'percentage points' where written so.")


class Money(_Quantity):
    kind: Literal["money"] = "money"
    value: float = Field(description="The amount in whole currency units: 200000000 for '£200m'.")
    currency: str = Field(description="ISO 4217 code: GBP, USD, EUR, AUD...")


class Count(_Quantity):
    kind: Literal["count"] = "count"
    value: float = Field(description="The number: 600000 for '600,000', 500000 for 'half a million'.")
    unit: Optional[str] = Field(None, description="The counted unit when written: 'days', 'tonnes'.")


class Date(_Quantity):
    kind: Literal["date"] = "date"
    value: str = Field(description="ISO 8601 at the precision written: '2012-06-26', '2011-04', '2010', "
                                   "'--12-22' when no year is known; fiscal years as '2023/2024'.")
    precision: Literal["day", "month", "year", "fiscal_year"] = Field(
        description="How much of the date the text gives.")
    relative: bool = Field(False, description="True when resolved from a relative phrase such as 'today'.")


class Multiplier(_Quantity):
    kind: Literal["multiplier"] = "multiplier"
    value: float = Field(description="The factor: 6 for 'six-fold', 2 for 'doubled', 0.5 for 'halved'.")


class Change(_Quantity):
    kind: Literal["change"] = "change"
    value: Optional[float] = Field(None, description="to - from, for a change (none for a range).")
    from_id: str = Field(description="Id of the record the change starts from.")
    to_id: str = Field(description="Id of the record the change goes to.")
    direction: Literal["up", "down", "flat", "range"] = Field(
        description="'up' or 'down' for a change, 'range' for 'between X and Y'.")


class Quote(_Record):
    kind: Literal["quote"] = "quote"
    speaker: Optional[str] = Field(None, description="Fullest name of the speaker found in the document, "
                                                     "an organisation or unnamed speaker as written, or null.")
    speaker_role: Optional[str] = Field(None, description="The speaker's role where written.")
    speaker_org: Optional[str] = Field(None, description="The speaker's organisation where written.")
    cue: Optional[str] = Field(None, description="The speech verb of the attribution: 'said', 'added'.")
    quote_id: str = Field(description="Shared by the paragraphs of one quotation.")


Record = Annotated[
    Union[Percentage, Money, Count, Date, Multiplier, Change, Quote],
    Field(discriminator="kind"),
]
RECORD_ADAPTER: TypeAdapter = TypeAdapter(Record)
MODELS: dict[str, type[BaseModel]] = {
    model.model_fields["kind"].default: model for model in (Percentage, Money, Count, Date, Multiplier, Change, Quote)}
KINDS = tuple(MODELS)
# Every field of each kind in model order, with its default: the shape of a JSONL line.
RECORD_TEMPLATES: dict[str, dict] = {
    kind: {name: (kind if name == "kind" else info.default if not info.is_required() else None)
           for name, info in model.model_fields.items()}
    for kind, model in MODELS.items()}


def parse_record(line: str | bytes):
    """Read one JSONL line back into its record model."""
    return RECORD_ADAPTER.validate_json(line)


def record_schema() -> dict:
    """The JSON Schema of a record line, as `claimx schema` prints it."""
    return RECORD_ADAPTER.json_schema()
