"""Token patterns run as regular expressions over one character per token.

spaCy's Matcher builds a Python ``Token`` and steps every pattern at every token it scans,
which made it most of claimx's running time. claimx's rules only test word attributes
(lexeme flags such as ``IS_TITLE`` or a token class, and ``ORTH`` / ``LOWER`` / ``SHAPE``
values), so every distinct word reduces, once, to a *signature*: its flag bits and whichever
of the tested strings it is. Signatures that every pattern token treats alike share one
character; a text becomes a string of those characters, and each pattern a regular
expression over them, which Python runs in C.

Rules come in groups, each gated by a trigger flag: a group's rules are only matched in
the windows of tokens around its triggers (``before`` / ``after`` tokens), which is where
its rules can match at all. Within them the matches are the Matcher's: every (start, end)
whose tokens a pattern accepts, empty ones left out.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from operator import methodcaller
from typing import Iterable, Optional

from spacy.attrs import IDS, ORTH
from spacy.tokens import Doc
from spacy.vocab import Vocab

STRING_ATTRS = ("ORTH", "LOWER", "SHAPE")
# Signatures are written as Latin-1 characters (regexes with them compile fastest), then as
# private-use ones; never as the separator.
LATIN_CHARS = [chr(c) for c in range(0x20, 0x100)]
MORE_CHARS = 0xE000
NOTHING = "(?!)"
SEPARATOR = "\n"  # between windows: no token is written as a newline
_QUANTIFIER = re.compile(r"\{(\d*),?(\d*)\}")


class PatternUnsupported(ValueError):
    """A token pattern uses something the regex matcher cannot run."""


@dataclass(frozen=True)
class Signature:
    flags: int
    strings: tuple[Optional[str], ...]  # the word's ORTH / LOWER / SHAPE where a pattern tests it


@dataclass
class TokenSpec:
    """One token of a pattern: flag bits that must be on / off and string tests.

    Its character class lists the characters it accepts, or, for a token most words pass
    ("not a digit"), the ones it rejects (``negated``). Decided when first compiled, so that
    a word form seen later changes the class, and costs a recompile, only when it is the
    exception: a rare acceptance or a rare rejection.
    """
    flags_on: int
    flags_off: int
    strings: tuple[tuple[int, frozenset[str], bool], ...]  # (attr index, values, wanted inside)
    chars: set[str] = field(default_factory=set)  # the signatures seen so far that it accepts
    rejected: set[str] = field(default_factory=set)  # and those it rejects
    negated: Optional[bool] = None  # written as the characters it rejects; None until compiled
    users: list = field(default_factory=list)  # what is compiled from it: rules and groups

    def accepts(self, sig: Signature) -> bool:
        if sig.flags & self.flags_on != self.flags_on or sig.flags & self.flags_off:
            return False
        return all((sig.strings[i] in values) == inside for i, values, inside in self.strings)

    def learn(self, char: str, accepted: bool) -> bool:
        """Add a new character, which it accepts or not; True when the compiled class must change."""
        if accepted:
            self.chars.add(char)
            return self.negated is False
        self.rejected.add(char)
        return self.negated is True

    def is_negated(self) -> bool:
        if self.negated is None:
            self.negated = len(self.chars) > len(self.rejected)
        return self.negated

    def regex(self) -> str:
        return _union_class([self])


@dataclass
class _Rule:
    key: int
    patterns: list[list[tuple[TokenSpec, int, Optional[int]]]]  # (spec, min, max) per token
    regex: Optional[re.Pattern] = None
    scan: Optional[re.Pattern] = None  # finds each position a match starts at
    first_chars: Optional[frozenset[str]] = None  # the characters a match can start with, if all known
    last_chars: Optional[frozenset[str]] = None  # and end with

    def __post_init__(self):
        self.min_length = max(1, min(sum(lo for _, lo, _ in p) for p in self.patterns))
        lengths = [None if any(hi is None for _, _, hi in p) else sum(hi for _, _, hi in p) for p in self.patterns]
        self.max_length = None if None in lengths else max(lengths)
        self.fixed = self.max_length == self.min_length  # then a match's start gives its end

    def compile(self) -> None:
        if not self.fixed:  # a fixed-length rule's matches end where its length says
            self.regex = re.compile("(?:" + "|".join(map(_sequence, self.patterns)) + ")")
        starts = [q for p in self.patterns for q in _first_token_required(p)]
        self.first_chars = _known_chars([p[0][0] for p in starts])
        self.last_chars = _known_chars([spec for p in self.patterns for spec in _last_token_specs(p)])
        self.scan = _start_scan(starts)

    def ends(self, text: str, start: int, window_end: int) -> list[int]:
        """The end of every non-empty match from ``start`` that stops by ``window_end``,
        for a rule whose matches differ in length."""
        top = window_end if self.max_length is None else min(window_end, start + self.max_length)
        last, fullmatch = self.last_chars, self.regex.fullmatch
        return [end for end in range(start + self.min_length, top + 1)
                if (last is None or text[end - 1] in last) and fullmatch(text, start, end)]


def _sequence(pattern: list[tuple[TokenSpec, int, Optional[int]]]) -> str:
    return "".join(spec.regex() + _quantifier(lo, hi) for spec, lo, hi in pattern if hi != 0)


def _last_token_specs(pattern: list) -> list[TokenSpec]:
    """The tokens a match of the pattern can end with."""
    specs = []
    for spec, lo, hi in reversed(pattern):
        if hi != 0:
            specs.append(spec)
        if lo:
            break
    return specs


def _known_chars(specs: list[TokenSpec]) -> Optional[frozenset[str]]:
    """Every character the tokens accept, or None when one of them accepts characters not
    yet seen (it is negated)."""
    if any(spec.is_negated() for spec in specs):
        return None
    return frozenset().union(*(spec.chars for spec in specs))


def _first_token_required(pattern: list) -> list[list]:
    """The pattern as alternatives whose first token must be there (an optional first token
    is either there once or more, or absent)."""
    (spec, lo, hi), rest = pattern[0], pattern[1:]
    if lo >= 1:
        return [pattern]
    required = [[(spec, 1, hi)] + rest] if hi != 0 else []
    return required + (_first_token_required(rest) if rest else [])


def _start_scan(patterns: list[list]) -> re.Pattern:
    """A regex whose matches are one character long, at each position some pattern matches from.

    It consumes the first token (a character class, which Python's regex engine skips to
    quickly) and looks ahead for the rest; a lookahead alone would be tried at every position.
    """
    heads = []
    for (spec, lo, hi), *rest in patterns:
        tail = [(spec, lo - 1, None if hi is None else hi - 1)] + rest
        heads.append(f"(?<={spec.regex()})(?={_sequence(tail)})")
    return re.compile(_union_class([p[0][0] for p in patterns]) + "(?:" + "|".join(heads) + ")")


def _signature_char(number: int) -> str:
    return LATIN_CHARS[number] if number < len(LATIN_CHARS) else chr(MORE_CHARS + number - len(LATIN_CHARS))


def _union_class(specs: list[TokenSpec]) -> str:
    """A character class for a token any of ``specs`` accepts. Negated classes leave out
    the separator between windows."""
    accepted = set().union(*(spec.chars for spec in specs if not spec.is_negated()))
    negated = [spec.rejected for spec in specs if spec.is_negated()]
    if negated:
        return "[^" + re.escape(SEPARATOR) + _escaped(set.intersection(*negated) - accepted) + "]"
    return "[" + _escaped(accepted) + "]" if accepted else f"(?:{NOTHING})"


def _escaped(chars: set[str]) -> str:
    return "".join(re.escape(c) for c in sorted(chars))


def _quantifier(lo: int, hi: Optional[int]) -> str:
    if (lo, hi) == (1, 1):
        return ""
    return f"{{{lo},{'' if hi is None else hi}}}"


def _bounds(op: Optional[str]) -> tuple[int, Optional[int]]:
    """(min, max) repeats of a token for a Matcher ``OP``; max None is unbounded."""
    simple = {None: (1, 1), "?": (0, 1), "*": (0, None), "+": (1, None)}
    if op in simple:
        return simple[op]
    m = _QUANTIFIER.fullmatch(op or "")
    if not m or not (m.group(1) or m.group(2)):
        raise PatternUnsupported(f"OP {op!r} is not supported; use ?, *, +, or {{n,m}}")
    exact = "," not in op
    lo = int(m.group(1) or 0)
    hi = lo if exact else (int(m.group(2)) if m.group(2) else None)
    return lo, hi


@dataclass
class _Group:
    """Rules that can only match near a trigger token, and how near."""
    trigger: TokenSpec
    before: int
    after: int
    rules: list[_Rule] = field(default_factory=list)
    runs: Optional[re.Pattern] = None  # triggers near enough for their windows to merge

    def compile(self) -> None:
        trigger = self.trigger.regex()
        self.runs = re.compile(f"{trigger}(?:.{{0,{self.before + self.after}}}{trigger})*", re.DOTALL)

    def windows(self, text: str) -> list[tuple[int, int]]:
        """The stretches of ``text`` around runs of triggers, in token (character) offsets."""
        before, after = self.before, self.after
        spans = [(run.start() - before, run.end() + after) for run in self.runs.finditer(text)]
        if spans:  # only the first and the last can run over the text's ends
            spans[0] = (max(spans[0][0], 0), spans[0][1])
            spans[-1] = (spans[-1][0], min(spans[-1][1], len(text)))
        return spans

    def matches(self, text: str) -> list[tuple[int, int, int]]:
        """The rules' matches within this group's windows of ``text``.

        The windows are joined by a character no pattern accepts, so that one scan per rule
        covers them all and no match runs from one window into the next.
        """
        spans = self.windows(text)
        if not spans:
            return []
        joined = SEPARATOR.join([text[a:b] for a, b in spans])
        offsets, shifts, ends = [], [], []  # per window: where it starts in joined, the way back, its end
        pos = 0
        for a, b in spans:
            offsets.append(pos)
            shifts.append(a - pos)
            pos += b - a
            ends.append(pos)
            pos += 1
        present = set(joined)
        out = []
        for rule in self.rules:
            if rule.first_chars is not None and rule.first_chars.isdisjoint(present):  # cheaper than a scan
                continue
            key = rule.key
            if rule.fixed:
                length = rule.min_length
                out += [(key, start + shift, start + shift + length)
                        for start in map(_start, rule.scan.finditer(joined))
                        for shift in (shifts[bisect_right(offsets, start) - 1],)]
                continue
            for start in map(_start, rule.scan.finditer(joined)):
                window = bisect_right(offsets, start) - 1
                shift = shifts[window]
                out += [(key, start + shift, end + shift) for end in rule.ends(joined, start, ends[window])]
        return out


_start = methodcaller("start")


class _WordChars(dict):
    """Word (orth id) -> signature character, worked out on first sight."""

    def __init__(self, work_out):
        super().__init__()
        self.work_out = work_out

    def __missing__(self, orth: int) -> str:
        return self.work_out(orth)


class TokenMatcher:
    """Rules in spaCy Matcher format (word attributes only), in groups gated by trigger flags."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        self.groups: list[_Group] = []
        self.specs: list[TokenSpec] = []
        self.tests: dict[tuple, int] = {}  # each distinct test a spec makes -> its place in test_specs
        self.test_specs: list[TokenSpec] = []  # one spec per distinct test
        self.test_of_spec: list[int] = []  # per spec, its test's place
        self.tested: list[set[str]] = [set() for _ in STRING_ATTRS]  # strings some pattern tests, per attr
        self.flag_mask = 0
        self.char_of_word = _WordChars(self._char)
        self.char_of_signature: dict[Signature, str] = {}
        self.char_of_acceptance: dict[tuple[int, ...], str] = {}  # which specs accept a word -> its character
        self.stale: dict[int, object] = {}  # what a newly seen signature joined a character class of

    def add_group(self, trigger_flag: int, before: int, after: int) -> int:
        """A new group whose rules match within ``before`` / ``after`` tokens of a token with
        the lexeme flag ``trigger_flag``; returns its number."""
        trigger = self._register(TokenSpec(1 << trigger_flag, 0, ()))
        group = _Group(trigger, before, after)
        trigger.users.append(group)
        self.groups.append(group)
        self._forget_words()
        return len(self.groups) - 1

    def add(self, key: int, patterns: Iterable[list[dict]], group: int) -> None:
        """Add the patterns of rule ``key`` to ``group``; raises PatternUnsupported."""
        compiled = [[(self._new_spec(tok), *_bounds(tok.get("OP"))) for tok in p] for p in patterns]
        rules = self.groups[group].rules
        same_key = next((r for r in rules if r.key == key), None)
        if same_key:  # one rule per key, so that a match two patterns share is found once
            compiled = same_key.patterns + compiled
            rules.remove(same_key)
            for spec in self.specs:
                spec.users = [u for u in spec.users if u is not same_key]
        rule = _Rule(key, compiled)
        for pattern in compiled:
            for spec, _, _ in pattern:
                spec.users.append(rule)
        rules.append(rule)
        self._forget_words()

    def _forget_words(self) -> None:
        """Signatures depend on what the rules test: work them out again after a change."""
        self.char_of_word.clear()
        self.char_of_signature.clear()
        self.char_of_acceptance.clear()
        for spec in self.specs:
            spec.chars.clear()
            spec.rejected.clear()
            spec.negated = None
        self.stale = {id(user): user for spec in self.specs for user in spec.users}

    def _new_spec(self, tok: dict) -> TokenSpec:
        on = off = 0
        strings = []
        for attr, value in tok.items():
            if attr == "OP":
                continue
            if attr in STRING_ATTRS:
                strings.append(self._string_test(attr, value))
            elif attr in IDS and (attr.startswith("IS_") or attr.startswith("FLAG")) and isinstance(value, bool):
                bit = 1 << IDS[attr]
                on, off = (on | bit, off) if value else (on, off | bit)
            else:
                raise PatternUnsupported(f"{attr}: {value!r} is not supported; test ORTH, LOWER or SHAPE "
                                         f"(a string or IN / NOT_IN a list), or a true/false IS_* or FLAG attribute")
        return self._register(TokenSpec(on, off, tuple(strings)))

    def _register(self, spec: TokenSpec) -> TokenSpec:
        self.flag_mask |= spec.flags_on | spec.flags_off
        self.specs.append(spec)
        test = (spec.flags_on, spec.flags_off, spec.strings)
        if test not in self.tests:
            self.tests[test] = len(self.test_specs)
            self.test_specs.append(spec)
        self.test_of_spec.append(self.tests[test])
        return spec

    def _string_test(self, attr: str, value) -> tuple[int, frozenset[str], bool]:
        index = STRING_ATTRS.index(attr)
        if isinstance(value, str):
            values, inside = frozenset([value]), True
        elif isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("IN", "NOT_IN") \
                and all(isinstance(v, str) for v in next(iter(value.values()))):
            (op, words), = value.items()
            values, inside = frozenset(words), op == "IN"
        else:
            raise PatternUnsupported(f"{attr}: {value!r} is not supported; give a string or IN / NOT_IN a list")
        self.tested[index] |= values
        return index, values, inside

    def _char(self, orth: int) -> str:
        """The character of a word not seen before.

        Words that every pattern token either accepts or rejects alike share one character,
        whatever their signature, so a new signature only costs a recompile when some token
        tells it from all the known ones.
        """
        lex = self.vocab[orth]
        values = (lex.orth_, lex.lower_, lex.shape_)
        sig = Signature(lex.flags & self.flag_mask,
                        tuple(v if v in tested else None for v, tested in zip(values, self.tested)))
        char = self.char_of_signature.get(sig)
        if char is None:
            verdicts = [spec.accepts(sig) for spec in self.test_specs]  # specs repeat: each test once
            accepted = [verdicts[i] for i in self.test_of_spec]
            acceptance = tuple(i for i, yes in enumerate(accepted) if yes)
            char = self.char_of_acceptance.get(acceptance)
            if char is None:
                char = self.char_of_acceptance[acceptance] = _signature_char(len(self.char_of_acceptance))
                for spec, yes in zip(self.specs, accepted):
                    if spec.learn(char, yes):
                        self.stale.update((id(user), user) for user in spec.users)
            self.char_of_signature[sig] = char
        self.char_of_word[orth] = char
        return char

    def learn(self, words: Iterable[str]) -> None:
        """Work out the characters of ``words`` now and compile the rules: a start-up warm-up,
        so that the first documents seldom bring a signature that forces a recompile."""
        for word in words:
            self.char_of_word[self.vocab[word].orth]
        self._compile()

    def text_of(self, doc: Doc) -> str:
        """One character per token of ``doc``."""
        return self._text_of(doc.to_array(ORTH).tolist())

    def _text_of(self, orths: list[int]) -> str:
        return "".join(map(self.char_of_word.__getitem__, orths))

    def _compile(self) -> None:
        for user in self.stale.values():
            user.compile()
        self.stale.clear()

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(key, start, end) of every match of every group's rules within its windows."""
        return self.match_words(doc.to_array(ORTH).tolist())

    def match_words(self, orths: list[int]) -> list[tuple[int, int, int]]:
        """The matches in the tokens whose words (ORTH ids) are ``orths``, for a caller that
        reads the doc's columns itself."""
        text = self._text_of(orths)
        if self.stale:
            self._compile()
        return [match for group in self.groups if group.rules for match in group.matches(text)]
