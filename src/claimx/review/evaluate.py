"""Scoring a run against gold annotations, with the matching of ``shared/eval/score.py``.

Quantities (percentage, money, count, date) match one to one by overlapping span, the
largest overlaps first ("detect"); "strict" also needs the value (money: and currency).
A gold quote is found when predicted quotes cover at least half of it; a predicted quote
is right when at least half of its own characters lie in gold quotes. Predictions that
touch only "ignore" spans count neither way. The figures must equal score.py's, so the
order of matching, the rounding and the error wording follow it exactly.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from .outdir import ReviewError

QUANTITY_KINDS = ("percentage", "money", "count", "date")
TITLES = frozenset({"professor", "prof", "dr", "sir", "lord", "lady", "baroness", "baron", "dame",
                    "mr", "mrs", "ms", "miss", "the", "rt", "hon", "mp", "cllr", "councillor"})


@dataclass(frozen=True)
class Mistake:
    """One miss, extra, wrong value or wrong speaker; ``line`` words it as score.py does."""
    doc: str
    what: str  # missed, extra, value, speaker
    kind: str
    line: str


def stem(doc_id: str) -> str:
    """Gold and predictions meet on the file name without its extension."""
    name = Path(str(doc_id)).name
    return name.rsplit(".", 1)[0] if "." in name else name


def load_gold(path: Path) -> dict[str, dict]:
    path = Path(path)
    if not path.is_file():
        raise ReviewError(f"{path} not found: give a gold JSONL file in the shared format")
    gold = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            gold[stem(row["doc_id"])] = row
        except (ValueError, KeyError, TypeError):
            raise ReviewError(f"{path}:{number}: not a gold line with a doc_id") from None
    return gold


def predictions(records: Iterable) -> dict[str, list[dict]]:
    """Records as plain dicts, grouped by document stem, in file order."""
    grouped: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        grouped[stem(record.doc_id)].append(record.model_dump())
    return grouped


def overlap(a: dict, b: dict) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def _number(value) -> Optional[float]:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(str(value).replace(",", "")) if isinstance(value, str) else float(value)
    except ValueError:
        return None


def value_ok(kind: str, gold: dict, pred: dict) -> bool:
    if "value" not in gold:
        return True
    alternatives = gold.get("alt_values", [])
    if kind == "date":
        return str(pred.get("value")) in {str(gold["value"]), *map(str, alternatives)}
    value = _number(pred.get("value"))
    if value is None:
        return False
    ok = math.isclose(value, float(gold["value"]), rel_tol=1e-6, abs_tol=1e-9) or any(
        math.isclose(value, float(a), rel_tol=1e-6) for a in alternatives)
    if ok and kind == "money" and gold.get("currency"):
        ok = str(pred.get("currency", "")).upper() == gold["currency"].upper()
    return ok


def name_tokens(name) -> list[str]:
    tokens = re.findall(r"[a-z][a-z'\-]*", str(name or "").lower())
    return [t for t in tokens if t not in TITLES]


def speaker_ok(gold_name, pred_name) -> bool:
    """Names agree when titles aside the surnames match or one name holds the other."""
    gold, pred = name_tokens(gold_name), name_tokens(pred_name)
    if not gold or not pred:
        return not gold and not pred
    g, p = " ".join(gold), " ".join(pred)
    return gold[-1] == pred[-1] or g in p or p in g


def _chars(items: Iterable[dict]) -> set[int]:
    return {i for x in items for i in range(x["start"], x["end"])}


def match_quantities(doc: str, kind: str, gold: list[dict], preds: list[dict], ignore: list[dict],
                     tally: Counter, mistakes: list[Mistake]) -> None:
    """Pair gold and predicted items of one kind, largest overlap first, one to one."""
    pairs = sorted(((overlap(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(preds)
                    if overlap(g, p) > 0), reverse=True)
    used_gold, used_pred = set(), set()
    for _, i, j in pairs:
        if i in used_gold or j in used_pred:
            continue
        used_gold.add(i)
        used_pred.add(j)
        tally["detect"] += 1
        if value_ok(kind, gold[i], preds[j]):
            tally["strict"] += 1
        else:
            currency = f" {preds[j].get('currency')}" if kind == "money" else ""
            mistakes.append(Mistake(doc, "value", kind, f"{doc}: {kind} {gold[i]['text']!r} value "
                                    f"{preds[j].get('value')!r}{currency} != gold {gold[i].get('value')!r}"))
    tally["gold"] += len(gold)
    tally["pred"] += len(used_pred)
    for j, p in enumerate(preds):
        if j not in used_pred and not any(overlap(p, x) for x in ignore):
            tally["pred"] += 1
            mistakes.append(Mistake(doc, "extra", kind,
                                    f"{doc}: extra {kind} [{p['start']}:{p['end']}] value {p.get('value')!r}"))
    for i, g in enumerate(gold):
        if i not in used_gold:
            mistakes.append(Mistake(doc, "missed", kind, f"{doc}: missed {kind} {g['text']!r} ({g.get('value')!r})"))


def match_quotes(doc: str, gold: list[dict], preds: list[dict], ignore: list[dict],
                 tally: Counter, mistakes: list[Mistake]) -> None:
    """Quotes by character coverage; the speaker comes from the most overlapping prediction."""
    gold_chars, ignore_chars, pred_chars = _chars(gold), _chars(ignore), _chars(preds)
    ignored = ignore_chars - gold_chars
    tally["gold_chars"] += len(gold_chars)
    tally["pred_chars"] += len(pred_chars - ignored)
    tally["hit_chars"] += len(pred_chars & gold_chars)
    tally["gold"] += len(gold)
    for g in gold:
        if len(pred_chars & _chars([g])) * 2 < g["end"] - g["start"]:
            mistakes.append(Mistake(doc, "missed", "quote", f"{doc}: missed quote {g['text'][:60]!r}"))
            continue
        tally["found"] += 1
        if not g.get("speaker"):
            continue
        tally["with_speaker"] += 1
        best = max(preds, key=lambda p: overlap(p, g))
        if speaker_ok(g["speaker"], best.get("speaker")):
            tally["speaker_ok"] += 1
        else:
            mistakes.append(Mistake(doc, "speaker", "quote", f"{doc}: quote {g['text'][:40]!r} speaker "
                                    f"{best.get('speaker')!r} != gold {g['speaker']!r}"))
    for p in preds:
        own = _chars([p]) - ignored
        if not own:
            continue
        tally["pred"] += 1
        if len(own & gold_chars) * 2 >= len(own):
            tally["pred_ok"] += 1
        else:
            mistakes.append(Mistake(doc, "extra", "quote",
                                    f"{doc}: extra quote [{p['start']}:{p['end']}] speaker {p.get('speaker')!r}"))


def prf(hits: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1 rounded to 4 places; nothing predicted of nothing is perfect."""
    p = hits / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = hits / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 1.0


def quantity_figures(t: Counter) -> dict:
    detect_p, detect_r, detect_f1 = prf(t["detect"], t["pred"], t["gold"])
    strict_p, strict_r, strict_f1 = prf(t["strict"], t["pred"], t["gold"])
    return {"gold": t["gold"], "pred": t["pred"], "detect_f1": detect_f1, "strict_p": strict_p,
            "strict_r": strict_r, "strict_f1": strict_f1, "detect_p": detect_p, "detect_r": detect_r,
            "value_acc": _ratio(t["strict"], t["detect"])}


def quote_figures(t: Counter) -> dict:
    """Quote precision counts predictions, recall counts found gold quotes."""
    p = prf(t["pred_ok"], t["pred"], t["gold"])[0]
    r = _ratio(t["found"], t["gold"])
    f1 = round(2 * p * r / (p + r), 4) if p + r else 0.0
    char_p, char_r, _ = prf(t["hit_chars"], t["pred_chars"], t["gold_chars"])
    speaker_acc = _ratio(t["speaker_ok"], t["with_speaker"])
    return {"gold": t["gold"], "pred": t["pred"], "p": p, "r": r, "f1": f1, "char_p": char_p,
            "char_r": char_r, "speaker_acc": speaker_acc, "attributed_f1": round(f1 * speaker_acc, 4)}


def score(gold: dict[str, dict], preds: dict[str, list[dict]]) -> tuple[dict, list[Mistake]]:
    """The figures of a run against gold, and every mistake in document order."""
    tallies: dict[str, Counter] = defaultdict(Counter)
    mistakes: list[Mistake] = []
    for doc, row in gold.items():
        doc_preds, ignore = preds.get(doc, []), row.get("ignore", [])
        for kind in (*QUANTITY_KINDS, "quote"):
            gold_items = [x for x in row["items"] if x["kind"] == kind]
            pred_items = [x for x in doc_preds if x.get("kind") == kind]
            if kind == "quote":
                match_quotes(doc, gold_items, pred_items, ignore, tallies[kind], mistakes)
            else:
                match_quantities(doc, kind, gold_items, pred_items, ignore, tallies[kind], mistakes)
    figures = {kind: quantity_figures(tallies[kind]) for kind in QUANTITY_KINDS}
    figures["quantities"] = quantity_figures(sum((tallies[k] for k in QUANTITY_KINDS), Counter()))
    figures["quote"] = quote_figures(tallies["quote"])
    figures["docs"] = len(gold)
    figures["docs_with_predictions"] = sum(1 for doc in gold if preds.get(doc))
    return figures, mistakes


def evaluate(gold_path: Path, records: Iterable) -> tuple[dict, list[Mistake]]:
    return score(load_gold(gold_path), predictions(records))


def format_table(figures: dict) -> str:
    """The figures as a plain-text table, one row per quantity kind, then quotes."""
    head = (f"{'kind':<11} {'gold':>5} {'pred':>5} {'detP':>6} {'detR':>6} {'detF1':>6} "
            f"{'valAcc':>6} {'P':>6} {'R':>6} {'F1':>6}")
    rows = [head, "-" * len(head)]
    for kind in (*QUANTITY_KINDS, "quantities"):
        f = figures[kind]
        rows.append(f"{kind:<11} {f['gold']:>5} {f['pred']:>5} {f['detect_p']:>6.3f} {f['detect_r']:>6.3f} "
                    f"{f['detect_f1']:>6.3f} {f['value_acc']:>6.3f} {f['strict_p']:>6.3f} "
                    f"{f['strict_r']:>6.3f} {f['strict_f1']:>6.3f}")
    q = figures["quote"]
    rows += ["", f"{'quote':<11} {q['gold']:>5} {q['pred']:>5}  P {q['p']:.3f}  R {q['r']:.3f}  F1 {q['f1']:.3f}",
             f"{'':<11} char P {q['char_p']:.3f}  char R {q['char_r']:.3f}  speaker acc "
             f"{q['speaker_acc']:.3f}  attributed F1 {q['attributed_f1']:.3f}",
             "", f"documents {figures['docs']}, with predictions {figures['docs_with_predictions']}",
             "P/R/F1 of quantities are strict: span and value right; valAcc is strict / detected."]
    return "\n".join(rows)
