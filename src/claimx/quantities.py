"""The ``claimx_quantities`` component: percentages, money, counts, dates and multipliers.

One Matcher (built from ``patterns/quantities``) proposes spans; each is read into its
record fields (``readings``), the longest readable spans win, and then the span's
surroundings are looked at once: a qualifier before it, a unit after a count, the
other end of a range, and which dollar a bare ``$`` is. All Python work is per match.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .found import Found
from .lexicon import Lexicon, load_lexicon
from .linking import link_ranges
from .money import BARE_DOLLAR, dollar_currency
from .patterns import patterns_dir as resolve_patterns_dir
from .readings import looks_like_year, read_fields
from .rules import build_matcher

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
    width: int = 0  # tokens matched, context included: context is evidence too


class QuantityFinder:
    def __init__(self, nlp: Language, name: str = "claimx_quantities", patterns_dir: Optional[str] = None,
                 month_first: bool = False):
        self.name, self.nlp, self.month_first = name, nlp, month_first
        self._load(resolve_patterns_dir(patterns_dir))

    def _load(self, folder: Path) -> None:
        self.folder = folder
        self.lex: Lexicon = load_lexicon(folder)
        self.matcher, self.rules = build_matcher(self.nlp.vocab, folder / "quantities", self.lex)
        self.qualifiers = self._phrases(self.lex.qualifiers)
        self.dollar_cues = self._phrases({cue: code for code, cues in self.lex.currencies["dollar"]["cues"].items()
                                          for cue in cues})

    def _phrases(self, table: dict[str, str]) -> PhraseMatcher:
        matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        for phrase, label in table.items():
            matcher.add(label, [self.nlp.make_doc(phrase)])
        return matcher

    def __call__(self, doc: Doc) -> Doc:
        chosen = self._choose(doc, self._candidates(doc))
        if not chosen:
            return doc
        qualifiers = self._qualifier_ends(doc)
        self._resolve_dollars(doc, chosen)
        link_ranges(doc, chosen, qualifiers, self.lex.ranges)
        found = doc._.claimx_found
        for cand in chosen:
            found.append(self._found(doc, cand, qualifiers))
        return doc

    def _candidates(self, doc: Doc) -> list[Candidate]:
        options = {"published": doc._.claimx_published, "day_first": not self.month_first}
        out = []
        for match_id, match_start, match_end in self.matcher(doc):
            rule_id = self.nlp.vocab.strings[match_id]
            rule = self.rules[rule_id]
            start, end = match_start + rule.before, match_end - rule.after
            fields = read_fields(rule.label, doc[start:end].text, self.lex, **options)
            if fields is not None and self._plausible(doc, rule.label, start, end):
                out.append(Candidate(rule.label, rule_id, start, end, fields, match_end - match_start))
        return out

    def _plausible(self, doc: Doc, label: str, start: int, end: int) -> bool:
        """A bare year-like count ("the 1998 Budget") is only a count before a lowercase noun."""
        if label != "count" or end - start != 1 or not looks_like_year(doc[start].text, self.lex):
            return True
        return end < len(doc) and doc[end].is_lower and doc[end].is_alpha

    @staticmethod
    def _choose(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
        """Longest matches first, then by kind priority; overlapping spans lose; exclusions vanish."""
        taken = bytearray(len(doc))
        chosen = []
        ranked = sorted(candidates, key=lambda c: (-c.width, doc[c.start].idx - doc[c.end - 1].idx,
                                                   PRIORITY[c.label], c.start))
        for cand in ranked:
            if any(taken[cand.start:cand.end]):
                continue
            taken[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
            if cand.label != "exclude":
                chosen.append(cand)
        return sorted(chosen, key=lambda c: c.start)

    def _qualifier_ends(self, doc: Doc) -> dict[int, tuple[int, str]]:
        """Token index where a qualifier ends -> (its first token, its type)."""
        strings = self.nlp.vocab.strings
        return {end: (start, strings[key]) for key, start, end in self.qualifiers(doc)}

    def _resolve_dollars(self, doc: Doc, chosen: list[Candidate]) -> None:
        bare = [c for c in chosen if c.label == "money" and c.fields["currency"] == BARE_DOLLAR]
        if not bare:
            return
        counts: dict[str, int] = {}
        for key, _, _ in self.dollar_cues(doc):
            code = self.nlp.vocab.strings[key]
            counts[code] = counts.get(code, 0) + 1
        dollar = self.lex.currencies["dollar"]
        currency = dollar_currency(counts, dollar["default"], dollar["min_cues"])
        for cand in bare:
            cand.fields["currency"] = currency

    def _unit_after(self, doc: Doc, end: int) -> Optional[str]:
        """The counted unit written right after a count ("2 days", "140-mile")."""
        if end < len(doc) and doc[end].text == "-":
            end += 1
        if end < len(doc) and doc[end].lower_ in self.lex.units["units"]:
            return doc[end].lower_
        return None

    def _found(self, doc: Doc, cand: Candidate, qualifiers: dict[int, tuple[int, str]]) -> Found:
        fields = dict(cand.fields)
        if cand.start in qualifiers:
            fields["qualifier"] = qualifiers[cand.start][1]
        if cand.label == "count":
            unit = self._unit_after(doc, cand.end)
            if unit:
                fields["unit"] = unit
        span = doc[cand.start:cand.end]
        return Found(cand.label, span.start_char, span.end_char, cand.rule, fields)

    def to_disk(self, path, exclude=()) -> None:
        """Write the pattern files this component was built from."""
        path = Path(path)
        for sub in PATTERN_FOLDERS:
            shutil.copytree(self.folder / sub, path / sub, dirs_exist_ok=True)

    def from_disk(self, path, exclude=()) -> "QuantityFinder":
        self._load(Path(path))
        return self


@Language.factory("claimx_quantities", default_config={"patterns_dir": None, "month_first": False})
def make_quantity_finder(nlp: Language, name: str, patterns_dir: Optional[str], month_first: bool):
    return QuantityFinder(nlp, name, patterns_dir=patterns_dir, month_first=month_first)
