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
from dataclasses import dataclass, field
from typing import Optional

from .attribution import Attribution, AttributionFinder
from .paragraphs import paragraph_bounds
from .quote_lexicon import QuoteLexicon
from .quote_marks import MarkSet, Quotation, QuotationPairer
from .said_blocks import SaidBlockFinder
from .name_index import NameIndex
from .speakers import Speaker, SpeakerParser
from .transcripts import TranscriptFinder

_WORD = re.compile(r"\w+")
_SENTENCE_PUNCT = frozenset(".!?…")
_SENTENCE_GAP = re.compile(r"[.!?]\s")
_NEXT_WORD = re.compile(r"[ \t]+(\w+)")
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


@dataclass(slots=True)
class _Document:
    """What is known about one text while its quotations are attributed in order."""

    text: str
    paragraphs: list[tuple[int, int]]
    cues: dict[int, Attribution]
    names: NameIndex
    accepted: list[_Accepted] = field(default_factory=list)
    starts: list[int] = field(init=False)

    def __post_init__(self):
        self.starts = [s for s, _ in self.paragraphs]

    def paragraph_of(self, pos: int) -> int:
        return bisect_right(self.starts, pos) - 1

    def opens_paragraph(self, q: Quotation, index: int) -> bool:
        return q.open_at is not None and not self.text[self.paragraphs[index][0]:q.open_at].strip()

    @property
    def previous(self) -> Optional[_Accepted]:
        return self.accepted[-1] if self.accepted else None


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
        self.transcripts = TranscriptFinder(lexicon, self.attributions, self.blocks)
        self.given_name_titles = lexicon["given_name_titles"]
        self.clause_links = lexicon.lower("clause_links")

    def extract(self, text: str) -> list[QuoteItem]:
        paragraphs = paragraph_bounds(text)
        if not paragraphs:
            return []
        doc = _Document(text, paragraphs, self._cue_paragraphs(text, paragraphs), NameIndex(text, self.parser))
        candidates: list[tuple[Quotation, Optional[Attribution]]] = [
            (q, None) for q in self.pairer.find(text, paragraphs)]
        candidates += self._unmarked_blocks(doc) + self.transcripts.find(text, paragraphs, doc.names)
        candidates.sort(key=lambda c: c[0].start)
        items: list[QuoteItem] = []
        reach = -1
        for quotation, attribution in candidates:
            if quotation.end <= reach:
                continue
            found = self._accept(doc, quotation, attribution)
            if found and attribution is not None:
                reach = quotation.end
            items.extend(found)
        return items

    def _accept(self, doc: _Document, quotation: Quotation, attribution: Optional[Attribution]) -> list[QuoteItem]:
        """The items of one quotation, or none when it has no speaker and does not read as speech."""
        first, last = doc.paragraph_of(quotation.start), doc.paragraph_of(quotation.end - 1)
        previous = doc.previous
        if attribution is None:
            attribution = self._attribution(doc, quotation, first, last)
        if attribution is not None and attribution.loose and (
                self._reads_as_name(doc.text, quotation) or self._modifies_a_noun(doc.text, quotation)):
            attribution = None
        quote_id = f"q{quotation.start}"
        if attribution is not None:
            speaker = self.parser.parse(attribution.phrase) if attribution.phrase else None
            resolved = self._resolve(doc, speaker, first, quotation.start)
            rule, cue = attribution.rule, attribution.cue
        elif previous and self._continues(doc, quotation, previous, first):
            resolved, rule, cue = previous.resolved, "continued", previous.cue
            if previous.last_paragraph == first:
                quote_id = previous.quote_id
        elif self._reads_as_speech(doc, quotation, first):
            resolved, rule, cue = self._named_just_before(doc, first), "unattributed", None
        else:
            return []
        doc.accepted.append(_Accepted(quotation, resolved, cue, quote_id, last))
        return [QuoteItem(s, e, f"quote.{rule}", resolved.speaker, resolved.role, resolved.org, cue, quote_id)
                for s, e in quotation.segments]

    def _attribution(self, doc: _Document, q: Quotation, first: int, last: int) -> Optional[Attribution]:
        """After the closing mark, else before the opening one (the other way round when the
        quotation ends a sentence), else the cue paragraph just before."""
        text, previous = doc.text, doc.previous
        bound = doc.paragraphs[first][0]
        if previous and previous.quotation.close_at is not None and previous.quotation.close_at >= bound:
            bound = previous.quotation.close_at + 1
        after = (lambda: self.attributions.after(text, q.close_at + 1, doc.paragraphs[last][1])
                 if q.close_at is not None else None)
        before = (lambda: self.attributions.before(text, bound, q.open_at)
                  if q.open_at is not None else None)
        order = (before, after) if _ends_sentence(text, q) else (after, before)
        for find in order:
            found = find()
            if found:
                return found
        if doc.opens_paragraph(q, first) and first - 1 in doc.cues:
            return doc.cues[first - 1]
        return self._signed_after(doc, q, last) or self._said_just_before(doc, q, bound)

    def _signed_after(self, doc: _Document, q: Quotation, last: int) -> Optional[Attribution]:
        """A quotation closing its paragraph, signed in the next: "— Jane Doe, Minister"."""
        if q.close_at is None or last + 1 >= len(doc.paragraphs) \
                or doc.text[q.close_at + 1:doc.paragraphs[last][1]].strip():
            return None
        return self.attributions.signature_paragraph(doc.text, *doc.paragraphs[last + 1])

    def _said_just_before(self, doc: _Document, q: Quotation, bound: int) -> Optional[Attribution]:
        """Speech opening a sentence after "Jane Doe said the plan was late." in its paragraph."""
        if q.open_at is None or not _has_words(doc.text, q, SPEECH_MIN_WORDS):
            return None
        return self.attributions.said_in_sentence_before(doc.text, bound, q.open_at)

    def _cue_paragraphs(self, text, paragraphs) -> dict[int, Attribution]:
        cues = {}
        for i, (ps, pe) in enumerate(paragraphs[:-1]):
            if text[pe - 1] == ":":
                found = self.attributions.cue_paragraph(text, ps, pe)
                if found:
                    cues[i] = found
        return cues

    def _unmarked_blocks(self, doc: _Document) -> list[tuple[Quotation, Attribution]]:
        out = []
        for i, attribution in doc.cues.items():
            if doc.text[doc.paragraphs[i + 1][0]] in self.blocks.marks:
                continue
            speaker = self.parser.parse(attribution.phrase) if attribution.phrase else None
            block = self.blocks.block_after(doc.text, doc.paragraphs, i, *self._third_person_names(speaker))
            if block:
                block = self.pairer.trimmed(doc.text, block)
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

    def _resolve(self, doc: _Document, sp: Optional[Speaker], first: int, start: int) -> Resolved:
        if sp is None:
            return doc.previous.resolved if doc.previous else Resolved(None)
        if sp.kind == "pronoun":
            return self._resolve_pronoun(doc, first, start)
        if sp.kind == "role":
            return self._resolve_role(doc, sp)
        if sp.kind == "unnamed":
            return self._organisation_meant(doc, sp, start) or Resolved(sp.name, sp.role, sp.org)
        if sp.kind == "org":
            return Resolved(sp.name, sp.role, sp.org)
        if sp.kind == "person":
            _take_surname_written_first(sp, doc.names)
        name = self._fullest(sp, doc.names)
        earlier = next((a.resolved for a in reversed(doc.accepted) if a.resolved.speaker == name), None)
        if earlier and sp.role is None:
            return earlier
        return Resolved(name, sp.role, sp.org, is_person=True)

    def _organisation_meant(self, doc: _Document, sp: Speaker, start: int) -> Optional[Resolved]:
        """"the institute said": the organisation last named with that word before the
        quotation ("the Korea Maritime Policy Institute"), when there is one."""
        words = sp.name.split()
        if len(words) != 2 or words[0] not in self.parser.determiners or words[1].title() not in self.parser.orgs:
            return None
        name = doc.names.organisation_before(words[1].title(), start)
        return Resolved(name, org=name) if name else None

    @staticmethod
    def _named_just_before(doc: _Document, first: int) -> Resolved:
        """A quotation with no cue, right after a paragraph naming someone ("Jane Doe
        welcomed the decision."), is taken as theirs."""
        if not first:
            return Resolved(None)
        name = doc.names.first_person_between(*doc.paragraphs[first - 1])
        return Resolved(name, is_person=bool(name))

    @staticmethod
    def _resolve_pronoun(doc: _Document, first: int, start: int) -> Resolved:
        """"he said": the first person named as a subject since the previous quotation (in this
        paragraph, else the one before), else the previous quotation's person, else the first
        person named in this paragraph or the one before."""
        named = _subject_since_previous(doc, first, start)
        if named:
            return Resolved(named, is_person=True)
        person = next((a.resolved for a in reversed(doc.accepted) if a.resolved.is_person), None)
        if person:
            return person
        lo = doc.paragraphs[max(0, first - 1)][0]
        name = doc.names.first_person_between(lo, doc.paragraphs[first][1]) or doc.names.sole_titled_person()
        return Resolved(name, is_person=bool(name))

    def _fullest(self, sp: Speaker, names: NameIndex) -> str:
        if sp.kind == "person":
            return sp.name
        if sp.title in self.given_name_titles:
            return names.fullest_for_given(sp.name) or names.fullest_for_surname(sp.name) or sp.name
        return names.fullest_for_surname(sp.name) or sp.name

    @staticmethod
    def _resolve_role(doc: _Document, sp: Speaker) -> Resolved:
        """"The Chancellor said": an earlier speaker with that role, else the person the
        document names with it, else the only titled person, else the role as written."""
        role_words = sp.role.split()
        head = role_words[-1].lower()
        for a in reversed(doc.accepted):
            if a.resolved.is_person and a.resolved.role and head in a.resolved.role.lower().split():
                return a.resolved
        for n in range(len(role_words), 0, -1):
            holder = doc.names.holder_of_role(" ".join(role_words[-n:]))
            if holder:
                return Resolved(holder, sp.role, sp.org, is_person=True)
        sole = doc.names.sole_titled_person()
        if sole:
            return Resolved(sole, sp.role, sp.org, is_person=True)
        return Resolved(sp.written or sp.role, sp.role, sp.org)

    # --- is it speech? ---------------------------------------------------------------

    def _continues(self, doc: _Document, q: Quotation, previous: _Accepted, first: int) -> bool:
        """A quotation with no cue of its own goes on from the previous one when it is in the
        same sentence, or reads as speech and follows it in the same paragraph ("…,” said X.
        “…”) or opens the next."""
        if previous.last_paragraph == first and self._same_sentence(doc.text, previous.quotation, q):
            return not self._reads_as_name(doc.text, q)
        if previous.last_paragraph == first and _next_sentence(doc.text, previous.quotation, q):
            return not self._reads_as_name(doc.text, q)
        if not _has_words(doc.text, q, SPEECH_MIN_WORDS):
            return False
        if previous.last_paragraph == first:
            return True
        return previous.last_paragraph == first - 1 and doc.opens_paragraph(q, first)

    @staticmethod
    def _same_sentence(text: str, previous: Quotation, q: Quotation) -> bool:
        """'…called it “fair” and “overdue”.': a second partial quotation in the same sentence."""
        if previous.close_at is None or q.open_at is None:
            return False
        return not _SENTENCE_GAP.search(text, previous.close_at + 1, q.open_at)

    def _modifies_a_noun(self, text: str, q: Quotation) -> bool:
        """“‘world-class’ exporters”: a word or two in marks right before a noun is a scare
        quote, not a partial quotation (which ends its clause: “fair” and…, “fair”.)."""
        if q.close_at is None or _has_words(text, q, 3):
            return False
        following = _NEXT_WORD.match(text, q.close_at + 1)
        if not following or not following.group(1).islower():
            return False
        word = following.group(1)
        return word not in self.clause_links and word not in self.parser.connectors \
            and word not in self.parser.prepositions and word not in self.parser.determiners

    def _reads_as_name(self, text: str, q: Quotation) -> bool:
        """“New Deal”, ‘Excellent’, “Help to Buy”: written like a name, title or slogan."""
        return self.parser.reads_as_title(m.group() for m in _WORD.finditer(text, q.start, q.end))

    @staticmethod
    def _reads_as_speech(doc: _Document, q: Quotation, first: int) -> bool:
        """Long enough, ending a sentence and opening its paragraph: speech, not a title."""
        return (doc.opens_paragraph(q, first) and _has_words(doc.text, q, UNATTRIBUTED_MIN_WORDS)
                and _ends_sentence(doc.text, q))


def _take_surname_written_first(sp: Speaker, names: NameIndex) -> None:
    """"Minister of State for Trade Lim Wei Jie" with "Mr Lim" elsewhere: the surname the
    parser left at the end of the role moves to the front of the name."""
    name = names.with_surname_first(sp.name, sp.written)
    if name != sp.name and sp.role:
        sp.role = sp.role[:sp.role.rfind(name.split()[0])].rstrip() or None
    sp.name = name


def _next_sentence(text: str, previous: Quotation, q: Quotation) -> bool:
    """'…,” he said. “This changes that.”': a whole sentence of speech right after the previous
    quotation's attribution, however short."""
    if previous.close_at is None or q.open_at is None:
        return False
    between = text[previous.close_at + 1:q.open_at].rstrip()
    return between[-1:] in ".!?" and _ends_sentence(text, q)


def _subject_since_previous(doc: _Document, first: int, start: int) -> Optional[str]:
    """The person named as a subject since the previous quotation, nearest paragraph first."""
    lo, own = _since_previous(doc, first, start), doc.paragraphs[first][0]
    return doc.names.first_subject_between(max(lo, own), start) or (
        doc.names.first_subject_between(lo, own) if lo < own else None)


def _since_previous(doc: _Document, first: int, start: int) -> int:
    """Where the narration before a quotation starts: the paragraph before it, but not before
    the previous quotation and the sentence that attributes it."""
    lo = doc.paragraphs[max(0, first - 1)][0]
    previous = doc.previous
    if previous is None:
        return lo
    if previous.last_paragraph < first:
        return max(lo, doc.paragraphs[previous.last_paragraph + 1][0])
    gap = _SENTENCE_GAP.search(doc.text, previous.quotation.end, start)
    return gap.end() if gap else start


def _ends_sentence(text: str, q: Quotation) -> bool:
    r"""Whether the quotation ends with sentence punctuation, perhaps followed by other
    non-word characters: what ``[.!?…]\W*$`` finds, read from the end rather than searched
    for from the start. ``\w`` is exactly str.isalnum and the underscore."""
    end = q.end
    while end > q.start:
        end -= 1
        char = text[end]
        if char.isalnum() or char == "_":
            return False
        if char in _SENTENCE_PUNCT:
            return True
    return False


def _has_words(text: str, q: Quotation, n: int) -> bool:
    """Whether the quotation has at least n words; counting stops there, as quotations
    run to dozens of words and the thresholds are a handful."""
    count = 0
    for s, e in q.segments:
        for _ in _WORD.finditer(text, s, e):
            count += 1
            if count == n:
                return True
    return False
