"""What claimx's spaCy components leave on a Doc, before it becomes records.

Each component appends ``Found`` items to ``doc._.claimx_found``. They are plain slotted
objects, not pydantic models: components run on every document, and validation belongs
at the record boundary, once per claim that survives.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc


@dataclass(slots=True)
class Found:
    kind: str
    start: int
    end: int
    rule: str
    fields: dict[str, Any] = field(default_factory=dict)


def register_extensions() -> None:
    """Doc attributes shared by the components; safe to call more than once."""
    if not Doc.has_extension("claimx_found"):
        Doc.set_extension("claimx_found", getter=_found_list)
    if not Doc.has_extension("claimx_published"):
        Doc.set_extension("claimx_published", default=None)


def _found_list(doc: Doc) -> list[Found]:
    return doc.user_data.setdefault("claimx_found", [])


def doc_text(doc: Doc) -> str:
    """The Doc's text without rebuilding it token by token (spaCy's ``doc.text`` does).

    The Extractor stores the text it tokenised; in someone else's pipeline it is built once.
    """
    text = doc.user_data.get("claimx_text")
    if text is None:
        text = doc.user_data["claimx_text"] = doc.text
    return text


def add_findings(doc: Doc, items: list[Found]) -> None:
    """Append a component's findings to ``doc._.claimx_found`` and mirror them on
    ``doc.spans["claimx"]`` (label = kind) for spaCy users.

    A span is widened to whole tokens where a finding cuts through one; the exact
    offsets stay on the findings.
    """
    doc._.claimx_found.extend(items)
    spans = [span for f in items
             if (span := doc.char_span(f.start, f.end, label=f.kind, alignment_mode="expand")) is not None]
    if "claimx" in doc.spans:
        doc.spans["claimx"].extend(spans)
    else:
        doc.spans["claimx"] = spans


register_extensions()
