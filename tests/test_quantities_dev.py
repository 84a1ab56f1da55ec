"""Quantity extraction on the dev set meets its targets (skips where ../shared is absent)."""
import importlib.util
import json

import pytest

KINDS = ("percentage", "money", "count", "date")


@pytest.fixture(scope="module")
def scores(dev_set, shared_dir, extractor):
    docs, gold = dev_set
    spec = importlib.util.spec_from_file_location("claimx_score", shared_dir / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    pred = {}
    for path in sorted(docs.glob("*.txt")):
        records = extractor.extract(path.read_text(encoding="utf-8"), doc_id=path.name)
        pred[score.stem(path.name)] = [json.loads(r.model_dump_json()) for r in records]
    gold_by_stem = {score.stem(k): v for k, v in gold.items()}
    return score.score(gold_by_stem, pred, [])


def test_quantities_strict_f1(scores):
    assert scores["quantities"]["strict_f1"] >= 0.95


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_strict_f1(scores, kind):
    assert scores[kind]["strict_f1"] >= 0.92
