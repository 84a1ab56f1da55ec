"""The review commands' shells: help, examples, and errors turned into messages."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from claimx.cli.review import evaluate_cmd, export_cmd, review_cmd, stats_cmd

COMMANDS = [review_cmd, export_cmd, evaluate_cmd, stats_cmd]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_ends_with_an_example(command, flag):
    result = CliRunner().invoke(command, [flag])
    assert result.exit_code == 0
    text = result.output.split("Options:")[0].rstrip()
    example = text.split("Example:")[-1].strip().splitlines()
    assert "Example:" in text and example and all(line.strip().startswith("claimx " + command.name)
                                                   for line in example)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_a_missing_folder_is_a_usage_error(command, tmp_path):
    args = [str(tmp_path / "nope")] + (["--gold", __file__] if command is evaluate_cmd else [])
    result = CliRunner().invoke(command, args)
    assert result.exit_code == 2 and "does not exist" in result.output


@pytest.mark.parametrize("command", [export_cmd, stats_cmd], ids=lambda c: c.name)
def test_a_folder_without_claims_is_an_error_with_a_fix(command, tmp_path):
    result = CliRunner().invoke(command, [str(tmp_path)])
    assert result.exit_code == 1 and result.output.startswith("Error: ") and "claimx extract" in result.output


def test_evaluate_with_bad_gold_names_the_line(tmp_path):
    from test_review_outdir import sample_outdir
    out = sample_outdir(tmp_path / "out")
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc_id": "a.txt", "items": []}\nnot json\n')
    result = CliRunner().invoke(evaluate_cmd, ["--gold", str(gold), str(out)])
    assert result.exit_code == 1 and f"{gold}:2" in result.output
