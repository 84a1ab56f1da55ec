"""Running claimx on Dask: a bag step for other pipelines, and a cluster run into an output folder.

Both load the pipeline once per worker process, not per document (``claimx.corpus.load_worker``).
The workers read the files themselves, so every file (and a ``patterns`` folder, if given)
must be readable at the same absolute path on every worker, as on a shared file system
(relative paths are taken from the caller's working directory), and claimx must be
installed there. spaCy holds the GIL while it works, so start workers with
one thread each and as many processes as cores (``dask worker --nthreads 1 --nworkers N``).

``run_to_folder`` writes exactly what ``claimx.corpus.run_to_folder`` writes: documents go
to the cluster in batches, a bounded number at a time, and their outputs are written in
input order through the same ``OutputFolder``, so the files are byte-identical and memory
stays flat however many documents there are.
"""
from __future__ import annotations

from collections import deque
from contextlib import nullcontext
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional, Union

import dask.bag as db

from .corpus import (DocOutput, DocResult, RunSummary, _count, batched, extract_sources, load_worker,
                     pending_sources, to_output)
from .reading import DEFAULT_MAX_BYTES, Source, iter_sources
from .writing import OutputFolder

if TYPE_CHECKING:
    from distributed import Client

BATCH_SIZE = 32



class DocumentError(Exception):
    """A document in a bag that could not be read; it says which and why (picklable, unlike ReadError)."""


class SchedulerError(Exception):
    """The Dask scheduler cannot be reached at the address given, or the address is malformed."""


def _absolute(patterns: Optional[str | Path]) -> Optional[str]:
    """A patterns folder as the workers must see it: absolute, from the caller's working directory."""
    return None if patterns is None else str(Path(patterns).absolute())


def extract_bag(bag: db.Bag, *, patterns: Optional[str | Path] = None, texts: bool = False,
                as_dicts: bool = False) -> db.Bag:
    """A bag of the records found in a bag of documents, in the bag's order.

    By default the items are paths of files or folders, read as ``claimx extract`` reads
    them (a folder gives all its files; a file's doc_id is its name; a relative path is
    taken from the caller's working directory). With ``texts=True`` the items are
    ``(doc_id, text)`` pairs. Records are pydantic models, or with ``as_dicts=True`` plain
    dicts, the shape of a claims.jsonl line. A file that cannot be read raises DocumentError.
    """
    patterns = _absolute(patterns)
    if texts:
        return bag.map_partitions(_records_of_texts, patterns, as_dicts)
    return bag.map_partitions(_records_of_paths, patterns, as_dicts, str(Path.cwd()))


def _records_of_paths(paths: Iterable[str | Path], patterns: Optional[str], as_dicts: bool, base: str) -> list:
    records = []
    sources = iter_sources(Path(base, path) for path in paths)
    for result in extract_sources(load_worker(patterns), sources, form="dicts" if as_dicts else "models"):
        if result.error is not None:
            raise DocumentError(f"{result.source.path}: {result.error.stage}: {result.error.reason}"
                                f" ({result.error.hint})")
        records.extend(result.records)
    return records


def _records_of_texts(pairs: Iterable[tuple[str, str]], patterns: Optional[str], as_dicts: bool) -> list:
    documents = ((text, doc_id, None) for doc_id, text in pairs)
    pipe = load_worker(patterns).pipe(documents, form="dicts" if as_dicts else "models")
    return [record for records in pipe for record in records]


def outputs_of_batch(sources: list[Source], patterns: Optional[str], max_bytes: int, base: str) -> list[DocOutput]:
    """The task a worker runs: read and extract a batch of files into their JSONL lines.

    A relative path is read from ``base``, the caller's working directory, and written as
    given, as the local run writes it.
    """
    located = [Source(Path(base, source.path), source.doc_id) for source in sources]
    results = extract_sources(load_worker(patterns), located, max_bytes=max_bytes, form="lines")
    return [to_output(_as_given(result, source)) for result, source in zip(results, sources)]


def _as_given(result: DocResult, source: Source) -> DocResult:
    result.source = source
    if result.document is not None:
        result.document.path = str(source.path)
    return result


def run_to_folder(paths: Iterable[str | Path], outdir: str | Path, *, scheduler: Union[str, "Client"],
                  patterns: Optional[str | Path] = None, max_bytes: int = DEFAULT_MAX_BYTES,
                  resume: bool = False, batch_size: int = BATCH_SIZE, in_flight: Optional[int] = None,
                  on_document: Optional[Callable[[DocOutput], None]] = None,
                  on_skipped: Optional[Callable[[Source], None]] = None) -> RunSummary:
    """Extract every file under ``paths`` into ``outdir`` on a dask.distributed cluster.

    ``scheduler`` is the scheduler's address (``tcp://host:8786``) or a connected Client.
    The output folder is the one ``claimx.corpus.run_to_folder`` writes, byte for byte.
    ``batch_size`` documents make one task; at most ``in_flight`` tasks are queued at a
    time (default: twice the cluster's threads). ``on_document`` and ``on_skipped`` are
    called as by the local ``run_to_folder``.
    """
    paths, outdir = list(paths), Path(outdir)
    summary = RunSummary()
    journal, sources = pending_sources(paths, outdir, resume, summary, on_skipped)
    task = partial(outputs_of_batch, patterns=_absolute(patterns), max_bytes=max_bytes, base=str(Path.cwd()))
    with _client(scheduler) as client, OutputFolder(outdir, journal=journal) as out:
        window = in_flight or max(2, 2 * sum(client.nthreads().values()))
        for output in _cluster_outputs(client, task, sources, batch_size, window):
            out.write_document(output.claim_lines, output.document_line, output.error_lines)
            _count(summary, output)
            if on_document is not None:
                on_document(output)
    return summary


def _client(scheduler: Union[str, "Client"]):
    """A context giving a Client: a new one for an address (closed after), or the one given."""
    from distributed import Client  # imported here so that extract_bag needs only dask[bag]

    if isinstance(scheduler, Client):
        return nullcontext(scheduler)
    try:
        return Client(scheduler, set_as_default=False)
    except (OSError, ValueError) as exc:  # unreachable (OSError) or not an address (ValueError)
        raise SchedulerError(f"cannot reach the Dask scheduler at {scheduler} ({exc}); check the address "
                             "and that `dask scheduler` is running there") from None


def _cluster_outputs(client: "Client", task: Callable[[list[Source]], list[DocOutput]], sources: Iterable[Source],
                     batch_size: int, window: int) -> Iterator[DocOutput]:
    """Each document's output in input order, with at most ``window`` batches queued."""
    queued: deque = deque()
    for batch in batched(sources, batch_size):
        if len(queued) >= window:
            yield from queued.popleft().result()
        queued.append(client.submit(task, batch, pure=False))
    while queued:
        yield from queued.popleft().result()
