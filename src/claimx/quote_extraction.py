"""From a text to its quotations with speakers: the steps of the claimx_quotes component.

Marks are paired into quotations (``quote_marks``), unmarked speech after "X said:" is
added (``said_blocks``), each quotation gets its attribution (``attribution``) or
inherits the one of the quotation it continues, and the speaker phrase is resolved to
the fullest name the document gives (``speakers``). Quotations with no attribution are
kept only when they read as speech (long, opening a paragraph); short unattributed
phrases are titles, slogans or scare quotes.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Optional

from .attribution import Attribution, AttributionFinder
from .paragraphs import paragraph_bounds
from .quote_lexicon import QuoteLexicon
from .quote_marks import MarkSet, Quotation, QuotationPairer
from .said_blocks import SaidBlockFinder
from .name_index import NameIndex
from .speakers import Speaker, SpeakerParser

_WORD = re.compile(r"\w+")
_SENTENCE_PUNCT = re.compile(r"[.!?…]\W*$")
SPEECH_MIN_WORDS = 5
UNATTRIBUTED_MIN_WORDS = 15


@dataclass(slots=True)
class QuoteItem:
    """One paragraph of a quotation, ready to become a Found."""

    start: int
    end: int
    rule: str
    speaker: Optional[str]
    speaker_role: Optional[str]
    speaker_org: Optional[str]
    cue: Optional[str]
    quote_id: str

    def fields(self) -> dict:
        return {"speaker": self.speaker, "speaker_role": self.speaker_role, "speaker_org": self.speaker_org,
                "cue": self.cue, "quote_id": self.quote_id}


@dataclass(slots=True)
class Resolved:
    speaker: Optional[str]
    role: Optional[str] = None
    org: Optional[str] = None
    is_person: bool = False


@dataclass(slots=True)
class _Accepted:
    quotation: Quotation
    resolved: Resolved
    cue: Optional[str]
    quote_id: str
    last_paragraph: int


class QuoteExtractor:
    """Built once from the word lists; ``extract`` runs on every text."""

    def __init__(self, lexicon: QuoteLexicon):
        self.lexicon = lexicon
        double = MarkSet(lexicon["double_open"], lexicon["double_close"], lexicon["double_either"], False)
        single = MarkSet(lexicon["single_open"], lexicon["single_close"], lexicon["single_either"], True)
        marks = double.all | single.all
        self.pairer = QuotationPairer(double, single)
        self.parser = SpeakerParser(lexicon)
        self.attributions = AttributionFinder(lexicon, self.parser, marks)
        self.blocks = SaidBlockFinder(lexicon, marks)
        self.given_name_titles = lexicon["given_name_titles"]

    def extract(self, text: str) -> list[QuoteItem]:
        paragraphs = paragraph_bounds(text)
        if not paragraphs:
            return []
        starts = [s for s, _ in paragraphs]
        cues = self._cue_paragraphs(text, paragraphs)
        candidates: list[tuple[Quotation, Optional[Attribution]]] = [
            (q, None) for q in self.pairer.find(text, paragraphs)]
        candidates += self._unmarked_blocks(text, paragraphs, cues)
        candidates.sort(key=lambda c: c[0].start)
        names = NameIndex(text, self.parser)
        items: list[QuoteItem] = []
        accepted: list[_Accepted] = []
        for quotation, attribution in candidates:
            first = bisect_right(starts, quotation.start) - 1
            last = bisect_right(starts, quotation.end - 1) - 1
            done = self._accept(text, quotation, attribution, paragraphs, first, last, cues, names, accepted)
            if done:
                items.extend(done)
        return items

    def _accept(self, text, quotation, attribution, paragraphs, first, last, cues, names, accepted):
        previous = accepted[-1] if accepted else None
        if attribution is None:
            attribution = self._attribution(text, quotation, paragraphs, first, last, cues, previous)
        quote_id = f"q{quotation.start}"
        if attribution is not None and attribution.loose and self._reads_as_name(text, quotation):
            attribution = None
        if attribution is not None:
            speaker = self.parser.parse(attribution.phrase) if attribution.phrase else None
            resolved = self._resolve(speaker, names, accepted, paragraphs, first)
            rule, cue = attribution.rule, attribution.cue
        elif previous and self._continues(text, quotation, previous, paragraphs, first):
            resolved, rule, cue = previous.resolved, "continued", previous.cue
            if previous.last_paragraph == first:
                quote_id = previous.quote_id
        elif self._reads_as_speech(text, quotation, paragraphs[first][0]):
            resolved, rule, cue = self._named_just_before(names, paragraphs, first), "unattributed", None
        else:
            return None
        accepted.append(_Accepted(quotation, resolved, cue, quote_id, last))
        return [QuoteItem(s, e, f"quote.{rule}", resolved.speaker, resolved.role, resolved.org, cue, quote_id)
                for s, e in quotation.segments]

    def _attribution(self, text, q: Quotation, paragraphs, first, last, cues, previous) -> Optional[Attribution]:
        ps = paragraphs[first][0]
        bound = ps
        if previous and previous.quotation.close_at is not None and previous.quotation.close_at >= ps:
            bound = previous.quotation.close_at + 1
        after = (lambda: self.attributions.after(text, q.close_at + 1, paragraphs[last][1])
                 if q.close_at is not None else None)
        before = (lambda: self.attributions.before(text, bound, q.open_at)
                  if q.open_at is not None else None)
        order = (before, after) if _SENTENCE_PUNCT.search(text[q.start:q.end]) else (after, before)
        for find in order:
            found = find()
            if found:
                return found
        if q.open_at is not None and not text[ps:q.open_at].strip() and first - 1 in cues:
            return cues[first - 1]
        return None

    def _cue_paragraphs(self, text, paragraphs) -> dict[int, Attribution]:
        cues = {}
        for i, (ps, pe) in enumerate(paragraphs[:-1]):
            if text[pe - 1] == ":":
                found = self.attributions.cue_paragraph(text, ps, pe)
                if found:
                    cues[i] = found
        return cues

    def _unmarked_blocks(self, text, paragraphs, cues):
        out = []
        for i, attribution in cues.items():
            if text[paragraphs[i + 1][0]] in self.blocks.marks:
                continue
            speaker = self.parser.parse(attribution.phrase) if attribution.phrase else None
            block = self.blocks.block_after(text, paragraphs, i, *self._third_person_names(speaker))
            if block:
                block = self.pairer.trimmed(text, block)
            if block and block.segments:
                out.append((block, Attribution(attribution.phrase, attribution.cue, attribution.rule + "-block")))
        return out

    def _third_person_names(self, speaker: Optional[Speaker]) -> tuple[Optional[str], list[str]]:
        """The surname and role words by which narration would refer to the speaker."""
        if speaker is None:
            return None, []
        surname = speaker.name.split()[-1] if speaker.kind in ("person", "surname") and speaker.name else None
        roles = [w for w in (speaker.role or "").split() if w in self.lexicon["role_words"]]
        return surname, roles

    # --- resolution ------------------------------------------------------------------

    def _resolve(self, sp: Optional[Speaker], names: NameIndex, accepted: list[_Accepted], paragraphs,
                 first: int) -> Resolved:
        previous = accepted[-1].resolved if accepted else Resolved(None)
        if sp is None:
            return previous
        if sp.kind == "pronoun":
            return self._resolve_pronoun(names, accepted, paragraphs, first)
        if sp.kind == "role":
            return self._resolve_role(sp, names, accepted)
        if sp.kind in ("unnamed", "org"):
            return Resolved(sp.name, sp.role, sp.org)
        name = self._fullest(sp, names)
        earlier = next((a.resolved for a in reversed(accepted) if a.resolved.speaker == name), None)
        if earlier and sp.role is None:
            return earlier
        return Resolved(name, sp.role, sp.org, is_person=True)

    @staticmethod
    def _named_just_before(names: NameIndex, paragraphs, first: int) -> Resolved:
        """A quotation with no cue, right after a paragraph naming someone ("Jane Doe
        welcomed the decision."), is taken as theirs."""
        if not first:
            return Resolved(None)
        name = names.first_person_between(*paragraphs[first - 1])
        return Resolved(name, is_person=bool(name))

    def _resolve_pronoun(self, names: NameIndex, accepted: list[_Accepted], paragraphs, first: int) -> Resolved:
        """"he said": the previous quotation's person, else the first person named in this
        paragraph or the one before."""
        person = next((a.resolved for a in reversed(accepted) if a.resolved.is_person), None)
        if person:
            return person
        lo = paragraphs[max(0, first - 1)][0]
        name = names.first_person_between(lo, paragraphs[first][1]) or names.sole_titled_person()
        return Resolved(name, is_person=bool(name))

    def _fullest(self, sp: Speaker, names: NameIndex) -> str:
        if sp.kind == "person":
            return sp.name
        if sp.title in self.given_name_titles:
            return names.fullest_for_given(sp.name) or names.fullest_for_surname(sp.name) or sp.name
        return names.fullest_for_surname(sp.name) or sp.name

    def _resolve_role(self, sp: Speaker, names: NameIndex, accepted: list[_Accepted]) -> Resolved:
        """"The Chancellor said": an earlier speaker with that role, else the person the
        document names with it, else the only titled person, else the role as written."""
        head = sp.role.split()[-1]
        for a in reversed(accepted):
            if a.resolved.is_person and a.resolved.role and head in a.resolved.role.split():
                return a.resolved
        role_words = sp.role.split()
        for n in range(len(role_words), 0, -1):
            holder = names.holder_of_role(" ".join(role_words[-n:]))
            if holder:
                return Resolved(holder, sp.role, sp.org, is_person=True)
        sole = names.sole_titled_person()
        if sole:
            return Resolved(sole, sp.role, sp.org, is_person=True)
        return Resolved(sp.written or sp.role, sp.role, sp.org)

    # --- is it speech? ---------------------------------------------------------------

    def _continues(self, text, q: Quotation, previous: _Accepted, paragraphs, first: int) -> bool:
        """A quotation with no cue of its own goes on from the previous one when it reads as
        speech and follows it in the same paragraph ("…,” said X. “…”) or opens the next."""
        if not self._speech_like(text, q):
            return False
        if previous.last_paragraph == first:
            return True
        opens = q.open_at is not None and not text[paragraphs[first][0]:q.open_at].strip()
        return previous.last_paragraph == first - 1 and opens

    def _speech_like(self, text: str, q: Quotation) -> bool:
        words = sum(len(_WORD.findall(text, s, e)) for s, e in q.segments)
        return words >= SPEECH_MIN_WORDS

    @staticmethod
    def _reads_as_name(text: str, q: Quotation) -> bool:
        """“New Deal”, ‘Excellent’: every word capitalised, as in a name, title or slogan."""
        words = _WORD.findall(text, q.start, q.end)
        return all(w[:1].isupper() or w[:1].isdigit() for w in words)

    def _reads_as_speech(self, text: str, q: Quotation, paragraph_start: int) -> bool:
        words = sum(len(_WORD.findall(text, s, e)) for s, e in q.segments)
        opens_paragraph = q.open_at is not None and not text[paragraph_start:q.open_at].strip()
        return opens_paragraph and words >= UNATTRIBUTED_MIN_WORDS and bool(
            _SENTENCE_PUNCT.search(text[q.start:q.end]))
