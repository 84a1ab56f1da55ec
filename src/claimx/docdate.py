"""Finding a document's own date (its dateline or issue line) in its text (stub)."""
from __future__ import annotations

from typing import Optional


def find_published(text: str) -> Optional[str]:
    """The ISO date the document states as its own, or None."""
    return None
