"""Speech without quotation marks: the paragraphs after "Jane Doe said:".

Some pages lose their quotation marks, so a release reads "The Minister said:" and then
plain paragraphs of speech until the narration resumes. The speech goes on while a
paragraph sounds like the speaker (first person, or opening on "This"/"But"/"…"), or
while the next one does; it stops at a heading, a list, a quotation mark, another cue,
or a paragraph that speaks of the speaker in the third person.
"""
from __future__ import annotations

import re
from typing import Optional

from .quote_lexicon import QuoteLexicon
from .quote_marks import Quotation

TERMINAL = ".!?…\"”’)"
MAX_PARAGRAPHS = 12


class SaidBlockFinder:
    """Follows unmarked speech after a cue paragraph; built once from the word lists."""

    def __init__(self, lexicon: QuoteLexicon, marks: frozenset[str]):
        self.marks = marks
        self.bullets = lexicon["list_bullets"]
        self._first_person = _word_regex(lexicon["first_person"])
        self._openers = _start_regex(lexicon["continuation_openers"])

    def block_after(self, text: str, paragraphs: list[tuple[int, int]], cue_index: int,
                    surname: Optional[str], role_words: list[str]) -> Optional[Quotation]:
        """The unmarked speech after the cue paragraph, or None when none follows.

        Narration names the speaker in the third person: by surname ("Doe") or as "the
        Minister" / "The Prime Minister"; the speaker says "since I became Minister".
        """
        third_person = _third_person_regex(surname, role_words)
        segments = []
        following = paragraphs[cue_index + 1:cue_index + 1 + MAX_PARAGRAPHS]
        for n, (ps, pe) in enumerate(following):
            if self._stops(text, ps, pe, third_person):
                break
            if n and not self.sounds_spoken(text, ps, pe) and not self._next_sounds_spoken(
                    text, following[n + 1:], third_person):
                break
            segments.append((ps, pe))
        return Quotation(segments=segments) if segments else None

    def _next_sounds_spoken(self, text, rest, third_person) -> bool:
        if not rest:
            return False
        ps, pe = rest[0]
        return not self._stops(text, ps, pe, third_person) and self.sounds_spoken(text, ps, pe)

    def _stops(self, text: str, ps: int, pe: int, third_person: Optional[re.Pattern]) -> bool:
        first = text[ps]
        return (first in self.marks or first in self.bullets or text[pe - 1] == ":"
                or text[pe - 1] not in TERMINAL
                or bool(third_person and third_person.search(text, ps, pe)))

    def sounds_spoken(self, text: str, ps: int, pe: int) -> bool:
        return bool(self._first_person.search(text, ps, pe) or self._openers.match(text, ps))


def _word_regex(words) -> re.Pattern:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?<![\w’'])(?:" + alternatives + r")(?![\w’'])")


def _third_person_regex(surname: Optional[str], role_words: list[str]) -> Optional[re.Pattern]:
    parts = [re.escape(surname)] if surname else []
    if role_words:
        roles = "|".join(re.escape(w) for w in role_words)
        parts.append(r"[Tt]he\s+(?:[A-Z][\w\-]*\s+){0,2}(?:" + roles + ")")
    if not parts:
        return None
    return re.compile(r"(?<![\w’'])(?:" + "|".join(parts) + r")(?![\w’'])")


def _start_regex(words) -> re.Pattern:
    """Paragraph openers; a word must end there ("This" is not "Thistle"), punctuation need not."""
    alternatives = "|".join(re.escape(w) + (r"(?![\w’'])" if w[-1].isalnum() else "")
                            for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?:" + alternatives + r")")
