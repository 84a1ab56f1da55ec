"""Turning ``patterns/quantities/`` into one spaCy Matcher.

Three kinds of file, all data:

- ``token_classes.json``: named regexes a token's whole text must match ("NUMERAL",
  "YEAR", "NUMERAL_SCALED" for "5bn"). ``{name}`` inside one is a word list from the
  lexicon. Each class becomes a lexeme flag, so its regex runs once per distinct word,
  not once per token, and the Matcher tests it in Cython.
- ``macros.json``: named alternatives of token sequences ("number", "percent_sign").
- ``*.jsonl``: the rules, ``{"id", "label", "pattern", "before"?, "after"?}``. In a pattern,
  ``{"MACRO": "number"}`` stands for each alternative in turn, ``{"CLASS": "YEAR"}`` for the
  token class, and ``"@name"`` inside IN / NOT_IN for a lexicon list. ``before`` / ``after``
  count the leading / trailing tokens that are context, not part of the claim ("since 2010").
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.matcher import Matcher
from spacy.vocab import Vocab

from .lexicon import Lexicon
from .patterns import PatternError, add_token_patterns, load_json, load_jsonl

LABELS = ("percentage", "money", "count", "date", "multiplier", "exclude")
RULE_KEYS = ("id", "label", "pattern")
OPTIONAL_RULE_KEYS = ("before", "after")
FIRST_FREE_FLAG, LAST_FLAG = 19, 63  # spaCy's own lexical flags end at 18


@dataclass(frozen=True)
class Rule:
    label: str
    before: int = 0
    after: int = 0


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def compile_token_classes(path: Path, lex: Lexicon) -> dict[str, re.Pattern]:
    """Read the token class regexes, fill in their ``{list}`` names, compile them."""
    classes = load_json(path, required=("classes",), allowed=("classes",))["classes"]
    parts = {name: _alternation(words) for name, words in lex.regex_parts().items()}
    compiled = {}
    for name, source in classes.items():
        def fill(m: re.Match) -> str:
            if m.group(1) not in parts:
                raise PatternError(path, None, f"class {name}: unknown list {{{m.group(1)}}}; "
                                               f"known: {', '.join(sorted(parts))}")
            return parts[m.group(1)]
        try:
            compiled[name] = re.compile(re.sub(r"\{([a-z_]+)\}", fill, source), re.IGNORECASE)
        except re.error as exc:
            raise PatternError(path, None, f"class {name}: bad regex: {exc}") from exc
    return compiled


class FullMatch:
    """A lexeme flag getter: does the word's whole text match the regex?"""

    def __init__(self, regex: re.Pattern):
        self.regex = regex

    def __call__(self, text: str) -> bool:
        return self.regex.fullmatch(text) is not None


def register_flags(vocab: Vocab, classes: dict[str, re.Pattern], path: Path) -> dict[str, str]:
    """Give each token class a lexeme flag; return class name -> Matcher key ("FLAG21").

    A regex that already has a flag on this vocab (the component loaded again) keeps it.
    """
    getters = vocab.lex_attr_getters
    known = {g.regex: i for i, g in getters.items() if isinstance(g, FullMatch)}
    keys = {}
    for name, regex in classes.items():
        flag = known.get(regex)
        if flag is None:
            flag = next((i for i in range(FIRST_FREE_FLAG, LAST_FLAG + 1) if i not in getters), None)
            if flag is None:
                raise PatternError(path, None, f"class {name}: no free lexeme flag left; use fewer token classes")
            vocab.add_flag(FullMatch(regex), flag_id=flag)
        keys[name] = f"FLAG{flag}"
    return keys


class _Expander:
    """Expands MACRO / CLASS / "@list" in one rule into plain Matcher patterns."""

    def __init__(self, macros: dict, lists: dict[str, list[str]], flags: dict[str, str], path: Path):
        self.macros, self.lists, self.flags, self.path = macros, lists, flags, path

    def expand(self, pattern: list, line: int, *, for_validation: bool = False) -> list[list[dict]]:
        choices = [self._token(tok, line, for_validation) for tok in pattern]
        return [[t for seq in combo for t in seq] for combo in itertools.product(*choices)]

    def _token(self, tok: Any, line: int, for_validation: bool) -> list[list[dict]]:
        if not isinstance(tok, dict):
            raise PatternError(self.path, line, f"each token of a pattern must be an object, not {tok!r}")
        if "MACRO" in tok:
            name = tok["MACRO"]
            if name not in self.macros:
                raise PatternError(self.path, line, f"unknown MACRO {name!r}; known: {', '.join(sorted(self.macros))}")
            return [[self._plain(t, line, for_validation) for t in alt] for alt in self.macros[name]]
        return [[self._plain(tok, line, for_validation)]]

    def _plain(self, tok: dict, line: int, for_validation: bool) -> dict:
        out = {}
        for key, value in tok.items():
            if key == "CLASS":
                if value not in self.flags:
                    raise PatternError(self.path, line, f"unknown CLASS {value!r}; known: {', '.join(sorted(self.flags))}")
                out.update({"LENGTH": {">=": 1}} if for_validation else {self.flags[value]: True})
            else:
                out[key] = self._lists(value, line)
        return out

    def _lists(self, value: Any, line: int) -> Any:
        if not isinstance(value, dict):
            return value
        out = dict(value)
        for op in ("IN", "NOT_IN"):
            if isinstance(out.get(op), str) and out[op].startswith("@"):
                name = out[op][1:]
                if name not in self.lists:
                    raise PatternError(self.path, line, f"unknown list @{name}; known: "
                                                        f"{', '.join('@' + n for n in sorted(self.lists))}")
                out[op] = self.lists[name]
        return out


def _check_rule(row: dict, path: Path) -> Rule:
    line = row["_line"]
    if row["label"] not in LABELS:
        raise PatternError(path, line, f"unknown label {row['label']!r}; use one of {', '.join(LABELS)}")
    pattern = row["pattern"]
    if not isinstance(pattern, list) or not pattern:
        raise PatternError(path, line, "'pattern' must be a non-empty list of token dicts")
    before, after = row.get("before", 0), row.get("after", 0)
    if not all(isinstance(n, int) and n >= 0 for n in (before, after)) or before + after >= len(pattern):
        raise PatternError(path, line, "'before' and 'after' must be small counts that leave some tokens")
    context = pattern[:before] + (pattern[len(pattern) - after:] if after else [])
    if any(not isinstance(t, dict) or "OP" in t or "MACRO" in t for t in context):
        raise PatternError(path, line, "context tokens ('before'/'after') must be single tokens without OP or MACRO")
    return Rule(row["label"], before, after)


def build_matcher(vocab: Vocab, folder: Path, lex: Lexicon) -> tuple[Matcher, dict[str, Rule]]:
    """One Matcher over every rule file in ``folder``, and each rule's label and context."""
    classes_path = folder / "token_classes.json"
    flags = register_flags(vocab, compile_token_classes(classes_path, lex), classes_path)
    macros = load_json(folder / "macros.json", required=("macros",), allowed=("macros",))["macros"]
    checker, matcher = Matcher(vocab, validate=True), Matcher(vocab, validate=False)
    rules: dict[str, Rule] = {}
    for path in sorted(folder.glob("*.jsonl")):
        expander = _Expander(macros, lex.token_lists(), flags, path)
        for row in load_jsonl(path, required=RULE_KEYS, allowed=RULE_KEYS + OPTIONAL_RULE_KEYS):
            rule = _check_rule(row, path)
            if rules.setdefault(row["id"], rule) != rule:
                raise PatternError(path, row["_line"], f"id {row['id']!r} is used by another rule with a different label or context")
            for validate, target in ((True, checker), (False, matcher)):
                expanded = [{"id": row["id"], "pattern": p, "_line": row["_line"]}
                            for p in expander.expand(row["pattern"], row["_line"], for_validation=validate)]
                add_token_patterns(target, expanded, path)
    return matcher, rules
