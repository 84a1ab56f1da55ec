"""The ``claimx_quantities`` component: percentages, money, counts, dates and multipliers.

Rules built from ``patterns/quantities`` propose spans, each rule tried only around its
trigger tokens (digits, number words, months, currency signs...). Each span
is read into its record fields (``readings``), the longest readable spans win, and then
the surroundings of each winner are looked at once: a qualifier before it, a unit after
a count, the other end of a range, and which dollar a bare ``$`` is. The Python work
grows with the matches, not with the length of the text.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Optional

from spacy.attrs import IDX, LENGTH, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .found import Found, add_findings, doc_text
from .lexicon import Lexicon, load_lexicon
from .linking import link_ranges
from .money import BARE_DOLLAR, dollar_currency
from .patterns import patterns_dir as resolve_patterns_dir
from .readings import looks_like_year, read_fields
from .rules import build_rules

# which reading wins when two spans of equal length compete for the same tokens
PRIORITY = {"exclude": 0, "money": 1, "percentage": 2, "date": 3, "multiplier": 4, "count": 5}
PATTERN_FOLDERS = ("lexicon", "quantities")


@dataclass(slots=True)
class Candidate:
    label: str
    rule: str
    start: int  # token indices of the claim, context excluded
    end: int
    fields: dict = field(default_factory=dict)


class QuantityFinder:
    def __init__(self, nlp: Language, name: str = "claimx_quantities", patterns_dir: Optional[str] = None,
                 month_first: bool = False):
        self.name, self.nlp, self.month_first = name, nlp, month_first
        self._load(resolve_patterns_dir(patterns_dir))

    def _load(self, folder: Path) -> None:
        self.folder = folder
        self.lex: Lexicon = load_lexicon(folder)
        ruleset = build_rules(self.nlp.vocab, folder / "quantities", self.lex)
        self.rules, self.matcher = ruleset.rules, ruleset.matcher
        self.rule_keys = {self.nlp.vocab.strings.add(rule_id): (rule_id, rule) for rule_id, rule in self.rules.items()}
        self.unit_words = frozenset(self.lex.units["units"])
        self.qualifiers = self._phrases(self.lex.qualifiers)
        self.qualifier_reach = max(len(self.nlp.make_doc(q)) for q in self.lex.qualifiers)
        self.dollar_cues = self._phrases({cue: code for code, cues in self.lex.currencies["dollar"]["cues"].items()
                                          for cue in cues})
        self.cued_symbols = self.lex.currencies["cued_symbols"]
        self.symbol_cues = self._phrases({cue: symbol for symbol, entry in self.cued_symbols.items()
                                          for cue in entry["cues"]})

    def _phrases(self, table: dict[str, str]) -> PhraseMatcher:
        matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        for phrase, label in table.items():
            matcher.add(label, [self.nlp.make_doc(phrase)])
        return matcher

    def __call__(self, doc: Doc) -> Doc:
        add_findings(doc, self.find(doc))
        return doc

    def find(self, doc: Doc) -> list[Found]:
        """The quantities in ``doc``, leaving the doc as it is (the Extractor needs no spans)."""
        if not len(doc):
            return []
        words = _TokenText(doc)
        chosen = self._with_cued_symbols(doc, self._choose(doc, words))
        if not chosen:
            return []
        qualifiers = self._qualifier_ends(doc, chosen)
        self._resolve_by_country(doc, chosen, words)
        link_ranges(doc, chosen, qualifiers, self.lex.ranges, self.lex.scale_words())
        return [self._found(cand, qualifiers, words) for cand in chosen]

    def _choose(self, doc: Doc, words: _TokenText) -> list[Candidate]:
        """The matches that win, in document order: longest first (context included), then the
        longer claim, then by kind priority; a match overlapping one taken before, or whose
        text does not read as its kind, loses; exclusions take their span and vanish.

        A match is only read once it could still win: most lose to a longer one first.
        """
        published, day_first = doc._.claimx_published, not self.month_first
        rule_keys, starts, ends = self.rule_keys, words.starts, words.ends
        ranked = []
        for match_id, match_start, match_end in self.matcher.match_words(words.orths):
            rule_id, rule = rule_keys[match_id]
            start, end = match_start + rule.before, match_end - rule.after
            chars = ends[end - 1] - starts[start] if end > start else 0
            # the widest match first (context is evidence too), then the longest claim
            ranked.append((match_start - match_end, -chars, PRIORITY[rule.label], start, end, rule_id, rule.label))
        ranked.sort(key=itemgetter(0, 1, 2, 3))
        taken = bytearray(len(doc))
        chosen = []
        for *_, start, end, rule_id, label in ranked:
            if taken.find(1, start, end) != -1:
                continue
            text = words.between(start, end)
            fields = read_fields(label, text, self.lex, published, day_first)
            if fields is None or not self._plausible(words, label, start, end, text):
                continue
            taken[start:end] = b"\x01" * (end - start)
            if label != "exclude":
                chosen.append(Candidate(label, rule_id, start, end, fields))
        return sorted(chosen, key=attrgetter("start"))

    def _with_cued_symbols(self, doc: Doc, chosen: list[Candidate]) -> list[Candidate]:
        """Amounts written with a symbol that is only a currency in some countries ("R7 350" is
        rand in a South African text, "the R445" is an Irish road) take that currency when the
        document names one of its cues (``currencies.json``: cued_symbols), and are dropped otherwise."""
        cued = [c for c in chosen if c.label == "money" and c.fields["currency"] in self.cued_symbols]
        if not cued:
            return chosen
        named = {self.nlp.vocab.strings[key] for key, _, _ in self.symbol_cues(doc)}
        for cand in cued:
            symbol = cand.fields["currency"]
            cand.fields["currency"] = self.cued_symbols[symbol]["code"] if symbol in named else None
        return [c for c in chosen if c.label != "money" or c.fields["currency"] is not None]

    def _plausible(self, words: _TokenText, label: str, start: int, end: int, text: str) -> bool:
        """A bare year-like count ("the 1998 Budget") is only a count before a lowercase noun."""
        if label != "count" or end - start != 1 or not looks_like_year(text, self.lex):
            return True
        following = words.word(end)
        return following.islower() and following.isalpha()

    def _qualifier_ends(self, doc: Doc, chosen: list[Candidate]) -> dict[int, tuple[int, str]]:
        """Token index where a qualifier ends, right before a quantity -> (its first token, its type)."""
        strings = self.nlp.vocab.strings
        starts = {cand.start for cand in chosen}
        ends: dict[int, tuple[int, str]] = {}
        for key, start, end in self.qualifiers(doc):
            if end in starts and (end not in ends or start < ends[end][0]):  # the longest: "just over"
                ends[end] = (start, strings[key])
        return ends

    def _resolve_by_country(self, doc: Doc, chosen: list[Candidate], words: _TokenText) -> None:
        """Which dollar a bare ``$`` is, and whether "pounds" are money or weight, depend on the
        country the document names (``lexicon/currencies.json``: dollar cues)."""
        c = self.lex.currencies
        bare = [m for m in chosen if m.label == "money" and m.fields["currency"] == BARE_DOLLAR]
        weights = [m for m in chosen if m.label == "money" and words.word(m.end - 1).lower() in c["weight_words"]]
        if not bare and not weights:
            return
        counts = self._dollar_cue_counts(doc, chosen, words)
        dollar = c["dollar"]
        currency = dollar_currency(counts, dollar["default"], dollar["min_cues"])
        for cand in bare:
            cand.fields["currency"] = currency
        if counts.get(currency, 0) >= dollar["min_cues"] and currency in dollar["weight_in_pounds"]:
            for cand in weights:
                self._as_weight(cand, words)

    def _dollar_cue_counts(self, doc: Doc, chosen: list[Candidate], words: _TokenText) -> dict[str, int]:
        """How often the document names each dollar's country. An amount written with its own
        dollar ("NZ$380m", "C$30 billion") is a cue worth ``coded_amount_weight`` names."""
        dollar = self.lex.currencies["dollar"]
        counts: dict[str, int] = {}
        for key, _, _ in self.dollar_cues(doc):
            code = self.nlp.vocab.strings[key]
            counts[code] = counts.get(code, 0) + 1
        for cand in chosen:
            code = cand.fields.get("currency") if cand.label == "money" else None
            if code != BARE_DOLLAR and BARE_DOLLAR in words.between(cand.start, cand.end):
                counts[code] = counts.get(code, 0) + dollar["coded_amount_weight"]
        return counts

    @staticmethod
    def _as_weight(cand: Candidate, words: _TokenText) -> None:
        """"36 million pounds" in an American text: a count of 36000000, unit pounds."""
        cand.label, cand.end = "count", cand.end - 1
        cand.fields = {"value": cand.fields["value"], "unit": words.word(cand.end).lower()}

    def _unit_after(self, words: _TokenText, end: int) -> Optional[str]:
        """The counted unit written right after a count ("2 days", "140-mile")."""
        if words.word(end) == "-":
            end += 1
        unit = words.word(end).lower()
        return unit if unit in self.unit_words else None

    def _found(self, cand: Candidate, qualifiers: dict[int, tuple[int, str]], words: _TokenText) -> Found:
        fields = dict(cand.fields)
        if cand.start in qualifiers:
            fields["qualifier"] = qualifiers[cand.start][1]
        if cand.label == "count" and "unit" not in fields:
            unit = self._unit_after(words, cand.end)
            if unit:
                fields["unit"] = unit
        start_char = words.starts[cand.start]
        return Found(cand.label, start_char, _without_full_stop(words.between(cand.start, cand.end), start_char),
                     cand.rule, fields)

    def to_disk(self, path, exclude=()) -> None:
        """Write the pattern files this component was built from."""
        path = Path(path)
        for sub in PATTERN_FOLDERS:
            shutil.copytree(self.folder / sub, path / sub, dirs_exist_ok=True)

    def from_disk(self, path, exclude=()) -> "QuantityFinder":
        self._load(Path(path))
        return self


def _without_full_stop(text: str, start_char: int) -> int:
    """The end of the span ``text`` starting at ``start_char``, less a sentence's full stop the
    tokenizer left glued to it ("$54K.")."""
    end_char = start_char + len(text)
    if text.endswith(".") and not text.endswith("..") and len(text) > 1 and text[-2].isalnum():
        return end_char - 1
    return end_char


class _TokenText:
    """The words of a doc, and the text of token spans, sliced from the doc's text by token
    offsets read once in C, without building a Span and its Tokens per match."""

    def __init__(self, doc: Doc):
        self.text = doc_text(doc)
        columns = doc.to_array([ORTH, IDX, LENGTH])
        self.orths = columns[:, 0].tolist()
        self.starts = columns[:, 1].tolist()
        self.ends = (columns[:, 1] + columns[:, 2]).tolist()

    def between(self, start: int, end: int) -> str:
        return self.text[self.starts[start]:self.ends[end - 1]] if end > start else ""

    def word(self, i: int) -> str:
        """The text of token ``i``; "" past the end."""
        return self.text[self.starts[i]:self.ends[i]] if i < len(self.starts) else ""


@Language.factory("claimx_quantities", default_config={"patterns_dir": None, "month_first": False})
def make_quantity_finder(nlp: Language, name: str, patterns_dir: Optional[str], month_first: bool):
    return QuantityFinder(nlp, name, patterns_dir=patterns_dir, month_first=month_first)
