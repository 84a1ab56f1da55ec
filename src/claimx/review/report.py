"""The review report: one self-contained HTML file rendered with Jinja2.

Everything the page needs is inside it: styles, script, and the claims as JSON in a
``<script type="application/json">`` block. Autoescaping is on and the page carries a
Content-Security-Policy that lets only its own script (by nonce) run, so markup inside a
document is shown as text and never executed, and the page makes no network request.
Documents are rendered once and paged by the script, and the claims table draws only the
rows of its current page, so a run of thousands of documents stays usable.
"""
from __future__ import annotations

import secrets
from collections import Counter
from datetime import datetime, timezone
from importlib.resources import files
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..records import KINDS
from .highlight import Mark, pieces, placeable
from .outdir import Run, load_run
from .verdicts import Verdict, load_latest

DETAIL_FIELDS = ("currency", "unit", "qualifier", "claimant", "precision", "relative", "group",
                 "direction", "speaker", "speaker_role", "speaker_org", "cue", "quote_id")
TOP_DOCUMENTS = 25
SIZE_BUCKETS = ((0, 0), (1, 5), (6, 10), (11, 20), (21, 50), (51, None))


def environment() -> Environment:
    env = Environment(loader=PackageLoader("claimx.review", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals["is_mark"] = lambda piece: isinstance(piece, Mark)
    env.filters["tooltip"] = tooltip
    return env


def script() -> Markup:
    """The page's own script, a static file beside the template, inlined so the page stands alone."""
    return Markup(files("claimx.review").joinpath("templates", "report.js").read_text(encoding="utf-8"))


def show_value(value) -> str:
    """A value as a reader writes it: 22,400,000 rather than 22400000.0."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{int(value):,}" if value.is_integer() else f"{value:,}"
    return str(value)


def details(record) -> dict:
    """The fields a reviewer checks, beyond span and kind, leaving out the empty ones."""
    fields = vars(record)
    return {name: fields[name] for name in DETAIL_FIELDS if fields.get(name) not in (None, False, "")}


def tooltip(record) -> str:
    lines = [f"{record.kind}: {show_value(vars(record).get('value'))}".rstrip(": ")]
    lines += [f"{name}: {value}" for name, value in details(record).items()]
    lines.append(f"rule: {record.rule}")
    return "\n".join(lines)


def claim_row(record, doc_index: int) -> dict:
    """What the table and the detail panel need of a record, with short keys to keep files small."""
    fields = vars(record)
    value = fields.get("value")
    return {"id": record.id, "d": doc_index, "k": record.kind, "t": record.text[:300],
            "v": show_value(value), "rv": value, "q": fields.get("qualifier") or "",
            "s": fields.get("speaker") or fields.get("claimant") or "",
            "r": record.rule, "a": record.start, "b": record.end,
            "ss": record.sentence.start, "se": record.sentence.end, "x": details(record)}


def document_view(doc_id: str, document: dict | None, records: list) -> dict:
    """One document's header data and highlighted text; records it cannot place go aside."""
    text = (document or {}).get("text")
    text = text if isinstance(text, str) else None
    return {"doc_id": doc_id, "title": (document or {}).get("title") or "",
            "published": (document or {}).get("published") or "", "missing": text is None,
            "pieces": pieces(text, records) if text is not None else [],
            "unplaced": [sentence_view(r) for r in records if text is None or not placeable(r, text)],
            "kinds": Counter(r.kind for r in records), "count": len(records)}


def sentence_view(record) -> dict:
    """A record shown in its own sentence, for records that cannot be placed in a document."""
    sentence = record.sentence
    local = record.model_copy(update={"start": record.start - sentence.start, "end": record.end - sentence.start})
    if placeable(local, sentence.text):
        return {"record": record, "pieces": pieces(sentence.text, [local])}
    whole = record.model_copy(update={"start": 0, "end": len(record.text)})
    return {"record": record, "pieces": pieces(record.text, [whole])}


def speakers(run: Run) -> list[str]:
    """Every speaker and claimant named, for the table's speaker filter."""
    return sorted({name for r in run.records for name in (vars(r).get("speaker"), vars(r).get("claimant")) if name})


def bar_chart(counts: list[tuple[str, int]]) -> list[dict]:
    """Rows of a horizontal bar chart, widths in percent of the largest count."""
    top = max((count for _, count in counts), default=0) or 1
    return [{"label": label, "count": count, "width": round(100 * count / top, 1)} for label, count in counts]


def size_buckets(per_doc: Counter, doc_ids: list[str]) -> list[tuple[str, int]]:
    """How many documents hold 0, 1-5, 6-10... claims."""
    sizes = [per_doc.get(d, 0) for d in doc_ids]
    rows = []
    for lo, hi in SIZE_BUCKETS:
        label = str(lo) if lo == hi else (f"{lo}-{hi}" if hi else f"{lo}+")
        rows.append((label, sum(1 for n in sizes if n >= lo and (hi is None or n <= hi))))
    return rows


def charts(run: Run, doc_ids: list[str]) -> dict:
    per_kind = Counter(r.kind for r in run.records)
    per_doc = Counter(r.doc_id for r in run.records)
    return {"kinds": bar_chart([(k, per_kind.get(k, 0)) for k in KINDS]),
            "documents": bar_chart(per_doc.most_common(TOP_DOCUMENTS)),
            "more_documents": max(0, len(per_doc) - TOP_DOCUMENTS),
            "sizes": bar_chart(size_buckets(per_doc, doc_ids))}


def context(run: Run, verdicts: dict[str, Verdict], *, page_size: int = 10) -> dict:
    """Everything the template renders, computed here so the template stays declarative."""
    doc_ids = run.doc_ids()
    by_doc = run.records_by_doc()
    index = {doc_id: i for i, doc_id in enumerate(doc_ids)}
    rows = [claim_row(r, index[r.doc_id]) for doc_id in doc_ids for r in by_doc.get(doc_id, [])]
    return {
        "title": f"claimx review: {run.path.name or run.path}",
        "outdir": str(run.path.resolve()),
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nonce": secrets.token_urlsafe(16),
        "script": script(),
        "kinds": KINDS,
        "documents": [document_view(d, run.documents.get(d), by_doc.get(d, [])) for d in doc_ids],
        "charts": charts(run, doc_ids),
        "speakers": speakers(run),
        "errors": run.errors,
        "problems": run.problems,
        "n_records": len(run.records),
        "data": {"docs": doc_ids, "claims": rows, "pageSize": page_size,
                 "saved": {r.id: verdicts[r.id].model_dump(exclude_none=True) for r in run.records if r.id in verdicts},
                 "store": f"claimx-verdicts:{run.path.resolve()}"},
    }


def render(run: Run, verdicts: dict[str, Verdict]) -> str:
    return environment().get_template("report.html.j2").render(context(run, verdicts))


def write_report(outdir: Path | str, output: Path | str | None = None) -> Path:
    """Write the report of an output folder; by default to ``OUTDIR/report.html``."""
    run = load_run(outdir, need_documents=True)
    target = Path(output) if output else run.path / "report.html"
    target.write_text(render(run, load_latest(run.path)), encoding="utf-8")
    return target
