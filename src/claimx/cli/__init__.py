"""The `claimx` command line: a thin shell over the library (the library never imports it)."""
from __future__ import annotations

import click

from .extract import CONTEXT, extract_cmd, schema_cmd


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="claimx")
def main():
    """Extract checkable claims (percentages, money, counts, dates, quotations) from press releases.

    \b
    Example:
      claimx extract corpus/ -o output/
      claimx schema
    """


main.add_command(extract_cmd)
main.add_command(schema_cmd)
