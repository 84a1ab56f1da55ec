"""Reviewing a run: the HTML report, verdicts, evaluation against gold, and run statistics."""
from .evaluate import evaluate, format_table, score
from .outdir import ReviewError, Run, load_run
from .report import render, write_report
from .stats import format_stats, run_stats
from .verdicts import Verdict, append_verdicts, import_verdicts, load_latest, reviewed

__all__ = ["ReviewError", "Run", "Verdict", "append_verdicts", "evaluate", "format_stats", "format_table",
           "import_verdicts", "load_latest", "load_run", "render", "reviewed", "run_stats", "score",
           "write_report"]
