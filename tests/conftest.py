"""Shared fixtures. Tests that read ../shared skip cleanly where it is absent."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimx.pipeline import Extractor

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "eval" / "score.py").is_file():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def dev_set(shared_dir: Path) -> tuple[Path, dict]:
    """The dev documents folder and its gold, keyed by doc_id."""
    dev = shared_dir / "corpus" / "dev"
    gold = {}
    for line in (dev / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            gold[row["doc_id"]] = row
    return dev / "docs", gold
