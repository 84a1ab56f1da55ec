"""`claimx evaluate` against the reference scorer, and its matching rules one by one."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimx.cli.review import evaluate_cmd
from claimx.records import Count, Multiplier, Quote, Sentence, record_id
from claimx.review.evaluate import evaluate, prf, score, speaker_ok, stem, value_ok
from claimx.review.outdir import load_run
from claimx.review.verdicts import Verdict, append_verdicts
from test_review_outdir import FLOOD, FLOOD_TEXT, MODELS, flood_records, sentence_around, write_outdir


def record_from_gold(doc_id: str, text: str, item: dict, **changes):
    """A record saying what a gold item says, with ``changes`` applied (start, end, value...)."""
    kind = item["kind"]
    start, end = changes.pop("start", item["start"]), changes.pop("end", item["end"])
    fields = {"rule": f"gold.{kind}"}
    if kind == "quote":
        fields.update(speaker=item.get("speaker"), quote_id=f"q{start}")
    else:
        fields["value"] = item["value"]
        if kind == "money":
            fields["currency"] = item.get("currency") or "GBP"
        if kind == "date":
            fields["precision"] = "day"
    fields.update(changes)
    return MODELS[kind](id=record_id(doc_id, kind, start, end), doc_id=doc_id, text=text[start:end],
                        start=start, end=end, sentence=sentence_around(text, start, end), **fields)


def perturbed(doc_id: str, text: str, item: dict, n: int) -> list:
    """Records for one gold item, perturbed in one of several ways chosen by ``n``."""
    kind, quote = item["kind"], item["kind"] == "quote"
    start, end = item["start"], item["end"]
    way = n % 9
    if way == 0:
        return []
    if way == 1:
        return [record_from_gold(doc_id, text, item, start=start + 1, end=end + 1)]
    if way == 2 and quote:
        return [record_from_gold(doc_id, text, item, speaker="Somebody Else")]
    if way == 2:
        wrong = "1066" if kind == "date" else item["value"] + (kind != "money")
        return [record_from_gold(doc_id, text, item, value=wrong,
                                 **({"currency": "JPY"} if kind == "money" else {}))]
    if way == 3 and quote:
        return [record_from_gold(doc_id, text, item, end=start + max(1, (end - start) * 2 // 5))]
    if way == 3 and item.get("alt_values"):
        return [record_from_gold(doc_id, text, item, value=item["alt_values"][0])]
    if way == 4:
        middle = (start + end) // 2
        return [record_from_gold(doc_id, text, item, end=middle or 1),
                record_from_gold(doc_id, text, item, start=middle)]
    if way == 5 and quote:
        return [record_from_gold(doc_id, text, item, speaker=None)]
    if way == 6 and kind == "count":
        return [record_from_gold(doc_id, text, item, value=str(item["value"]))]
    return [record_from_gold(doc_id, text, item)]


def extras(doc_id: str, text: str, row: dict) -> list:
    """Predictions with no gold item: on an ignore span, in free text, and kinds score.py skips."""
    taken = [(x["start"], x["end"]) for x in row["items"]]
    free = next(i for i in range(len(text) - 3) if all(e <= i or i + 3 <= s for s, e in taken))
    out = [Count(id=record_id(doc_id, "count", free, free + 3), doc_id=doc_id, text=text[free:free + 3],
                 start=free, end=free + 3, sentence=sentence_around(text, free, free + 3), rule="x", value=7),
           Quote(id=record_id(doc_id, "quote", free, free + 3), doc_id=doc_id, text=text[free:free + 3],
                 start=free, end=free + 3, sentence=sentence_around(text, free, free + 3), rule="x",
                 quote_id="qx", speaker="Nobody"),
           Multiplier(id=record_id(doc_id, "multiplier", 0, 2), doc_id=doc_id, text=text[:2], start=0, end=2,
                      sentence=Sentence(text=text[:2], start=0, end=2), rule="x", value=2)]
    for ignored in row.get("ignore", [])[:2]:
        out.append(record_from_gold(doc_id, text, {**ignored, "kind": "count", "value": 1}))
        out.append(record_from_gold(doc_id, text, {**ignored, "kind": "quote", "speaker": None}))
    return out


@pytest.fixture(scope="module")
def perturbed_run(dev_set, tmp_path_factory) -> Path:
    docs, gold = dev_set
    records, n = [], 0
    for number, (doc_id, row) in enumerate(sorted(gold.items())):
        if number == 3:
            continue
        text = (docs / doc_id).read_text(encoding="utf-8")
        pred_id = f"docs/{doc_id}" if number % 2 else doc_id
        for item in row["items"]:
            records += perturbed(pred_id, text, item, n)
            n += 1
        records += extras(pred_id, text, row)
    text = "Not in gold: 12 things."
    records.append(Count(id="stray", doc_id="stray.txt", text="12", start=13, end=15, rule="x", value=12,
                         sentence=Sentence(text=text, start=0, end=len(text))))
    return write_outdir(tmp_path_factory.mktemp("pred"), {}, records)


def reference(shared_dir: Path, gold: Path, claims: Path) -> tuple[dict, list[str]]:
    """score.py's figures and error lines for the same files."""
    done = subprocess.run([sys.executable, str(shared_dir / "eval" / "score.py"), "--gold", str(gold),
                           "--pred", str(claims), "--json", "--errors"],
                          capture_output=True, text=True, check=True)
    lines = done.stdout.rstrip("\n").split("\n")
    return json.loads(lines[-1]), [line for line in lines[:-1] if line]


def assert_same_figures(theirs: dict, ours: dict) -> None:
    for key, value in theirs.items():
        if isinstance(value, dict):
            for name, figure in value.items():
                assert ours[key][name] == figure, f"{key}.{name}: ours {ours[key][name]} != score.py {figure}"
        else:
            assert ours[key] == value, key


def test_same_figures_and_errors_as_score_py_on_perturbed_dev(shared_dir, perturbed_run):
    gold_path = shared_dir / "corpus" / "dev" / "gold.jsonl"
    theirs, their_errors = reference(shared_dir, gold_path, perturbed_run / "claims.jsonl")
    ours, mistakes = evaluate(gold_path, load_run(perturbed_run).records)
    assert_same_figures(theirs, ours)
    assert [m.line for m in mistakes] == their_errors
    assert {m.what for m in mistakes} == {"missed", "extra", "value", "speaker"}
    assert 0 < theirs["quantities"]["strict_f1"] < theirs["quantities"]["detect_f1"] < 1
    assert 0 < theirs["quote"]["speaker_acc"] < 1 and 0 < theirs["quote"]["p"] < 1


def test_the_command_prints_the_same_json_as_score_py(shared_dir, perturbed_run):
    gold_path = shared_dir / "corpus" / "dev" / "gold.jsonl"
    theirs, _ = reference(shared_dir, gold_path, perturbed_run / "claims.jsonl")
    result = CliRunner().invoke(evaluate_cmd, ["--gold", str(gold_path), str(perturbed_run), "--json"])
    assert result.exit_code == 0, result.output
    assert_same_figures(theirs, json.loads(result.output))


def test_gold_as_predictions_scores_perfectly(dev_set, shared_dir, tmp_path):
    docs, gold = dev_set
    records = [record_from_gold(doc_id, (docs / doc_id).read_text(encoding="utf-8"), item)
               for doc_id, row in gold.items() for item in row["items"]]
    out = write_outdir(tmp_path / "out", {}, records)
    figures, mistakes = evaluate(shared_dir / "corpus" / "dev" / "gold.jsonl", load_run(out).records)
    assert mistakes == []
    assert figures["quantities"]["strict_f1"] == 1.0 and figures["quote"]["attributed_f1"] == 1.0


def test_table_and_error_list(dev_set, shared_dir, perturbed_run):
    gold_path = shared_dir / "corpus" / "dev" / "gold.jsonl"
    result = CliRunner().invoke(evaluate_cmd, ["--gold", str(gold_path), str(perturbed_run), "--errors"])
    assert result.exit_code == 0, result.output
    head = result.output.splitlines()[0].split()
    assert head[:4] == ["kind", "gold", "pred", "detP"]
    assert "speaker acc" in result.output and "errors:" in result.output
    assert ": missed " in result.output and ": extra " in result.output


@pytest.mark.parametrize("gold, pred, ok", [
    ("Julian Le Grand", "Professor Julian Le Grand", True),
    ("Julian Le Grand", "Le Grand", True),
    ("Dr Sarah Wollaston MP", "Sarah Wollaston", True),
    ("a Department for Education spokesperson", "Department for Education", True),
    ("Maya Patel", "Maya Jones", False),
    ("Maya Patel", None, False),
    ("Mr", None, True),
])
def test_speaker_names_agree_without_titles(gold, pred, ok):
    assert speaker_ok(gold, pred) is ok


@pytest.mark.parametrize("kind, gold, pred, ok", [
    ("money", {"value": 200000000, "currency": "GBP"}, {"value": 2e8, "currency": "gbp"}, True),
    ("money", {"value": 200000000, "currency": "GBP"}, {"value": 2e8, "currency": "USD"}, False),
    ("count", {"value": 600000}, {"value": "600,000"}, True),
    ("count", {"value": 9}, {"value": None}, False),
    ("date", {"value": "2019-05-17", "alt_values": ["--05-17"]}, {"value": "--05-17"}, True),
    ("date", {"value": "2010"}, {"value": "2011"}, False),
    ("percentage", {"text": "x"}, {"value": 1}, True),
])
def test_values(kind, gold, pred, ok):
    assert value_ok(kind, gold, pred) is ok


def test_prf_of_nothing():
    assert prf(0, 0, 0) == (1.0, 1.0, 1.0)
    assert prf(0, 0, 3) == (0.0, 0.0, 0.0)
    assert prf(0, 2, 0) == (0.0, 1.0, 0.0)


def test_doc_ids_meet_on_the_stem():
    assert stem("corpus/dev/docs/a.b.txt") == "a.b" and stem("plain") == "plain"


def test_overlap_is_one_to_one_largest_first():
    gold = {"d": {"doc_id": "d.txt", "items": [
        {"kind": "count", "text": "12", "value": 12, "start": 0, "end": 2},
        {"kind": "count", "text": "345", "value": 345, "start": 3, "end": 6}], "ignore": []}}
    pred = {"d": [{"kind": "count", "start": 1, "end": 5, "value": 345}]}
    figures, mistakes = score(gold, pred)
    assert figures["count"]["strict_p"] == 1.0 and figures["count"]["strict_r"] == 0.5
    assert [m.what for m in mistakes] == ["missed"]


def test_missing_gold_is_a_usage_error(tmp_path):
    out = write_outdir(tmp_path / "out", {}, [])
    result = CliRunner().invoke(evaluate_cmd, ["--gold", str(tmp_path / "gold.jsonl"), str(out)])
    assert result.exit_code == 2 and "gold.jsonl" in result.output


def test_same_figures_as_score_py_on_the_extractors_dev_run(extractor, dev_set, shared_dir, tmp_path):
    docs, gold = dev_set
    texts = {doc_id: (docs / doc_id).read_text(encoding="utf-8") for doc_id in gold}
    records = [r for doc_id, text in texts.items() for r in extractor.extract(text, doc_id=doc_id)]
    out = write_outdir(tmp_path / "out", texts, records)
    gold_path = shared_dir / "corpus" / "dev" / "gold.jsonl"
    theirs, their_errors = reference(shared_dir, gold_path, out / "claims.jsonl")
    ours, mistakes = evaluate(gold_path, load_run(out).records)
    assert_same_figures(theirs, ours)
    assert [m.line for m in mistakes] == their_errors


def flood_gold(tmp_path: Path) -> Path:
    """Gold for the hand-made release: its quantities, but the first sum should read £12.6m."""
    items = [{"kind": r.kind, "text": r.text, "start": r.start, "end": r.end, "value": r.value,
              **({"currency": r.currency} if r.kind == "money" else {})}
             for r in flood_records() if r.kind in ("percentage", "money", "count", "date")]
    items[0]["value"] = 12_600_000
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"doc_id": FLOOD, "items": items, "ignore": []}) + "\n")
    return path


def test_reviewed_scores_the_run_with_verdicts_applied(tmp_path):
    out = write_outdir(tmp_path / "out", {FLOOD: FLOOD_TEXT}, flood_records())
    gold = flood_gold(tmp_path)
    before = json.loads(CliRunner().invoke(evaluate_cmd, ["--gold", str(gold), str(out), "--json"]).output)
    assert before["money"]["value_acc"] == 0.75
    money = flood_records()[0]
    append_verdicts(out, [Verdict(id=money.id, verdict="correct", value=12.6e6)])
    args = ["--gold", str(gold), str(out), "--json", "--reviewed"]
    after = json.loads(CliRunner().invoke(evaluate_cmd, args).output)
    assert after["money"]["value_acc"] == 1.0 and after["money"]["strict_f1"] == 1.0


def test_json_errors_are_listed_with_what_went_wrong(tmp_path):
    out = write_outdir(tmp_path / "out", {FLOOD: FLOOD_TEXT}, flood_records())
    result = CliRunner().invoke(evaluate_cmd, ["--gold", str(flood_gold(tmp_path)), str(out), "--json", "--errors"])
    errors = json.loads(result.output)["errors"]
    assert [e["what"] for e in errors] == ["value", "extra", "extra"]
    assert errors[0] == {"doc": FLOOD.removesuffix(".txt"), "what": "value", "kind": "money",
                       "line": f"{FLOOD.removesuffix('.txt')}: money '£12.5m' value 12500000.0 GBP != gold 12600000"}
