"""The `claimx` command line: a thin shell over the library (the library never imports it)."""
from __future__ import annotations

import click

from .extract import CONTEXT, extract_cmd, schema_cmd
from .review import evaluate_cmd, export_cmd, review_cmd, stats_cmd


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="claimx")
def main():
    """Extract checkable claims (percentages, money, counts, dates, quotations) from press releases.

    \b
    Example:
      claimx extract corpus/ -o output/
      claimx review output/ -o output/report.html
      claimx evaluate --gold corpus/gold.jsonl output/
    """


for command in (extract_cmd, schema_cmd, review_cmd, export_cmd, evaluate_cmd, stats_cmd):
    main.add_command(command)
