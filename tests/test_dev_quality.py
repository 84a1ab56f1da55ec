"""Quality, scored like the shared scorer: a regression guard on the dev set and on our own corpus.

The floors are the issues' targets; the measured figures (README) sit above them, so a
change that loses accuracy below a target fails here.
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

import claimx
from claimx.review.evaluate import evaluate

ROOT = Path(__file__).resolve().parent.parent
QUANTITY_FLOORS = {"quantities": 0.95, "percentage": 0.92, "money": 0.92, "count": 0.92, "date": 0.92}
QUOTE_FLOORS = {"f1": 0.93, "speaker_acc": 0.93}


@pytest.fixture(scope="module")
def dev_scores(shared_dir, tmp_path_factory) -> dict:
    dev = shared_dir / "corpus" / "dev"
    pred = tmp_path_factory.mktemp("dev") / "claims.jsonl"
    with open(pred, "w", encoding="utf-8") as out:
        for result in claimx.extract_corpus([dev / "docs"]):
            out.writelines(r.model_dump_json() + "\n" for r in result.records)
    scored = subprocess.run([sys.executable, str(shared_dir / "eval" / "score.py"), "--gold", str(dev / "gold.jsonl"),
                             "--pred", str(pred), "--json"], capture_output=True, text=True, check=True)
    return json.loads(scored.stdout)


@pytest.fixture(scope="module")
def corpus_scores() -> dict:
    records = [r for result in claimx.extract_corpus([ROOT / "corpus"]) for r in result.records]
    figures, _ = evaluate(ROOT / "corpus" / "gold.jsonl", records)
    return figures


@pytest.mark.parametrize("kind", sorted(QUANTITY_FLOORS))
def test_dev_quantity_strict_f1(dev_scores, kind):
    assert dev_scores[kind]["strict_f1"] >= QUANTITY_FLOORS[kind]


@pytest.mark.parametrize("measure", sorted(QUOTE_FLOORS))
def test_dev_quotes(dev_scores, measure):
    assert dev_scores["quote"][measure] >= QUOTE_FLOORS[measure]


@pytest.mark.parametrize("kind", sorted(QUANTITY_FLOORS))
def test_sample_corpus_quantity_strict_f1(corpus_scores, kind):
    assert corpus_scores[kind]["strict_f1"] >= QUANTITY_FLOORS[kind]


@pytest.mark.parametrize("measure", sorted(QUOTE_FLOORS))
def test_sample_corpus_quotes(corpus_scores, measure):
    assert corpus_scores["quote"][measure] >= QUOTE_FLOORS[measure]


def test_every_document_the_sample_corpus_run_reads_has_gold():
    gold_ids = {json.loads(line)["doc_id"] for line in (ROOT / "corpus" / "gold.jsonl").read_text().splitlines()}
    assert {result.source.doc_id for result in claimx.extract_corpus([ROOT / "corpus"])} == gold_ids
