"""Quote F1 and speaker accuracy on the dev set, scored by the shared score.py."""
from __future__ import annotations

import importlib.util
import json

import spacy

from claimx.pipeline import Extractor

QUOTE_F1 = 0.93
SPEAKER_ACCURACY = 0.93


def test_dev_set_quotes_meet_the_targets(dev_set, shared_dir):
    docs, gold = dev_set
    nlp = spacy.blank("en")
    nlp.add_pipe("claimx_quotes")
    extractor = Extractor(nlp=nlp)
    spec = importlib.util.spec_from_file_location("score", shared_dir / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    pred: dict[str, list] = {}
    for doc_id in gold:
        text = (docs / doc_id).read_text(encoding="utf-8")
        pred[score.stem(doc_id)] = [json.loads(r.model_dump_json()) for r in extractor.extract(text, doc_id=doc_id)
                                    if r.kind == "quote"]
    result = score.score({score.stem(k): v for k, v in gold.items()}, pred, [])["quote"]
    assert result["f1"] >= QUOTE_F1
    assert result["speaker_acc"] >= SPEAKER_ACCURACY
