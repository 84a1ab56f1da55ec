"""Speech laid out as a transcript rather than in quotation marks.

Two layouts, both without marks:
- a hearing or interview with named turns: "Jane Doe: I expect so." / "Q214 Chair: How many?";
- a Q&A with the person introduced just before it: "Dr Jane Doe answered some questions." then
  "Q: Is it safe?" / "A: Every patient has a named nurse." (the answers are hers).
The labels are data (``patterns/quotes/narration.json``: question and answer labels).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from math import inf
from typing import Iterator

from .attribution import Attribution, AttributionFinder
from .name_index import NameIndex
from .quote_lexicon import QuoteLexicon
from .quote_marks import Quotation
from .said_blocks import SaidBlockFinder

MIN_TURNS = 2  # one "Jane Doe: …" paragraph is a caption; a transcript has turns
TERMINAL = ".!?"

Turn = tuple[Quotation, Attribution]


class TranscriptFinder:
    """Finds transcript turns and Q&A answers; built once from the word lists."""

    def __init__(self, lexicon: QuoteLexicon, attributions: AttributionFinder, blocks: SaidBlockFinder):
        self.attributions, self.blocks = attributions, blocks
        self._question = _label_regex(lexicon["question_labels"])
        self._answer = _label_regex(lexicon["answer_labels"])

    def find(self, text: str, paragraphs: list[tuple[int, int]], names: NameIndex) -> list[Turn]:
        return self.named_turns(text, paragraphs) or self.answers(text, paragraphs, names)

    def named_turns(self, text: str, paragraphs: list[tuple[int, int]]) -> list[Turn]:
        """"Jane Doe: …" paragraphs: two turns at least, one of them spoken (first person or
        a question), make a transcript."""
        turns, spoken = [], False
        for index in _paragraphs_with(text, ":", paragraphs):
            ps, pe = paragraphs[index]
            label = self.attributions.turn_label(text, ps, pe)
            if not label or not self._is_speech(text, label.end(), pe):
                continue
            speaker = self.attributions.turn_speaker(text, label)
            if speaker:
                turns.append((Quotation(segments=[(label.end(), pe)]), speaker))
                spoken = spoken or text[pe - 1] == "?" or self.blocks.sounds_spoken(text, label.end(), pe)
        return turns if len(turns) >= MIN_TURNS and spoken else []

    def answers(self, text: str, paragraphs: list[tuple[int, int]], names: NameIndex) -> list[Turn]:
        """"A: …" paragraphs after a first "Q: …": the speech of the person named as a subject
        in the paragraph before that first question."""
        first = next((i for i, (ps, pe) in enumerate(paragraphs) if self._question.match(text, ps, pe)), None)
        if not first:
            return []
        speaker = names.first_subject_between(*paragraphs[first - 1])
        if not speaker:
            return []
        out = []
        for ps, pe in paragraphs[first + 1:]:
            m = self._answer.match(text, ps, pe)
            if m and self._is_speech(text, m.end(), pe):
                out.append((Quotation(segments=[(m.end(), pe)]), Attribution(speaker, None, "interview-answer")))
        return out

    def _is_speech(self, text: str, start: int, end: int) -> bool:
        return text[start] not in self.blocks.marks and text[end - 1] in TERMINAL


def _paragraphs_with(text: str, char: str, paragraphs: list[tuple[int, int]]) -> Iterator[int]:
    """Indices of the paragraphs holding ``char``, in order: str.find jumps from one to the
    next instead of every paragraph being visited. White space between paragraphs holds no
    other character, so each find lands in a paragraph."""
    at = text.find(char)
    while at >= 0:
        index = bisect_right(paragraphs, (at, inf)) - 1
        yield index
        at = text.find(char, paragraphs[index][1])


def _label_regex(labels) -> re.Pattern:
    alternatives = "|".join(re.escape(w) for w in sorted(labels, key=len, reverse=True))
    return re.compile(r"(?:" + alternatives + r")[.:][ \t]+(?=\S)")

