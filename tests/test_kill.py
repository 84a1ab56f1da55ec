"""SIGKILL at any moment leaves valid files, and --resume finishes the run exactly."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

PARAGRAPH = ("The department paid £{n},000 to {n} councils in 2021, a rise of {n}% on the year before. "
             "Around 1,200 homes were built.\n\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("kill") / "corpus"
    folder.mkdir()
    for n in range(80):
        (folder / f"doc{n:03}.txt").write_text(f"Release {n}\n\n" + PARAGRAPH.format(n=n) * 150, encoding="utf-8")
    return folder


def _extract(corpus: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "claimx", "extract", str(corpus), "-o", str(out), "-j", "1", *extra],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _assert_no_torn_lines(out: Path) -> None:
    for path in out.iterdir():
        data = path.read_bytes()
        assert not data or data.endswith(b"\n"), path
        for line in data.splitlines():
            json.loads(line)


def _kill_after(proc: subprocess.Popen, part: Path, documents: int) -> None:
    """SIGKILL the run once its journal holds `documents` complete documents."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if part.exists() and part.read_bytes().count(b"\n") >= documents:
            break
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


def test_killed_runs_resume_to_the_uninterrupted_output(corpus, tmp_path):
    full = tmp_path / "full"
    assert _extract(corpus, full).wait() == 0
    out = tmp_path / "killed"
    for documents in (5, 30, 60):
        _kill_after(_extract(corpus, out, "--resume"), out / "documents.jsonl.part", documents)
        _assert_no_torn_lines(out)
        assert (out / "documents.jsonl.part").exists(), "the kill came before the run finished"
    assert _extract(corpus, out, "--resume").wait() == 0
    for name in ("claims.jsonl", "documents.jsonl", "errors.jsonl"):
        assert (out / name).read_bytes() == (full / name).read_bytes(), name
