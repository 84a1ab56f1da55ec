"""Turning ``patterns/quantities/`` into one token matcher (``token_regex``).

Three kinds of file, all data:

- ``token_classes.json``: named regexes a token's whole text must match ("NUMERAL",
  "YEAR", "NUMERAL_SCALED" for "5bn"). ``{name}`` inside one is a word list from the
  lexicon. Each class becomes a lexeme flag, so its regex runs once per distinct word,
  not once per token.
- ``macros.json``: named alternatives of token sequences ("number", "percent_sign").
- ``triggers.json``: the token classes that gate the rules, each with how far (in tokens)
  a rule may reach before and after it. Rules are only tried around trigger tokens.
- ``warm_up.json``: sample word forms (numerals, amounts, other words) whose signatures the
  matcher learns at start-up, with every word of the lexicon and every string a rule tests.
- ``*.jsonl``: the rules, ``{"id", "label", "pattern", "before"?, "after"?, "trigger"?}``. In a pattern,
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
from .patterns import PatternError, add_token_patterns, check_keys, load_json, load_jsonl
from .token_regex import PatternUnsupported, TokenMatcher

LABELS = ("percentage", "money", "count", "date", "multiplier", "exclude")
RULE_KEYS = ("id", "label", "pattern")
OPTIONAL_RULE_KEYS = ("before", "after", "trigger")
DEFAULT_TRIGGER = "TRIGGER"
FIRST_FREE_FLAG, LAST_FLAG = 19, 63  # spaCy's own lexical flags end at 18
LIST_ATTRS = ("LOWER", "ORTH")
WARM_UP_KEYS = ("numerals", "amounts", "words")


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
        self.regex, self.key = regex, ("match", regex.pattern, regex.flags)

    def __call__(self, text: str) -> bool:
        return self.regex.fullmatch(text) is not None


class FlagBank:
    """Hands out lexeme flags for word tests, reusing a flag the vocab already has for the same test.

    A flag is computed once per distinct word, and becomes part of the word's signature
    in the token matcher: far cheaper than a regex or an IN list evaluated at every token.
    """

    def __init__(self, vocab: Vocab, path: Path):
        self.vocab, self.path = vocab, path
        self.known = {g.key: i for i, g in vocab.lex_attr_getters.items() if isinstance(g, FullMatch)}

    def flag(self, test, name: str) -> int:
        if test.key not in self.known:
            getters = self.vocab.lex_attr_getters
            free = next((i for i in range(FIRST_FREE_FLAG, LAST_FLAG + 1) if i not in getters), None)
            if free is None:
                raise PatternError(self.path, None, f"{name}: no free lexeme flag left; use fewer classes or lists")
            self.vocab.add_flag(test, flag_id=free)
            self.known[test.key] = free
        return self.known[test.key]


class _Expander:
    """Expands MACRO / CLASS / "@list" in one rule into plain Matcher patterns."""

    def __init__(self, macros: dict, lists: dict[str, list[str]], classes: dict[str, int], path: Path):
        self.macros, self.lists, self.classes, self.path = macros, lists, classes, path

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
                flag = self._class_flag(value, line)
                out.update({"LENGTH": {">=": 1}} if for_validation else {f"FLAG{flag}": True})
            else:
                out[key] = self._with_list(key, value, line)
        return out

    def _class_flag(self, name: Any, line: int) -> int:
        if name not in self.classes:
            raise PatternError(self.path, line, f"unknown CLASS {name!r}; known: {', '.join(sorted(self.classes))}")
        return self.classes[name]

    def _with_list(self, key: str, value: Any, line: int) -> Any:
        """A test ``{"IN"/"NOT_IN": "@list"}`` with the lexicon list in place of its name.

        The token matcher tests IN and NOT_IN lists once per distinct word, as part of its
        signature, so a list needs no lexeme flag (spaCy has only 64).
        """
        if not isinstance(value, dict) or len(value) != 1:
            return value
        (op, name), = value.items()
        if op not in ("IN", "NOT_IN") or not isinstance(name, str) or not name.startswith("@"):
            return value
        if name[1:] not in self.lists or key not in LIST_ATTRS:
            raise PatternError(self.path, line, f"unknown list {name} or attribute {key} (use {', '.join(LIST_ATTRS)}); "
                                                f"lists: {', '.join('@' + n for n in sorted(self.lists))}")
        return {op: self.lists[name[1:]]}


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


@dataclass
class RuleSet:
    rules: dict[str, Rule]
    matcher: TokenMatcher


def _load_triggers(path: Path, classes: dict[str, int]) -> dict[str, tuple[int, int]]:
    triggers = load_json(path, required=("triggers",), allowed=("triggers",))["triggers"]
    out = {}
    for name, reach in triggers.items():
        if name not in classes:
            raise PatternError(path, None, f"trigger {name!r} is not a token class in token_classes.json")
        if not isinstance(reach, dict) or set(reach) != {"before", "after"}:
            raise PatternError(path, None, f"trigger {name!r}: give {{\"before\": n, \"after\": n}}")
        out[name] = (reach["before"], reach["after"])
    return out


def build_rules(vocab: Vocab, folder: Path, lex: Lexicon) -> RuleSet:
    """A matcher over every rule file in ``folder``, a group of rules per trigger, and each rule's label and context."""
    classes_path = folder / "token_classes.json"
    bank = FlagBank(vocab, classes_path)
    classes = {name: bank.flag(FullMatch(regex), name)
               for name, regex in compile_token_classes(classes_path, lex).items()}
    triggers = _load_triggers(folder / "triggers.json", classes)
    macros = load_json(folder / "macros.json", required=("macros",), allowed=("macros",))["macros"]
    checker = Matcher(vocab, validate=True)
    matcher = TokenMatcher(vocab)
    groups = {name: matcher.add_group(classes[name], *triggers[name]) for name in triggers}
    lists = lex.token_lists()
    rules: dict[str, Rule] = {}
    for path in sorted(folder.glob("*.jsonl")):
        expander = _Expander(macros, lists, classes, path)
        for row in load_jsonl(path, required=RULE_KEYS, allowed=RULE_KEYS + OPTIONAL_RULE_KEYS):
            rule = _check_rule(row, path)
            if rules.setdefault(row["id"], rule) != rule:
                raise PatternError(path, row["_line"],
                                   f"id {row['id']!r} is used by another rule with a different label or context")
            trigger = row.get("trigger", DEFAULT_TRIGGER)
            if trigger not in groups:
                raise PatternError(path, row["_line"], f"unknown trigger {trigger!r}; known: {', '.join(groups)}")
            checked = [{"id": row["id"], "pattern": p, "_line": row["_line"]}
                       for p in expander.expand(row["pattern"], row["_line"], for_validation=True)]
            add_token_patterns(checker, checked, path)
            matched_as = _exclusions_id(trigger, rule) if rule.label == "exclude" else row["id"]
            rules.setdefault(matched_as, rule)
            try:
                matcher.add(vocab.strings.add(matched_as), expander.expand(row["pattern"], row["_line"]), groups[trigger])
            except PatternUnsupported as exc:
                raise PatternError(path, row["_line"], f"rule {row['id']!r}: {exc}") from exc
    matcher.learn(warm_up_words(folder / "warm_up.json", lex, matcher))
    return RuleSet(rules, matcher)


def warm_up_words(path: Path, lex: Lexicon, matcher: TokenMatcher) -> set[str]:
    """The word forms the matcher learns before the first document.

    A word form whose signature is new to the matcher costs a recompile of the rules that
    test it (tens of milliseconds). Learning the likely forms at start-up (every lexicon
    word and tested string in its usual casings, and ``warm_up.json``'s samples, its amounts
    also joined to each scale, unit and currency sign) compiles the rules once, instead of
    once every few of the first documents.
    """
    data = load_json(path, required=("warm_up",), allowed=("warm_up",))["warm_up"]
    if not isinstance(data, dict):
        raise PatternError(path, None, f"warm_up must be an object with the lists {', '.join(WARM_UP_KEYS)}")
    check_keys(data, path, None, required=WARM_UP_KEYS, allowed=WARM_UP_KEYS)
    for key in WARM_UP_KEYS:
        if not isinstance(data[key], list) or not all(isinstance(w, str) and w for w in data[key]):
            raise PatternError(path, None, f"warm_up.{key} must be a list of non-empty strings")
    parts = lex.regex_parts()
    listed = {word for words in parts.values() for word in words} | set().union(*matcher.tested)
    words = {form for word in listed for form in (word, word.lower(), word.title(), word.upper())}
    glued = [*parts["scales"], *parts["units"], *parts["minor_unit_letters"]]
    for amount in data["amounts"]:
        words.update(amount + suffix for suffix in glued)
        words.update(sign + amount + scale for sign in parts["currency_symbols"] for scale in ("", *parts["scales"]))
    return words | set(data["numerals"]) | set(data["words"])


def _exclusions_id(trigger: str, rule: Rule) -> str:
    """One matcher rule for all exclusions with the same trigger and context: their ids never
    reach a record, and one scan finds them all."""
    return f"exclude:{trigger}:{rule.before}:{rule.after}"
