"""`claimx stats`: per kind, per document, speakers, silent documents, errors, review progress."""
from __future__ import annotations

import json

from click.testing import CliRunner

from claimx.cli.review import stats_cmd
from claimx.review.outdir import load_run
from claimx.review.stats import run_stats
from claimx.review.verdicts import Verdict, append_verdicts
from test_review_outdir import FLOOD, HOSTILE, MISSING, QUIET, flood_records, sample_outdir


def test_counts(tmp_path):
    out = sample_outdir(tmp_path / "out")
    append_verdicts(out, [Verdict(id=flood_records()[0].id, verdict="accept")])
    stats = run_stats(load_run(out), {flood_records()[0].id: Verdict(id=flood_records()[0].id, verdict="accept")})
    assert stats["records"] == 25 and stats["documents"] == 3
    assert stats["per_kind"] == {"percentage": 2, "money": 5, "count": 6, "date": 7, "multiplier": 1,
                                 "change": 1, "quote": 3}
    assert stats["per_document"] == {FLOOD: 19, HOSTILE: 5, MISSING: 1}
    assert stats["top_speakers"] == {"Maya Patel": 2, "<script>window.__pwned=3</script>": 1}
    assert stats["documents_without_claims"] == [QUIET]
    assert stats["documents_unknown"] == [MISSING]
    assert stats["errors"] == 1 and stats["errors_by_stage"] == {"read": 1}
    assert stats["review"]["accept"] == 1 and stats["review"]["unreviewed"] == 24


def test_table_output(tmp_path):
    out = sample_outdir(tmp_path / "out")
    result = CliRunner().invoke(stats_cmd, [str(out)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "25 records in 3 documents, 1 error"
    assert any(line.split() == ["percentage", "2"] for line in lines)
    assert "Documents with no claims: 1" in result.output and QUIET in result.output
    assert "broken.pdf: not a PDF file" in result.output
    assert "Maya Patel" in result.output


def test_json_output(tmp_path):
    out = sample_outdir(tmp_path / "out")
    result = CliRunner().invoke(stats_cmd, [str(out), "--json", "--top", "1"])
    assert result.exit_code == 0
    stats = json.loads(result.output)
    assert stats["top_speakers"] == {"Maya Patel": 2} and stats["per_kind"]["date"] == 7

