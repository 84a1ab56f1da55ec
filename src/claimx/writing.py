"""Writing an output folder so that no crash leaves a broken file and no work is lost.

A run writes ``claims.jsonl.part``, ``documents.jsonl.part`` and ``errors.jsonl.part`` as
it goes, one document at a time: its claims first, then its documents line, which marks
the document complete. Only when the run ends are the parts renamed over the final files,
so ``claims.jsonl`` is always either the previous complete run or the new one.

``--resume`` reads the parts left by an interrupted run (or the final files of a finished
one), keeps the claims of every complete document, drops a torn last line and the claims
of a document that was cut off, and tells the run which documents to skip.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

FILES = ("claims", "documents", "errors")
WRITE_BATCH_CHARS = 1 << 20


@dataclass
class Journal:
    """What a previous run left complete: kept lines per file and the done documents."""
    lines: dict[str, list[str]] = field(default_factory=lambda: {name: [] for name in FILES})
    done: set[tuple[str, str]] = field(default_factory=set)

    def is_done(self, doc_id: str, sha256: str) -> bool:
        return (doc_id, sha256) in self.done

    def forget(self, doc_ids: set[str]) -> None:
        """Drop every line of these documents (their files changed since, or they failed)."""
        if not doc_ids:
            return
        self.done = {d for d in self.done if d[0] not in doc_ids}
        for name, lines in self.lines.items():
            self.lines[name] = [line for line in lines if json.loads(line).get("doc_id") not in doc_ids]


def _valid_lines(path: Path) -> list[tuple[str, dict]]:
    """(line, parsed) for each line of a JSONL file, stopping at the first torn one.

    The line is kept as written, so a resumed run copies it byte for byte.
    """
    if not path.exists():
        return []
    rows = []
    with open(path, "rb") as fh:
        for raw in fh:
            if not raw.endswith(b"\n"):
                break
            try:
                rows.append((raw[:-1].decode("utf-8"), json.loads(raw)))
            except ValueError:
                break
    return rows


def read_journal(outdir: Path) -> Journal:
    """The complete work an earlier run left in ``outdir``, from its parts or final files."""
    use_parts = (outdir / "documents.jsonl.part").exists()
    suffix = ".jsonl.part" if use_parts else ".jsonl"
    documents = _valid_lines(outdir / f"documents{suffix}")
    journal = Journal()
    journal.done = {(d["doc_id"], d["sha256"]) for _, d in documents}
    done_ids = {d["doc_id"] for _, d in documents}
    journal.lines["documents"] = [line for line, _ in documents]
    for name in ("claims", "errors"):
        journal.lines[name] = [line for line, row in _valid_lines(outdir / f"{name}{suffix}")
                               if row.get("doc_id") in done_ids]
    return journal


class OutputFolder:
    """Writes the three JSONL files of a run; ``close()`` publishes them atomically.

    Lines go to each file in ``os.write`` calls of whole lines on an append-only descriptor:
    a process killed at any moment leaves whole lines behind, never half of one (and a
    document's claims without its documents line, which ``--resume`` drops).
    """

    def __init__(self, outdir: Path, *, journal: Optional[Journal] = None):
        self.outdir = Path(outdir)
        self.outdir.mkdir(parents=True, exist_ok=True)
        self._fds: dict[str, int] = {}
        for name in FILES:
            fd = os.open(self._part(name), os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o644)
            self._fds[name] = fd
            if journal is not None:
                self._write(name, journal.lines[name])

    def _part(self, name: str) -> Path:
        return self.outdir / f"{name}.jsonl.part"

    def _write(self, name: str, lines: Iterable[str]) -> None:
        """Append whole lines, about a megabyte per ``os.write``: never half a line, never one huge buffer."""
        batch, size = [], 0
        for line in lines:
            batch.append(line)
            size += len(line)
            if size >= WRITE_BATCH_CHARS:
                self._write_all(name, batch)
                batch, size = [], 0
        if batch:
            self._write_all(name, batch)

    def _write_all(self, name: str, lines: list[str]) -> None:
        view = memoryview("".join(line + "\n" for line in lines).encode("utf-8"))
        while view:
            view = view[os.write(self._fds[name], view):]

    def write_document(self, claim_lines: Iterable[str], document_line: Optional[str],
                       error_lines: Iterable[str] = ()) -> None:
        """One document's output; its documents line goes last, marking it complete."""
        self._write("claims", claim_lines)
        self._write("errors", error_lines)
        if document_line is not None:
            self._write("documents", [document_line])

    def close(self) -> None:
        """Sync the parts to disk and rename them over the final files."""
        for fd in self._fds.values():
            os.fsync(fd)
            os.close(fd)
        self._fds.clear()
        for name in FILES:
            os.replace(self._part(name), self.outdir / f"{name}.jsonl")
        _fsync_dir(self.outdir)

    def __enter__(self) -> "OutputFolder":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            for fd in self._fds.values():
                os.close(fd)
            self._fds.clear()


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
