"""`claimx review`, `export`, `evaluate` and `stats`: thin shells over ``claimx.review``."""
from __future__ import annotations

import json
from pathlib import Path

import click

from ..records import KINDS
from ..review.evaluate import evaluate, format_table
from ..review.interactive import review_in_terminal
from ..review.outdir import ReviewError, load_run
from ..review.report import write_report
from ..review.stats import format_stats, run_stats
from ..review.verdicts import import_verdicts, load_latest, reviewed

CONTEXT = {"help_option_names": ["-h", "--help"]}
OUTDIR = click.Path(exists=True, path_type=Path)


def _fail(exc: ReviewError):
    return click.ClickException(str(exc))


@click.command("review", context_settings=CONTEXT)
@click.argument("outdir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the HTML report [default: OUTDIR/report.html].")
@click.option("--interactive", is_flag=True, help="Review claims one at a time in the terminal instead.")
@click.option("--kind", "kinds", type=click.Choice(KINDS), multiple=True,
              help="With --interactive: only claims of this kind (repeatable).")
@click.option("--import", "import_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="First add the verdicts downloaded from the report to OUTDIR/reviews.jsonl.")
def review_cmd(outdir: Path, output: Path | None, interactive: bool, kinds: tuple, import_file: Path | None):
    """Write a self-contained HTML report of a run, or review its claims in the terminal.

    The report opens from disk with no network: each document with its claims
    highlighted, a table of all claims to filter and sort, and charts. Verdicts
    given on the page stay in the browser until you download them; --import adds
    the download to OUTDIR/reviews.jsonl. In the terminal (--interactive) each
    claim is shown in its sentence: a accept, r reject, c correct, s skip, q quit.
    Verdicts are appended to OUTDIR/reviews.jsonl at once, so a review resumes.

    \b
    Example:
      claimx review output/                      # writes output/report.html
      claimx review output/ -o /tmp/report.html
      claimx review output/ --interactive --kind quote
      claimx review output/ --import ~/Downloads/reviews-browser.jsonl
    """
    try:
        if import_file is not None:
            added = import_verdicts(outdir, import_file)
            click.echo(f"added {added} verdicts to {outdir / 'reviews.jsonl'}", err=True)
        if interactive:
            run = load_run(outdir)
            review_in_terminal(run, load_latest(outdir), kinds)
            return
        target = write_report(outdir, output)
    except ReviewError as exc:
        raise _fail(exc) from None
    click.echo(f"wrote {target}", err=True)


@click.command("export", context_settings=CONTEXT)
@click.argument("outdir", type=OUTDIR)
@click.option("--accepted", is_flag=True,
              help="Only claims accepted or corrected; without it, every claim not rejected.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8", lazy=True), default="-",
              show_default=True, help="File to write the records to, or - for stdout.")
def export_cmd(outdir: Path, accepted: bool, output):
    """Write the reviewed claims as JSONL, with corrections applied.

    Verdicts come from OUTDIR/reviews.jsonl (the latest per claim counts);
    claims.jsonl itself is never changed.

    \b
    Example:
      claimx export output/ --accepted -o reviewed.jsonl
      claimx export output/ | wc -l
    """
    try:
        run = load_run(outdir)
        records = reviewed(run.records, load_latest(run.path), accepted_only=accepted)
    except ReviewError as exc:
        raise _fail(exc) from None
    for record in records:
        output.write(record.model_dump_json() + "\n")
    click.echo(f"exported {len(records)} of {len(run.records)} records", err=True)


@click.command("evaluate", context_settings=CONTEXT)
@click.argument("outdir", type=OUTDIR)
@click.option("--gold", "gold", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Gold annotations: JSONL, one line per document, in the shared format.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option("--errors", is_flag=True, help="Also list every miss, extra, wrong value and wrong speaker.")
@click.option("--reviewed", "use_verdicts", is_flag=True,
              help="Score the reviewed set: rejected claims dropped, corrections applied.")
def evaluate_cmd(outdir: Path, gold: Path, as_json: bool, errors: bool, use_verdicts: bool):
    """Score a run against gold, with the same matching as shared/eval/score.py.

    Quantities match by overlapping span (detect), then by value (strict P/R/F1;
    valAcc is the share of detected items with the right value). Quotes match by
    character coverage; speaker accuracy counts found quotes with the right speaker.
    OUTDIR may also be a claims JSONL file.

    \b
    Example:
      claimx evaluate --gold ../shared/corpus/dev/gold.jsonl output/
      claimx evaluate --gold gold.jsonl output/ --json
      claimx evaluate --gold gold.jsonl output/ --errors | grep missed
    """
    try:
        run = load_run(outdir)
        records = reviewed(run.records, load_latest(run.path), accepted_only=False) if use_verdicts else run.records
        figures, mistakes = evaluate(gold, records)
    except ReviewError as exc:
        raise _fail(exc) from None
    for problem in run.problems:
        click.echo(problem, err=True)
    if as_json:
        if errors:
            figures["errors"] = [{"doc": m.doc, "what": m.what, "kind": m.kind, "line": m.line} for m in mistakes]
        click.echo(json.dumps(figures))
        return
    click.echo(format_table(figures))
    if errors:
        click.echo(f"\n{len(mistakes)} errors:")
        click.echo("\n".join(m.line for m in mistakes))


@click.command("stats", context_settings=CONTEXT)
@click.argument("outdir", type=OUTDIR)
@click.option("--json", "as_json", is_flag=True, help="Print everything as one JSON object.")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many speakers (and documents) to list.")
def stats_cmd(outdir: Path, as_json: bool, top: int):
    """Summarise a run: records per kind and per document, top speakers,
    documents with no claims, errors, and review progress.

    \b
    Example:
      claimx stats output/
      claimx stats output/ --json | jq .per_kind
    """
    try:
        run = load_run(outdir)
        stats = run_stats(run, load_latest(run.path), top=top)
    except ReviewError as exc:
        raise _fail(exc) from None
    click.echo(json.dumps(stats, ensure_ascii=False) if as_json else format_stats(stats, docs_shown=max(top, 20)))
