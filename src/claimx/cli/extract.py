"""`claimx extract` and `claimx schema`: thin shells over the library."""
from __future__ import annotations

import json
import sys
import time
from functools import partial
from pathlib import Path

import click

from ..corpus import (DocOutput, RunSummary, default_jobs, load_worker, process_text, run_to_folder,
                      run_to_stream, to_output)
from ..patterns import PatternError
from ..reading import DEFAULT_MAX_BYTES, iter_sources
from ..records import record_schema
from ..writing import OutputFolder

CONTEXT = {"help_option_names": ["-h", "--help"]}


class Progress:
    """A progress bar on stderr (documents, records, rate); silent when stderr is not a terminal.

    Documents a resumed run skips move the bar too, so that it ends full; the rate counts
    only the documents extracted.
    """

    def __init__(self, total: int, enabled: bool):
        self.total, self.enabled = total, enabled
        self.records = self.extracted = 0
        self.started = time.monotonic()
        self.bar = click.progressbar(length=total, file=sys.stderr, label="documents",
                                     item_show_func=self._status) if enabled and total else None
        if self.bar is not None:
            self.bar.__enter__()

    def _status(self, _item) -> str:
        rate = self.extracted / max(time.monotonic() - self.started, 1e-6)
        return f"{self.records:,} records, {rate:,.1f} docs/s"

    def update(self, output: DocOutput) -> None:
        self.records += len(output.claim_lines)
        self.extracted += 1
        if self.bar is not None:
            self.bar.update(1, output)

    def skip(self, _source) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _count_sources(paths) -> int:
    return sum(1 for _ in iter_sources(paths))


@click.command("extract", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True, path_type=str))
@click.option("-o", "--output", "output", default="output", show_default=True,
              help="Output folder, or - to write claim records to stdout.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes [default: the number of cores].")
@click.option("--resume", is_flag=True, help="Skip documents already complete in the output folder.")
@click.option("--patterns", "patterns", type=click.Path(file_okay=False, path_type=str), default=None,
              help="A folder of pattern files to use instead of the shipped ones.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Refuse files larger than this (each refusal is logged in errors.jsonl).")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Run on a dask.distributed cluster (tcp://HOST:PORT); needs claimx[dask] here and on "
                   "the workers, which must see PATHS at the same absolute paths.")
def extract_cmd(paths, output, jobs, resume, patterns, max_bytes, scheduler):
    """Extract claims from the files and folders PATHS (.txt .md .html .htm .pdf; - for stdin).

    Writes OUTPUT/claims.jsonl (one record a line), OUTPUT/documents.jsonl (one line a
    document, with the text the offsets index) and OUTPUT/errors.jsonl (documents that could
    not be read, and why). Exits 1 when some documents failed; the rest are still written.

    \b
    Example:
      claimx extract corpus/ -o output/
      claimx extract releases/ -o runs/2024 --jobs 4 --resume
      claimx extract releases/ -o runs/2024 --scheduler tcp://10.0.0.5:8786
      cat release.txt | claimx extract - -o -
    """
    _check_patterns(patterns)
    if scheduler and ("-" in paths or output == "-"):
        raise click.UsageError("--scheduler writes an output folder from files: it cannot read stdin or write to -o -")
    jobs = jobs or default_jobs()
    if "-" in paths:
        summary = _extract_stdin(output, patterns)
    elif output == "-":
        summary = run_to_stream(paths, sys.stdout, jobs=jobs, patterns=patterns, max_bytes=max_bytes,
                                errors=sys.stderr)
    else:
        run = _cluster_runner(scheduler) if scheduler else partial(run_to_folder, jobs=jobs)
        progress = Progress(_count_sources(paths) if sys.stderr.isatty() else 0, sys.stderr.isatty())
        try:
            summary = run(paths, output, resume=resume, patterns=patterns, max_bytes=max_bytes,
                          on_document=progress.update, on_skipped=progress.skip)
        finally:
            progress.close()
    _report(summary, output)
    sys.exit(1 if summary.failed else 0)


def _cluster_runner(scheduler: str):
    """claimx.dask's run_to_folder bound to the scheduler; a usage error without the extra."""
    try:
        from .. import dask as claimx_dask
    except ImportError:
        raise click.UsageError("--scheduler needs the dask extra: pip install 'claimx[dask]'") from None

    def run(*args, **kwargs) -> RunSummary:
        try:
            return claimx_dask.run_to_folder(*args, scheduler=scheduler, **kwargs)
        except claimx_dask.SchedulerError as exc:
            raise click.ClickException(str(exc)) from None

    return run


def _check_patterns(patterns) -> None:
    """Load the pattern folder once up front, so a bad file is a usage error (exit 2)."""
    try:
        load_worker(patterns)
    except PatternError as exc:
        raise click.BadParameter(str(exc), param_hint="--patterns") from None


def _extract_stdin(output: str, patterns) -> RunSummary:
    text = sys.stdin.read()
    out = to_output(process_text(load_worker(patterns), text))
    summary = RunSummary(documents=1, records=len(out.claim_lines))
    if output == "-":
        sys.stdout.write("".join(line + "\n" for line in out.claim_lines))
    else:
        with OutputFolder(Path(output)) as folder:
            folder.write_document(out.claim_lines, out.document_line, out.error_lines)
    return summary


def _report(summary: RunSummary, output: str) -> None:
    where = "" if output == "-" else f" into {output}/"
    skipped = f", {summary.skipped} already done" if summary.skipped else ""
    failed = f"; {summary.failed} failed (see {output}/errors.jsonl)" if summary.failed and output != "-" else (
        f"; {summary.failed} failed" if summary.failed else "")
    click.echo(f"{summary.documents} documents, {summary.records} records{where}{skipped}{failed}", err=True)


@click.command("schema", context_settings=CONTEXT)
def schema_cmd():
    """Print the JSON Schema of a claims.jsonl record.

    \b
    Example:
      claimx schema > claim.schema.json
    """
    click.echo(json.dumps(record_schema(), indent=2))
