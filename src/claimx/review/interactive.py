"""Reviewing claims in the terminal, one at a time, each shown in its sentence.

Every verdict is appended to ``reviews.jsonl`` the moment it is given, and claims that
already have a verdict are not asked again, so quitting (or a crash) loses nothing and
the next session carries on where this one stopped.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Iterable, Optional

import click

from .outdir import REVIEWS, Run
from .report import details, show_value
from .verdicts import Verdict, append_verdicts, parse_value

KEYS = "[a]ccept  [r]eject  [c]orrect  [s]kip  [q]uit"


def pending(run: Run, decided: Iterable[str], kinds: Optional[Iterable[str]] = None) -> list:
    """Records without a verdict, in document order, optionally of some kinds only."""
    done, wanted = set(decided), set(kinds or ())
    by_doc = run.records_by_doc()
    return [r for doc_id in run.doc_ids() for r in by_doc.get(doc_id, [])
            if r.id not in done and (not wanted or r.kind in wanted)]


def in_sentence(record) -> str:
    """The sentence with the claim marked »so«, falling back to the claim alone."""
    sentence = record.sentence
    lo, hi = record.start - sentence.start, record.end - sentence.start
    if not 0 <= lo <= hi <= len(sentence.text):
        return f"»{click.style(record.text, bold=True)}«"
    claim = click.style(sentence.text[lo:hi], bold=True, underline=True)
    return f"{sentence.text[:lo]}»{claim}«{sentence.text[hi:]}".strip()


def describe(record, position: int, total: int) -> str:
    value = show_value(getattr(record, "value", None))
    extras = "  ".join(f"{name}: {v}" for name, v in details(record).items())
    lines = [click.style(f"[{position}/{total}] {record.kind}", bold=True) + f"  {record.doc_id}  rule {record.rule}",
             f"  {record.text!r}" + (f"  value: {value}" if value else ""),
             *([f"  {extras}"] if extras else []),
             "  " + in_sentence(record)]
    return "\n".join(lines)


def ask_correction(record) -> Optional[Verdict]:
    """Prompt for the right speaker (quotes) or value (quantities); empty input cancels."""
    field = "speaker" if record.kind == "quote" else "value"
    while True:
        answer = click.prompt(f"  right {field} (empty to cancel)", default="", show_default=False)
        if not answer.strip():
            return None
        if field == "speaker":
            return _verdict(record, "correct", speaker=answer.strip())
        try:
            return _verdict(record, "correct", value=parse_value(record.kind, answer))
        except ValueError as exc:
            click.echo(f"  {exc}")


def _verdict(record, decision: str, **fix) -> Verdict:
    return Verdict(id=record.id, verdict=decision, doc_id=record.doc_id, kind=record.kind, source="terminal", **fix)


def read_key() -> str:
    """One key press; with no terminal at all (a pipe, a batch job), one line of input.

    End of input and Ctrl-C both mean quit.
    """
    try:
        try:
            key = click.getchar()
        except OSError:
            key = sys.stdin.readline().strip()[:1]
    except (KeyboardInterrupt, EOFError):
        return "q"
    return (key or "q").lower()


def decide(record) -> str | Verdict:
    """Ask until the reviewer gives a verdict, skips ("s") or quits ("q")."""
    while True:
        click.echo(f"  {KEYS} > ", nl=False)
        key = read_key()
        click.echo(key)
        if key == "a":
            return _verdict(record, "accept")
        if key == "r":
            return _verdict(record, "reject")
        if key == "c":
            try:
                verdict = ask_correction(record)
            except click.Abort:
                return "q"
            if verdict is not None:
                return verdict
            continue
        if key in ("s", "q"):
            return key
        click.echo(f"  unknown key {key!r}")


def review_in_terminal(run: Run, decided: Iterable[str], kinds: Optional[Iterable[str]] = None) -> Counter:
    """The review loop; returns how many claims got each outcome."""
    decided = set(decided)
    todo = pending(run, decided, kinds)
    outcome: Counter = Counter()
    if not todo:
        click.echo(f"Nothing to review: every claim ({len(run.records)}) has a verdict.")
        return outcome
    click.echo(f"{len(todo)} claims to review, {len(decided & {r.id for r in run.records})} reviewed before. "
               f"Verdicts go to {Path(run.path) / REVIEWS}.")
    for position, record in enumerate(todo, 1):
        click.echo("\n" + describe(record, position, len(todo)))
        result = decide(record)
        if result == "q":
            break
        if result == "s":
            outcome["skip"] += 1
            continue
        append_verdicts(run.path, [result])
        outcome[result.verdict] += 1
    summary = ", ".join(f"{name} {outcome[name]}" for name in ("accept", "reject", "correct", "skip"))
    click.echo(f"\n{summary}; {len(todo) - sum(outcome.values())} left for next time.")
    return outcome
