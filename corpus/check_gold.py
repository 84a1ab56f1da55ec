#!/usr/bin/env python3
"""Check the corpus gold: offsets exact, and every digit run, number word, month name,
weekday and relative-date phrase covered by an item, an ignore span, or a draft's
"never" entry (spans the guidelines say are never annotated: ordinals, phone numbers,
clock times, postcodes, addresses, list numbers, the determiner "one").

usage: python3 corpus/check_gold.py [--eval-dir ../shared/eval]
"""
import argparse, json, re, sys
from pathlib import Path
HERE = Path(__file__).resolve().parent
ap = argparse.ArgumentParser()
ap.add_argument("--eval-dir", type=Path, default=HERE.parent.parent / "shared" / "eval")
args = ap.parse_args()
sys.path.insert(0, str(args.eval_dir))
from make_gold import build, locate  # noqa: E402
NUMW = r"zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|half|quarter|third|dozen|double|doubled|twice|triple|tripled|halved|first|second|fourth|fifth"
MON = r"January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
REL = r"today|yesterday|tomorrow|tonight|this (?:week|month|year|morning|summer|autumn|winter|spring)|next (?:week|month|year)|last (?:week|month|year|summer|autumn|winter|spring)|ago|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
pat = re.compile(rf"\d+|\b(?i:{NUMW})\b|\b(?:{MON})\b|\b(?i:{REL})\b|[½¼¾]")
bad = 0
for p in sorted((HERE / 'drafts').glob('*.json')):
    d = json.loads(Path(p).read_text())
    text = (HERE / d['doc_id']).read_text(encoding='utf-8')
    spans = []
    for key in ('items', 'ignore', 'never'):
        for it in d.get(key, []):
            try:
                s, e = locate(text, it)
            except ValueError as ex:
                print(p.name, key, ex); bad += 1; continue
            spans.append((s, e, key, it))
    # overlap check between items/ignore
    sp = sorted((s, e, k, json.dumps(it, ensure_ascii=False)[:60]) for s, e, k, it in spans)
    for a, b in zip(sp, sp[1:]):
        if b[0] < a[1] and '"quote"' not in a[3] and '"quote"' not in b[3]:
            print(p.name, 'OVERLAP', a, b); bad += 1
    for m in pat.finditer(text):
        if not any(s <= m.start() and m.end() <= e for s, e, k, it in spans if not (k == 'items' and it.get('kind') == 'quote')):
            line = text.count('\n', 0, m.start()) + 1
            ctx = text[max(0, m.start()-25):m.end()+25].replace('\n', '|')
            print(f"{d['doc_id']}: UNCOVERED {m.group()!r} line {line}: ...{ctx}...")
            bad += 1

gold = HERE / "gold.jsonl"
rebuilt = {d["doc_id"]: build(d, HERE) for d in
           (json.loads(p.read_text(encoding="utf-8")) for p in sorted((HERE / "drafts").glob("*.json")))}
stored = {json.loads(l)["doc_id"]: json.loads(l) for l in gold.read_text(encoding="utf-8").splitlines() if l.strip()}
if rebuilt != stored:
    print("gold.jsonl is out of date with drafts/: rebuild it with make_gold.py"); bad += 1
for line in gold.read_text(encoding="utf-8").splitlines():
    g = json.loads(line)
    text = (HERE / g["doc_id"]).read_text(encoding="utf-8")
    for key in ("items", "ignore"):
        for it in g[key]:
            if text[it["start"]:it["end"]] != it["text"]:
                print(g["doc_id"], "OFFSET MISMATCH", it); bad += 1
print("problems:", bad)
sys.exit(1 if bad else 0)
