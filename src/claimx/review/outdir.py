"""Reading an output folder written by ``claimx extract``.

The review tools only read: ``claims.jsonl`` is never written here. A line that does not
parse is kept as a problem with its file and line number rather than stopping the read,
so one bad line cannot hide a whole run from its reviewer.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..records import parse_record

CLAIMS = "claims.jsonl"
DOCUMENTS = "documents.jsonl"
ERRORS = "errors.jsonl"
REVIEWS = "reviews.jsonl"


class ReviewError(Exception):
    """A problem the user can fix; the CLI shows it as ``Error: ...``."""


@dataclass
class Run:
    """One output folder: its records, documents (by doc_id) and errors."""
    path: Path
    records: list = field(default_factory=list)
    documents: dict[str, dict] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def records_by_doc(self) -> dict[str, list]:
        """Records grouped by doc_id, each group in document order."""
        groups: dict[str, list] = defaultdict(list)
        for record in self.records:
            groups[record.doc_id].append(record)
        for group in groups.values():
            group.sort(key=lambda r: (r.start, -r.end, r.kind))
        return dict(groups)

    def doc_ids(self) -> list[str]:
        """Every document named by documents.jsonl or by a record, documents first."""
        seen = dict.fromkeys(self.documents)
        seen.update(dict.fromkeys(r.doc_id for r in self.records))
        return list(seen)

    def record(self, record_id: str):
        return next((r for r in self.records if r.id == record_id), None)


def claims_path(source: Path) -> Path:
    """The claims file of a folder, or the file itself when given one."""
    source = Path(source)
    return source if source.is_file() else source / CLAIMS


def load_run(outdir: Path | str, *, need_documents: bool = False) -> Run:
    """Read an output folder (or a bare claims JSONL file) into a :class:`Run`."""
    outdir = Path(outdir)
    claims = claims_path(outdir)
    if not claims.is_file():
        raise ReviewError(f"{claims} not found: give the folder `claimx extract -o` wrote")
    folder = claims.parent
    run = Run(path=folder)
    run.records = _read_records(claims, run.problems)
    documents = folder / DOCUMENTS
    if documents.is_file():
        for row in _read_json_lines(documents, run.problems):
            if isinstance(row, dict) and "doc_id" in row:
                run.documents[row["doc_id"]] = row
    elif need_documents:
        raise ReviewError(f"{documents} not found: the report needs the document texts")
    if (folder / ERRORS).is_file():
        run.errors = [e for e in _read_json_lines(folder / ERRORS, run.problems) if isinstance(e, dict)]
    return run


def _read_records(path: Path, problems: list[str]) -> list:
    records = []
    for number, line in _numbered_lines(path):
        try:
            records.append(parse_record(line))
        except ValidationError as exc:
            problems.append(f"{path.name}:{number}: not a claim record ({exc.error_count()} errors)")
    return records


def _read_json_lines(path: Path, problems: list[str]) -> list:
    rows = []
    for number, line in _numbered_lines(path):
        try:
            rows.append(json.loads(line))
        except ValueError:
            problems.append(f"{path.name}:{number}: not JSON")
    return rows


def _numbered_lines(path: Path):
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if line.strip():
                yield number, line
