"""Finding and validating the pattern files in ``patterns/``.

Pattern files are data only: JSON objects (word lists, tables) and JSONL lines (token
patterns with ids). Nothing in them is executed. Every problem is reported with the
file, the line and what to do, at start-up, before any document is read.
"""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Optional

from spacy.matcher import Matcher


class PatternError(ValueError):
    """A pattern file that cannot be used; the message names the file and line."""

    def __init__(self, path: Path | str, line: Optional[int], reason: str):
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {reason}")
        self.path, self.line, self.reason = str(path), line, reason


def default_patterns_dir() -> Path:
    """The ``patterns/`` folder shipped inside the installed package (or the checkout)."""
    shipped = resources.files("claimx") / "patterns"
    if shipped.is_dir():
        return Path(str(shipped))
    checkout = Path(str(resources.files("claimx"))).parent.parent / "patterns"
    if checkout.is_dir():
        return checkout
    raise PatternError(shipped, None, "claimx's patterns folder is missing; reinstall claimx")


def patterns_dir(custom: Optional[str | Path] = None) -> Path:
    """The folder to load patterns from: the user's own, or the shipped one."""
    if custom is None:
        return default_patterns_dir()
    path = Path(custom)
    if not path.is_dir():
        raise PatternError(path, None, "no such patterns folder; pass a folder holding claimx pattern files")
    return path


def load_json(path: Path, *, required: Iterable[str] = (), allowed: Optional[Iterable[str]] = None) -> dict:
    """Read a JSON object, checking its top-level keys."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PatternError(path, None, f"cannot read: {exc.strerror}") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PatternError(path, exc.lineno, f"invalid JSON: {exc.msg}") from exc
    if not isinstance(data, dict):
        raise PatternError(path, 1, "expected a JSON object")
    check_keys(data, path, 1, required=required, allowed=allowed)
    return data


def load_jsonl(path: Path, *, required: Iterable[str] = (), allowed: Optional[Iterable[str]] = None
               ) -> list[dict[str, Any]]:
    """Read JSONL objects, one a line; blank lines and lines starting with // are skipped.

    Each returned object carries its line number under ``"_line"`` for later errors.
    """
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise PatternError(path, None, f"cannot read: {exc.strerror}") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PatternError(path, number, f"invalid JSON: {exc.msg}") from exc
        if not isinstance(row, dict):
            raise PatternError(path, number, "expected a JSON object on this line")
        check_keys(row, path, number, required=required, allowed=allowed)
        row["_line"] = number
        rows.append(row)
    return rows


def check_keys(row: dict, path: Path, line: int, *, required: Iterable[str] = (),
               allowed: Optional[Iterable[str]] = None) -> None:
    missing = [k for k in required if k not in row]
    if missing:
        raise PatternError(path, line, f"missing key(s) {', '.join(missing)}")
    if allowed is not None:
        allowed = set(allowed) | set(required)
        unknown = sorted(set(row) - allowed)
        if unknown:
            raise PatternError(path, line, f"unknown key(s) {', '.join(unknown)}; "
                                           f"allowed: {', '.join(sorted(allowed))}")


def add_token_patterns(matcher: Matcher, rows: list[dict], path: Path) -> None:
    """Add ``{"id", "pattern"}`` rows to a Matcher, naming the line of a bad pattern."""
    for row in rows:
        if not isinstance(row["pattern"], list) or not row["pattern"]:
            raise PatternError(path, row.get("_line"), "'pattern' must be a non-empty list of token dicts")
        try:
            matcher.add(row["id"], [row["pattern"]])
        except (ValueError, KeyError, TypeError) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise PatternError(path, row.get("_line"), f"bad token pattern {row['id']!r}: {first}") from exc
