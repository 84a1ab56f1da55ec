"""claimx next to spaCy's en_core_web_sm NER (+ textacy quotes) and quantulum3, on the dev set.

Run by hand (never in the tests), from the repository root:

    .venv/bin/python benchmarks/quality.py
    .venv/bin/python benchmarks/quality.py --dev ../shared/corpus/dev/docs --gold ../shared/corpus/dev/gold.jsonl --keep preds/

Every tool's output is turned into claimx record kinds (see peer_records.py for how), and
all are scored by the shared scorer's own ``score`` function, so the figures are the ones
``score.py`` prints. A peer that is not installed gets a column saying so.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from types import ModuleType
from typing import Callable, Optional

import peer_records
import peers
from claimx.corpus import extract_corpus

DEV = peers.SHARED / "corpus" / "dev"
ROWS = (("percentage strict F1", "percentage", "strict_f1"), ("money strict F1", "money", "strict_f1"),
        ("count strict F1", "count", "strict_f1"), ("date strict F1", "date", "strict_f1"),
        ("quantities detect F1", "quantities", "detect_f1"), ("quantities strict P", "quantities", "strict_p"),
        ("quantities strict R", "quantities", "strict_r"), ("quantities strict F1", "quantities", "strict_f1"),
        ("quote F1", "quote", "f1"), ("quote speaker accuracy", "quote", "speaker_acc"),
        ("quote attributed F1", "quote", "attributed_f1"))
SPACY = "en_core_web_sm NER + textacy quotes"
NOT_DONE = {"quantulum3": {"date", "quote"}}  # kinds a tool does not attempt: shown as n/a


def parse_args(argv=None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dev", type=Path, default=DEV / "docs", help="folder of dev documents (.txt)")
    ap.add_argument("--gold", type=Path, default=DEV / "gold.jsonl", help="gold JSONL")
    ap.add_argument("--scorer", type=Path, default=peers.SHARED / "eval" / "score.py", help="the shared score.py")
    ap.add_argument("--keep", type=Path, default=None, help="also keep each tool's predictions here as JSONL")
    return ap.parse_args(argv)


def load_scorer(path: Path) -> ModuleType:
    """The shared score.py as a module, so its own loading and scoring code is used."""
    spec = importlib.util.spec_from_file_location("claimx_shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def dev_documents(folder: Path) -> dict[str, str]:
    """doc_id -> text, decoded with nothing normalised, as the gold offsets index it."""
    return {path.name: path.read_bytes().decode("utf-8") for path in sorted(folder.glob("*.txt"))}


def claimx_predictions(folder: Path) -> list[dict]:
    rows = []
    for result in extract_corpus([folder]):
        rows += [record.model_dump() for record in result.records]
    return rows


def spacy_predictions(docs: dict[str, str], direct_quotations: Optional[Callable],
                      notes: list[str]) -> Optional[list[dict]]:
    """en_core_web_sm entities, and textacy's quotes on the same parses when textacy is there."""
    nlp, missing = peers.load_spacy_model()
    if nlp is None:
        notes.append(f"en_core_web_sm: skipped, {missing}")
        return None
    rows, failed = [], 0
    for doc_id, doc in zip(docs, nlp.pipe(docs.values())):
        rows += peer_records.spacy_entity_records(doc, doc_id)
        if direct_quotations is not None:
            quotes, broke = peer_records.textacy_quote_records(doc, doc_id, direct_quotations)
            rows += quotes
            failed += broke
    if direct_quotations is not None:
        notes.append(f"textacy `direct_quotations` raised on {failed} of {len(docs)} documents"
                     " (counted as no quotes)")
    return rows


def quantulum_predictions(docs: dict[str, str], notes: list[str]) -> Optional[list[dict]]:
    parse, missing = peers.load_quantulum()
    if parse is None:
        notes.append(f"quantulum3: skipped, {missing}")
        return None
    rows = []
    for doc_id, text in docs.items():
        rows += peer_records.quantulum_records(parse(text), doc_id)
    return rows


def scored(scorer: ModuleType, gold: Path, rows: list[dict], name: str, folder: Path) -> dict:
    """The scorer's figures for one tool's rows, written to folder and read back by the scorer's loader."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.jsonl"
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return scorer.score(scorer.load_gold(gold), scorer.load_pred([path]), [])


def quality_table(results: dict[str, Optional[dict]], not_done: dict[str, set]) -> str:
    names = list(results)
    lines = ["| | " + " | ".join(names) + " |", "| --- |" + " ---: |" * len(names)]
    for label, kind, metric in ROWS:
        cells = [_cell(results[name], kind in not_done.get(name, ()), kind, metric) for name in names]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cell(result: Optional[dict], not_done: bool, kind: str, metric: str) -> str:
    if result is None:
        return "not installed"
    if not_done:
        return "n/a"
    return f"{result[kind][metric]:.3f}"


def header(scorer: ModuleType, gold: Path, folder: Path, docs: dict[str, str]) -> str:
    items = [item for row in scorer.load_gold(gold).values() for item in row["items"]]
    counts = ", ".join(f"{sum(i['kind'] == kind for i in items)} {kind}"
                       for kind in (*scorer.QUANTITY_KINDS, "quote"))
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (f"Measured {when}, claimx at {_claimx_commit()}, on the {len(docs)} documents of {_shown(folder)}"
            f" (gold: {counts}).")


def _shown(folder: Path) -> str:
    """The folder relative to the repository's parent, so a README does not carry a home path."""
    folder = folder.resolve()
    return str(folder.relative_to(peers.REPO.parent)) if folder.is_relative_to(peers.REPO.parent) else str(folder)


def _claimx_commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=peers.REPO, capture_output=True, text=True).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown commit"
    return commit + (" with uncommitted changes" if git("status", "--porcelain", "--", "src", "patterns") else "")


def main(argv=None) -> int:
    args = parse_args(argv)
    scorer = load_scorer(args.scorer)
    docs = dev_documents(args.dev)
    notes: list[str] = []
    not_done = dict(NOT_DONE)
    direct_quotations, no_textacy = peers.load_textacy_quotes()
    if direct_quotations is None:
        notes.append(f"textacy: skipped, {no_textacy}; no quote figures for en_core_web_sm")
        not_done[SPACY] = {"quote"}
    predictions = {"claimx": claimx_predictions(args.dev),
                   SPACY: spacy_predictions(docs, direct_quotations, notes),
                   "quantulum3": quantulum_predictions(docs, notes)}
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        results = {name: None if rows is None else scored(scorer, args.gold, rows, name.split()[0], folder)
                   for name, rows in predictions.items()}
    print(header(scorer, args.gold, args.dev, docs) + "\n")
    print(quality_table(results, not_done) + "\n")
    print("\n".join(f"- {note}" for note in notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
