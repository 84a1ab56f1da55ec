"""Running the extractor over many documents: one process or many, same output either way.

Documents are read lazily and go through ``Extractor.pipe``, which runs each component over
a few of them in turn. One process streams the results; a pool's workers take a task of a
few dozen documents at a time, and results come back in input order (``Pool.imap``), so
the output is byte-identical whatever the number of jobs.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import threading
from collections import deque
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator, Optional

from .pipeline import Extractor, Form
from .reading import (DEFAULT_MAX_BYTES, Document, ReadError, Source, document_from_text, iter_sources,
                      read_document)
from .writing import Journal, OutputFolder, read_journal


@dataclass(slots=True)
class DocResult:
    """One document's outcome: its records, or the error that stopped it."""
    source: Source
    document: Optional[Document] = None
    records: list = field(default_factory=list)
    error: Optional[ReadError] = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(slots=True)
class DocOutput:
    """A DocResult as the JSONL lines it writes (cheap to send between processes)."""
    doc_id: str
    sha256: Optional[str]
    claim_lines: list[str]
    document_line: Optional[str]
    error_lines: list[str]

    @property
    def ok(self) -> bool:
        return self.document_line is not None


def error_line(source: Source, stage: str, reason: str, hint: str) -> str:
    return json.dumps({"doc_id": source.doc_id, "path": str(source.path), "stage": stage,
                       "reason": reason, "hint": hint}, ensure_ascii=False)


def process_source(extractor: Extractor, source: Source, *, max_bytes: int = DEFAULT_MAX_BYTES,
                   form: Form = "models") -> DocResult:
    """Read and extract one file; a bad file gives an error result, never an exception.

    ``form`` says what the records are: pydantic models, plain dicts, or claims.jsonl
    lines (the CLI's path, which only writes them).
    """
    return next(extract_sources(extractor, [source], max_bytes=max_bytes, form=form))


def extract_sources(extractor: Extractor, sources: Iterable[Source], *, max_bytes: int = DEFAULT_MAX_BYTES,
                    form: Form = "models") -> Iterator[DocResult]:
    """A DocResult per source, in order, the documents going through ``Extractor.pipe``
    together; each file is read only when the pipe's batch needs it.

    A bad file gives an error result. An exception inside the pipe (a bug) must cost one
    document, never the batch: the documents it held are then done again one by one, and
    the one that fails again gets the error.
    """
    sources = iter(sources)
    while True:
        waiting: deque[DocResult] = deque()  # read, not yet given back, in order
        try:
            for records in extractor.pipe(_readable(sources, waiting, max_bytes), form=form):
                yield from _failed_reads(waiting)
                result = waiting.popleft()
                result.records = records
                yield result
            yield from waiting
            return
        except Exception:
            for result in waiting:
                yield _extract_alone(extractor, result, form) if result.ok else result


def _readable(sources: Iterator[Source], waiting: deque, max_bytes: int) -> Iterator[tuple[str, str, Optional[str]]]:
    """What ``Extractor.pipe`` takes, read from the sources; every result joins ``waiting``."""
    for source in sources:
        result = _read(source, max_bytes)
        waiting.append(result)
        if result.ok:
            yield result.document.text, result.document.doc_id, result.document.published


def _read(source: Source, max_bytes: int) -> DocResult:
    try:
        return DocResult(source, document=read_document(source, max_bytes=max_bytes))
    except ReadError as exc:
        return DocResult(source, error=exc)
    except Exception as exc:  # a bug or a broken install must cost one document, never the run
        return DocResult(source, error=_unexpected("read", exc))


def _failed_reads(waiting: deque) -> Iterator[DocResult]:
    while waiting and not waiting[0].ok:
        yield waiting.popleft()


def _extract_alone(extractor: Extractor, result: DocResult, form: Form) -> DocResult:
    document = result.document
    try:
        records = next(extractor.pipe([(document.text, document.doc_id, document.published)], form=form))
    except Exception as exc:
        return DocResult(result.source, error=_unexpected("extract", exc))
    return DocResult(result.source, document=document, records=records)


def _unexpected(stage: str, exc: Exception) -> ReadError:
    return ReadError(stage, f"claimx failed on this document ({type(exc).__name__}: {exc})",
                     "please report this as a claimx bug, attaching the file and this line")


def process_text(extractor: Extractor, text: str, *, doc_id: str = "-") -> DocResult:
    """Extract one text already in memory (stdin), records as lines, like a file's on the CLI path."""
    document = document_from_text(text, doc_id=doc_id)
    records = extractor.extract_lines(text, doc_id=doc_id, published=document.published)
    return DocResult(Source(Path(doc_id), doc_id), document=document, records=records)


def to_output(result: DocResult) -> DocOutput:
    """A DocResult whose records are lines (``form="lines"``), as the lines it writes."""
    if result.error is not None:
        e = result.error
        return DocOutput(result.source.doc_id, None, [], None,
                         [error_line(result.source, e.stage, e.reason, e.hint)])
    doc = result.document
    warnings = [error_line(result.source, "decode", w, "the text was read with the fallback; check the output")
                for w in doc.warnings]
    return DocOutput(doc.doc_id, doc.sha256, result.records,
                     json.dumps(doc.summary(), ensure_ascii=False), warnings)


# What a worker takes at a time: up to this many documents, and this many bytes of files
# (a task's output, texts included, comes back in one piece). Fewer, larger tasks cost the
# parent less: at 8 documents a task its share of the CPU was nearly twice that at 32.
TASK_DOCUMENTS = 32
TASK_BYTES = 4_000_000

_extractors: dict[Optional[str], Extractor] = {}
_extractors_lock = threading.Lock()
_worker: dict = {"patterns": None, "max_bytes": DEFAULT_MAX_BYTES}


def load_worker(patterns: Optional[str | Path] = None) -> Extractor:
    """This process's Extractor for a patterns folder, built on first use and kept.

    Every way of running claimx in a process (the library, the CLI's pool, Dask workers)
    shares this cache, so the pipeline is loaded once per process and patterns folder.
    """
    key = None if patterns is None else str(patterns)
    with _extractors_lock:
        if key not in _extractors:
            _extractors[key] = Extractor(key)
        return _extractors[key]


def _init_worker(patterns: Optional[str], max_bytes: int) -> None:
    """Set what this process's work items use, loading the pipeline if it is not yet loaded."""
    load_worker(patterns)
    _worker.update(patterns=patterns, max_bytes=max_bytes)


def _results(sources: Iterable[Source], form: Form) -> Iterator:
    """This process's results for the sources as they are done: DocOutputs for form "lines"
    (what the CLI writes), else DocResults."""
    results = extract_sources(load_worker(_worker["patterns"]), sources, max_bytes=_worker["max_bytes"], form=form)
    return map(to_output, results) if form == "lines" else results


def _task(form: Form, sources: list[Source]) -> list:
    """A worker's task: the results of a few sources at once."""
    return list(_results(sources, form))


def _run(sources: Iterable[Source], form: Form, *, jobs: int, patterns: Optional[str], max_bytes: int) -> Iterator:
    """The results of the sources in order: streamed from this process, or from a pool of
    ``jobs`` workers that take them a task (a few documents) at a time.

    The pipeline is loaded here first, so a bad pattern file fails once, in the caller,
    before any worker starts; forked workers inherit it instead of loading their own.
    """
    _init_worker(patterns, max_bytes)
    if jobs <= 1:
        yield from _results(sources, form)
        return
    if "fork" in multiprocessing.get_all_start_methods():
        pool = multiprocessing.get_context("fork").Pool(jobs)
    else:
        pool = multiprocessing.get_context("spawn").Pool(jobs, initializer=_init_worker,
                                                         initargs=(patterns, max_bytes))
    with pool:
        for results in pool.imap(partial(_task, form), tasks(sources)):
            yield from results


def tasks(sources: Iterable[Source], documents: int = TASK_DOCUMENTS, size: int = TASK_BYTES) -> Iterator[list[Source]]:
    """The sources in order, cut into tasks of at most ``documents`` files and about ``size``
    bytes (a larger file makes a task of its own)."""
    task: list[Source] = []
    total = 0
    for source in sources:
        length = _file_size(source.path)
        if task and (len(task) == documents or total + length > size):
            yield task
            task, total = [], 0
        task.append(source)
        total += length
    if task:
        yield task


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # the worker that reads it reports why
        return 0


def batched(items: Iterable, size: int) -> Iterator[list]:
    """Lists of ``size`` items in turn (the last may be shorter)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def extract_corpus(paths: Iterable[str | Path], *, jobs: int = 1, patterns: Optional[str] = None,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[DocResult]:
    """Yield a DocResult per file under ``paths``, in a stable order, as they are done."""
    yield from _run(iter_sources(paths), "models", jobs=jobs, patterns=patterns, max_bytes=max_bytes)


def extract_lines(sources: Iterable[Source], *, jobs: int = 1, patterns: Optional[str] = None,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[DocOutput]:
    """Like extract_corpus, but each document as the JSONL lines it writes (the CLI's path)."""
    yield from _run(sources, "lines", jobs=jobs, patterns=patterns, max_bytes=max_bytes)


def extract_file(path: str | Path, *, patterns: Optional[str] = None) -> list:
    """The records of one file; raises ReadError when it cannot be read."""
    path = Path(path)
    result = next(extract_corpus([path], patterns=patterns))
    if result.error is not None:
        raise result.error
    return result.records


@dataclass(slots=True)
class RunSummary:
    documents: int = 0
    records: int = 0
    failed: int = 0
    skipped: int = 0


def file_sha256(path: Path) -> Optional[str]:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def settle_journal(sources: Iterable[Source], journal: Journal) -> set[tuple[str, str]]:
    """Which sources a resumed run skips, as (doc_id, path); forgets the journal's stale documents.

    One pass that keeps only the skipped sources, so a resumed run does not hold the
    whole list of paths; a document the journal has never seen is not even hashed.
    """
    journal_ids = {doc_id for doc_id, _ in journal.done}
    skip, stale = set(), set()
    for source in sources:
        if source.doc_id not in journal_ids:
            continue  # new: nothing of it in the journal to skip or forget
        if journal.is_done(source.doc_id, file_sha256(source.path) or ""):
            skip.add((source.doc_id, str(source.path)))
        else:
            stale.add(source.doc_id)
    journal.forget(stale)
    return skip


def pending_sources(paths: list, outdir: Path, resume: bool, summary: RunSummary,
                    on_skipped: Optional[Callable[[Source], None]] = None) -> tuple[Optional[Journal], Iterator[Source]]:
    """A resumed run's journal (None when not resuming) and the sources still to do; each
    skipped source is counted into ``summary`` and handed to ``on_skipped``."""
    journal = read_journal(outdir) if resume else None
    skip = settle_journal(iter_sources(paths), journal) if journal is not None else set()
    return journal, without_skipped(iter_sources(paths), skip, summary, on_skipped)


def without_skipped(sources: Iterable[Source], skip: set[tuple[str, str]], summary: RunSummary,
                    on_skipped: Optional[Callable[[Source], None]] = None) -> Iterator[Source]:
    """The sources still to do, counting the skipped ones into ``summary``."""
    for source in sources:
        if (source.doc_id, str(source.path)) in skip:
            summary.skipped += 1
            if on_skipped is not None:
                on_skipped(source)
        else:
            yield source


def run_to_folder(paths: Iterable[str | Path], outdir: str | Path, *, jobs: int = 1, resume: bool = False,
                  patterns: Optional[str] = None, max_bytes: int = DEFAULT_MAX_BYTES,
                  on_document: Optional[Callable[[DocOutput], None]] = None,
                  on_skipped: Optional[Callable[[Source], None]] = None) -> RunSummary:
    """Extract every file under ``paths`` into ``outdir`` (claims, documents, errors).

    ``on_document`` sees each document's output as it is written; with ``resume``,
    ``on_skipped`` sees each document skipped as already complete.
    """
    paths, outdir = list(paths), Path(outdir)
    summary = RunSummary()
    journal, sources = pending_sources(paths, outdir, resume, summary, on_skipped)
    with OutputFolder(outdir, journal=journal) as out:
        for output in extract_lines(sources, jobs=jobs, patterns=patterns, max_bytes=max_bytes):
            out.write_document(output.claim_lines, output.document_line, output.error_lines)
            _count(summary, output)
            if on_document is not None:
                on_document(output)
    return summary


def run_to_stream(paths: Iterable[str | Path], stream: IO[str], *, jobs: int = 1, patterns: Optional[str] = None,
                  max_bytes: int = DEFAULT_MAX_BYTES, errors: Optional[IO[str]] = None,
                  on_document: Optional[Callable[[DocOutput], None]] = None) -> RunSummary:
    """Write claim lines to a stream (``-o -``); error lines go to ``errors`` if given."""
    summary = RunSummary()
    for output in extract_lines(iter_sources(paths), jobs=jobs, patterns=patterns, max_bytes=max_bytes):
        stream.write("".join(line + "\n" for line in output.claim_lines))
        if errors is not None and not output.ok:
            errors.write("".join(line + "\n" for line in output.error_lines))
        _count(summary, output)
        if on_document is not None:
            on_document(output)
    stream.flush()
    return summary


def _count(summary: RunSummary, output: DocOutput) -> None:
    summary.documents += 1
    summary.records += len(output.claim_lines)
    summary.failed += not output.ok
