"""`claimx extract --scheduler` writes what a local run writes."""
import pytest
from click.testing import CliRunner

from claimx.cli import main

distributed = pytest.importorskip("distributed")

RELEASE = "Grants announced\n\nThe agency awarded $3.2 million to 14 towns on June 26, 2012.\n"


def test_scheduler_run_matches_local_run(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(3):
        (corpus / f"r{n}.txt").write_text(RELEASE.replace("14", str(14 + n)), encoding="utf-8")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as cluster:
        remote = CliRunner().invoke(main, ["extract", str(corpus), "-o", str(tmp_path / "remote"),
                                           "--scheduler", cluster.scheduler_address])
    local = CliRunner().invoke(main, ["extract", str(corpus), "-o", str(tmp_path / "local"), "-j", "1"])
    assert remote.exit_code == local.exit_code == 0, remote.output
    for name in ("claims.jsonl", "documents.jsonl", "errors.jsonl"):
        assert (tmp_path / "remote" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()
