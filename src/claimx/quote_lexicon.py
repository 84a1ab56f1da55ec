"""The word lists behind quotation finding, read from ``patterns/quotes/``.

Every list is data: a JSON object whose values are lists of strings. A file with a
missing or unknown key, or a list holding something other than strings, fails at
start-up with the file and the line of the offending key.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .patterns import PatternError, load_json

FILES: dict[str, tuple[str, ...]] = {
    "marks.json": ("double_open", "double_close", "double_either", "single_open", "single_close",
                   "single_either"),
    "speech_verbs.json": ("speech_verbs", "listener_verbs", "clause_verbs", "characterising_verbs",
                          "partial_links", "auxiliaries", "statement_cues", "appositive_openers", "cue_tails",
                          "sentence_cues"),
    "people.json": ("titles", "given_name_titles", "role_words", "org_words", "unnamed_speakers", "pronouns",
                    "first_person", "name_particles", "post_nominals", "determiners", "not_names",
                    "prepositions", "connectors", "org_links"),
    "narration.json": ("continuation_openers", "list_bullets", "clause_links", "question_labels", "answer_labels"),
}


@dataclass(frozen=True)
class QuoteLexicon:
    """All word lists, as frozensets keyed by their JSON key, plus each file's text for to_disk."""

    words: dict[str, frozenset[str]]
    files: dict[str, str]

    def __getitem__(self, key: str) -> frozenset[str]:
        return self.words[key]

    def lower(self, key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in self.words[key])


def load_lexicon(folder: Path) -> QuoteLexicon:
    """Read and check every quotes word list in ``folder`` (the ``quotes`` subfolder of a patterns dir)."""
    words: dict[str, frozenset[str]] = {}
    files: dict[str, str] = {}
    for name, keys in FILES.items():
        path = folder / name
        data = load_json(path, required=keys, allowed=keys)
        for key in keys:
            words[key] = frozenset(_string_list(data[key], path, key))
        files[name] = path.read_text(encoding="utf-8")
    return QuoteLexicon(words=words, files=files)


def save_lexicon(lexicon: QuoteLexicon, folder: Path) -> None:
    """Write back exactly the files that were loaded, byte for byte."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in lexicon.files.items():
        (folder / name).write_text(text, encoding="utf-8")


def _string_list(value, path: Path, key: str) -> Iterable[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise PatternError(path, _line_of_key(path, key),
                           f"'{key}' must be a list of non-empty strings")
    return value


def _line_of_key(path: Path, key: str) -> int | None:
    needle = f'"{key}"'
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    return None
