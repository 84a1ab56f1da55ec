"""Counts that tell at a glance what a run found and where it failed."""
from __future__ import annotations

from collections import Counter

from ..records import KINDS
from .outdir import Run
from .verdicts import Verdict, tally


def speaker_of(record) -> str | None:
    return getattr(record, "speaker", None)


def run_stats(run: Run, verdicts: dict[str, Verdict], *, top: int = 10) -> dict:
    """Records per kind and document, top speakers, silent documents, errors, review progress."""
    per_kind = Counter(r.kind for r in run.records)
    per_doc = Counter(r.doc_id for r in run.records)
    speakers = Counter(speaker_of(r) or "(no speaker)" for r in run.records if r.kind == "quote")
    errors_by_stage = Counter(str(e.get("stage", "?")) for e in run.errors)
    return {
        "records": len(run.records),
        "documents": len(run.documents),
        "per_kind": {kind: per_kind.get(kind, 0) for kind in KINDS},
        "per_document": dict(per_doc.most_common()),
        "top_speakers": dict(speakers.most_common(top)),
        "documents_without_claims": sorted(d for d in run.documents if d not in per_doc),
        "documents_unknown": sorted(d for d in per_doc if run.documents and d not in run.documents),
        "errors": len(run.errors),
        "errors_by_stage": dict(errors_by_stage.most_common()),
        "error_list": run.errors,
        "review": tally(run.records, verdicts),
        "unreadable_lines": run.problems,
    }


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _section(title: str, pairs, most: int = 70) -> list[str]:
    pairs = [(str(name), count) for name, count in pairs]
    width = min(most, max((len(name) for name, _ in pairs), default=0))
    lines = ["", title]
    lines += [f"  {name[:width]:<{width}} {count:>6}" for name, count in pairs] or ["  (none)"]
    return lines


def format_stats(stats: dict, *, docs_shown: int = 20) -> str:
    """A plain-text summary; the per-document list is cut at ``docs_shown`` rows."""
    lines = [f"{plural(stats['records'], 'record')} in {plural(stats['documents'], 'document')}, "
             f"{plural(stats['errors'], 'error')}"]
    lines += _section("Records per kind", stats["per_kind"].items())
    per_doc = list(stats["per_document"].items())
    lines += _section("Records per document (most first)", per_doc[:docs_shown])
    if len(per_doc) > docs_shown:
        lines.append(f"  ... and {len(per_doc) - docs_shown} more documents (--json lists all)")
    lines += _section("Top speakers", stats["top_speakers"].items())
    silent = stats["documents_without_claims"]
    lines += ["", f"Documents with no claims: {len(silent)}"] + [f"  {d}" for d in silent[:docs_shown]]
    if len(silent) > docs_shown:
        lines.append(f"  ... and {len(silent) - docs_shown} more")
    if stats["documents_unknown"]:
        lines += ["", f"Records whose document is not in documents.jsonl: {len(stats['documents_unknown'])}"]
    lines += _section("Errors by stage", stats["errors_by_stage"].items())
    lines += [f"  {e.get('doc_id', '?')}: {e.get('reason', '')}" for e in stats["error_list"][:docs_shown]]
    lines += _section("Review", stats["review"].items())
    if stats["unreadable_lines"]:
        lines += ["", "Unreadable lines:"] + [f"  {p}" for p in stats["unreadable_lines"]]
    return "\n".join(lines)
