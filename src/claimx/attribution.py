"""Finding the attribution of a quotation: the cue verb and the speaker phrase around it.

Six places are looked at, as press releases write them:
- after the closing mark: "…,” said Jane Doe." / "…,” the Minister added." / "…” – Jane Doe"
- before the opening mark: "Jane Doe, Minister for Data, said: “…" / "According to Jane Doe, “…" /
  "Jane Doe, Minister for Data: “…" / "Jane Doe said the plan was late: “…"
- a partial quotation: "Jane Doe described it as “a banner year”" / "…said it was “encouraging”"
- a cue paragraph just before: "Jane Doe said:" or just "Jane Doe:" on a line of its own.
- a transcript turn: "Jane Doe: I would expect so." / "Q12 Chair: How many?"
- the sentence before, or a signature paragraph after: "Jane Doe said the plan was late. “…”" /
  "“…”" then "— Jane Doe, Minister for Data" as a paragraph of its own.
The verbs, auxiliaries and linking words are data (``patterns/quotes/speech_verbs.json``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .quote_lexicon import QuoteLexicon
from .speakers import Speaker, SpeakerParser, Token

SENTENCE_END = frozenset({".", "!", "?"})
DASHES = frozenset({"–", "—", "-"})
WINDOW = 240
AFTER_WINDOW = 240  # reading stops at the sentence's end; the window only bounds a run-on one
MAX_PHRASE_TOKENS = 20
# After the closing mark the phrase runs to the sentence's end, and a role there can be long:
# "said Dr. Jane Doe, PharmD, Executive Vice President for Government Affairs and Rural Health
# Policy at the National Community Pharmacists Association."
MAX_AFTER_PHRASE_TOKENS = 32
LISTENER_TOKENS = 6  # "told the Public Accounts Committee:"
TURN_LABEL = re.compile(r"(?:[A-Z]?\d+[.)]?[ \t]+)?([^:\n]{2,80}):[ \t]+(?=\S)")  # "Q214 Chair: How…"
HEADING_TOKENS = 16  # "Jane Doe, Minister of Industry and Trade and President of the Council:"


@dataclass(slots=True)
class Attribution:
    """A speaker phrase as written, its cue verb and the rule that found them.

    ``loose`` marks a cue with no punctuation tying it to the quotation ("promises “New
    Deal”"): such a quotation counts only when it reads as speech, not as a slogan.
    """

    phrase: str
    cue: Optional[str]
    rule: str
    loose: bool = False


class AttributionFinder:
    """Reads attributions around quotation marks; built once from the word lists."""

    def __init__(self, lexicon: QuoteLexicon, parser: SpeakerParser, marks: frozenset[str]):
        self.parser = parser
        self.marks = marks
        self.speech = PhraseSet(lexicon.lower("speech_verbs") | lexicon.lower("listener_verbs"))
        self.listener = PhraseSet(lexicon.lower("listener_verbs"))
        self.clause = PhraseSet(lexicon.lower("clause_verbs"))
        self.characterising = PhraseSet(lexicon.lower("characterising_verbs"))
        self.links = PhraseSet(lexicon.lower("partial_links"))
        self.auxiliaries = PhraseSet(lexicon.lower("auxiliaries"))
        self.tails = PhraseSet(lexicon.lower("cue_tails"))
        self.statements = PhraseSet(lexicon.lower("statement_cues"))
        self.sentence_cues = PhraseSet(lexicon.lower("sentence_cues"))
        self._sentence_break = _sentence_break_regex(parser.dotted_words)
        self._links = parser.connectors - parser.determiners  # trimmed from both ends of a phrase

    # --- the four places -------------------------------------------------------------

    def after(self, text: str, pos: int, limit: int) -> Optional[Attribution]:
        """'…,” said Jane Doe.', '…,” Jane Doe said.' or '…” – Jane Doe' right after the
        closing mark at pos-1."""
        toks = self._tokens_until_mark(text, pos, min(limit, pos + AFTER_WINDOW))
        i = 0
        while i < len(toks) and toks[i].text in ",.!?…":
            i += 1
        if i < len(toks) and toks[i].text in DASHES:
            return self._dash_signature(text, toks, i + 1)
        return self._verb_then_speaker(text, toks, i) or self._speaker_then_verb(text, toks, i)

    def _verb_then_speaker(self, text: str, toks: list[Token], i: int) -> Optional[Attribution]:
        n = self.speech.at(toks, i)
        if not n:
            return None
        end = self._phrase_end(toks, i + n)
        phrase = self._span_text(text, toks, i + n, end)
        return Attribution(phrase, _joined(toks, i, n), "said-after") if phrase else None

    def _speaker_then_verb(self, text: str, toks: list[Token], i: int) -> Optional[Attribution]:
        end = self._phrase_end(toks, i)
        if self._bare_noun_before(toks, end + 1):  # '…,” the institute said', '… for the department said'
            end += 1
        j = self._skip_forward(toks, end, self.auxiliaries)
        n = self.speech.at(toks, j)
        phrase = self._span_text(text, toks, i, end)
        return Attribution(phrase, _joined(toks, j, n), "said-after") if n and phrase else None

    def _phrase_end(self, toks: list[Token], i: int) -> int:
        """Index after the speaker phrase (words and commas) that starts at token i."""
        end = i
        while end < len(toks) and (self._phrase_word(toks[end]) or toks[end].text == ",") \
                and end - i < MAX_AFTER_PHRASE_TOKENS:
            end += 1
        return end

    def _dash_signature(self, text: str, toks: list[Token], i: int) -> Optional[Attribution]:
        """'“…” – Jane Doe, trail volunteer': a name after a dash, then at most a description."""
        end = i
        while end < len(toks) and self._phrase_word(toks[end]):
            end += 1
        if end < len(toks) and toks[end].text not in ",." or end == i:
            return None
        sp = self.parser.parse(self._span_text(text, toks, i, end))
        if sp and sp.kind in ("person", "unnamed"):
            return Attribution(self._span_text(text, toks, i, len(toks)), None, "dash-after")
        return None

    def before(self, text: str, start: int, pos: int) -> Optional[Attribution]:
        """The attribution in the same sentence before the opening mark at pos."""
        lo = self._last_sentence_start(text, max(start, pos - WINDOW), pos)
        toks = self._since_sentence_start(self.parser.tokens(text, lo, pos))
        j = len(toks)
        while j and toks[j - 1].text in ":,–—-":
            j -= 1
        loose = j == len(toks)
        j = self._skip_back(toks, j, self.tails)
        n = self.speech.before(toks, j)
        if n:
            return Attribution(self._subject(text, toks, j - n), _joined(toks, j - n, n), "said-before", loose)
        found = self._verb_then_phrase(text, toks, j) or self._statement(text, toks, j, "said-before")
        if found:
            return found
        n = self.links.before(toks, j)
        if n:
            return self._partial(text, toks, j - n, (self.speech, self.characterising), loose=False)
        if j < len(toks) and toks[j].text == ":":
            return self._name_heading(text, toks[:j]) or self._speaker_of_sentence(text, toks, j, "said-before") \
                or self._partial(text, toks, j, (self.speech,), loose=True)
        runs_on = j == len(toks) and j >= 2 and toks[j - 1].low not in self.parser.determiners
        found = self._partial(text, toks, j, (self.clause, self.characterising), loose=True) if runs_on else None
        return found or self._sentence_cue(text, toks)

    def _sentence_cue(self, text: str, toks: list[Token]) -> Optional[Attribution]:
        """'According to Jane Doe, each pump will serve 2,000 people and is designed “to run for
        twenty years”': a sentence opened by such a cue is the named speaker's throughout, so a
        partial quotation anywhere in it is theirs (loose: it may still be a name or title)."""
        n = self.sentence_cues.at(toks, 0)
        if not n:
            return None
        end = next((k for k in range(n, len(toks)) if toks[k].text == ","), n)
        phrase = self._span_text(text, toks, n, end)
        if phrase and self.parser.names_someone(phrase):
            return Attribution(phrase, _joined(toks, 0, n), "partial", loose=True)
        return None

    def cue_paragraph(self, text: str, ps: int, pe: int) -> Optional[Attribution]:
        """A paragraph ending 'Jane Doe said:' (or only 'Jane Doe:') that introduces speech."""
        if text[pe - 1] != ":":
            return None
        window_start = self._last_sentence_start(text, max(ps, pe - WINDOW), pe)
        all_toks = self.parser.tokens(text, window_start, pe)
        toks = self._since_sentence_start(all_toks)
        j = self._skip_back(toks, len(toks) - 1, self.tails)
        n = self.speech.before(toks, j)
        if n:
            return Attribution(self._subject(text, toks, j - n), _joined(toks, j - n, n), "said-colon")
        told = self._verb_then_phrase(text, toks, j) or self._statement(text, toks, j, "said-colon")
        if told:
            return Attribution(told.phrase, told.cue, "said-colon")
        if window_start == ps and len(toks) == len(all_toks):
            return self._name_heading(text, toks[:-1])
        return None

    def said_in_sentence_before(self, text: str, start: int, pos: int) -> Optional[Attribution]:
        """'Jane Doe said the plan was late. “…”': a quotation opening a sentence, right after
        a sentence of reported speech, is that speaker's."""
        toks = self.parser.tokens(text, max(start, pos - WINDOW), pos)
        if not toks or toks[-1].text not in SENTENCE_END:
            return None
        toks = self._since_sentence_start(toks[:-1])
        return self._speaker_of_sentence(text, toks, len(toks), "said-sentence-before")

    def signature_paragraph(self, text: str, ps: int, pe: int) -> Optional[Attribution]:
        """A paragraph of its own after the quotation: '— Jane Doe, Minister of Families'."""
        end = min(pe, ps + AFTER_WINDOW)
        first = next(self.parser.iter_tokens(text, ps, end), None)
        if first is None or first.text not in DASHES:
            return None
        return self._dash_signature(text, self.parser.tokens(text, ps, end), 1)

    @staticmethod
    def turn_label(text: str, ps: int, pe: int) -> Optional[re.Match]:
        """The label of a transcript paragraph 'Jane Doe: We expect so.' / 'Q214 Chair: How
        many?' (group 1; the speech starts at the match's end). Only a paragraph with a colon
        can have one."""
        return TURN_LABEL.match(text, ps, pe)

    def turn_speaker(self, text: str, label: re.Match) -> Optional[Attribution]:
        """The speaker a transcript label names, if it reads as one."""
        found = self._name_heading(text, self.parser.tokens(text, label.start(1), label.end(1)), roles=True)
        return Attribution(found.phrase, None, "transcript-turn") if found else None

    def _name_heading(self, text: str, words: list[Token], roles: bool = False) -> Optional[Attribution]:
        """'Jane Doe, Minister for Data:' alone before speech: a titled, roled or unnamed speaker
        (and, with ``roles``, a role alone: 'Chair:')."""
        if not 0 < len(words) <= HEADING_TOKENS or not all(self._phrase_word(t) or t.text == "," for t in words):
            return None
        phrase = text[words[0].start:words[-1].end]
        sp = self.parser.parse(phrase)
        if sp and (sp.kind == "unnamed" or sp.kind == "person" and self._introduced(text, sp)
                   or roles and sp.kind == "role"):
            return Attribution(phrase, None, "name-colon")
        return None

    @staticmethod
    def _introduced(text: str, sp: Speaker) -> bool:
        """'Jane Doe:' heads speech only with a title or role, or when the document names
        her elsewhere too; 'Background Information:' is a heading."""
        return bool(sp.title or sp.role) or text.count(sp.name.split()[-1]) > 1

    # --- pieces ----------------------------------------------------------------------

    def _partial(self, text: str, toks: list[Token], j: int, verb_lists, *, loose: bool) -> Optional[Attribution]:
        """A partial quotation: a verb shortly before the quotation with a named subject.

        'described it as “…”' (a link word, then any speech or characterising verb) or
        'said the cap had “…”' / 'called the offer “fair”' (``loose``: the quotation may
        also be a name, and the subject must name someone, as 'a scheme called “…”' does
        not). 'welcomed it, calling it “…”' has no subject of its own next to 'calling', so
        the search goes on to 'welcomed'.
        """
        for k in range(j - 1, max(-1, j - 16), -1):
            for verbs in verb_lists:
                if toks[k].low not in verbs.last_words:
                    continue
                n = verbs.before(toks, k + 1)
                subject = self._subject(text, toks, k + 1 - n) if n else ""
                if subject and (not loose or self.parser.names_someone(subject)):
                    return Attribution(subject, _joined(toks, k + 1 - n, n), "partial", loose)
        return None

    def _speaker_of_sentence(self, text: str, toks: list[Token], j: int, rule: str) -> Optional[Attribution]:
        """'Jane Doe said the big ports had raised their walls but the small ones were falling
        behind: “…”': the colon ties the quotation to its sentence, so the subject of the
        sentence's first speech verb is the speaker, however long the reported clause."""
        i, n = self.speech.first(toks, j)
        if not n:
            return None
        subject = self._subject(text, toks, i)
        if subject and self.parser.names_someone(subject):
            return Attribution(subject, _joined(toks, i, n), rule)
        return None

    def _verb_then_phrase(self, text: str, toks: list[Token], j: int) -> Optional[Attribution]:
        """'According to Jane Doe, “…': the verb comes first and the speaker fills the gap;
        but in 'Jane Doe told the Gazette: “…' the gap holds the listener."""
        for k in range(j - 1, max(0, j - LISTENER_TOKENS) - 1, -1):
            n = self.listener.before(toks, k)
            if n:
                return Attribution(self._subject(text, toks, k - n), _joined(toks, k - n, n), "said-before")
        k = j
        while k and self._phrase_word(toks[k - 1]):
            k -= 1
        n = self.speech.before(toks, k)
        phrase = self._span_text(text, toks, k, j) if n else ""
        if phrase and any(self.parser.is_name_word(w) for w in phrase.split()):
            return Attribution(phrase, _joined(toks, k - n, n), "said-before")
        return None

    def _statement(self, text: str, toks: list[Token], j: int, rule: str) -> Optional[Attribution]:
        """'Jane Doe issued the following statement on the ruling: “…': the cue is a phrase
        somewhere in the sentence, and the speaker its subject."""
        i, n = self.statements.first(toks, j)
        if not n:
            return None
        subject = self._subject(text, toks, i)
        return Attribution(subject, _joined(toks, i, n), rule) if subject else None

    def _subject(self, text: str, toks: list[Token], k: int) -> str:
        """The speaker phrase that ends just before token k (the verb), walking backwards."""
        end = self._skip_clutter(toks, k)
        if end >= 2 and toks[end - 1].low in self.parser.appositive_openers and toks[end - 2].text == ",":
            end -= 2
        start = self._phrase_start(toks, end)
        if start == end and self._bare_noun_before(toks, end):
            start = end - 2
        return self._span_text(text, toks, start, end)

    def _phrase_start(self, toks: list[Token], end: int) -> int:
        """Walk back over a speaker phrase: names, titles, roles, connectors, appositive
        commas; it ends at a pronoun or at a determiner that opens it."""
        j = end
        while j > 0 and end - j < MAX_PHRASE_TOKENS:
            tok = toks[j - 1]
            if tok.text == ",":
                if j >= 2 and self.parser.is_name_word(toks[j - 2].text):
                    j -= 1
                    continue
                return j
            if not self._phrase_word(tok):
                return j
            j -= 1
            if tok.low in self.parser.pronouns:
                return j
            if tok.low in self.parser.determiners and not self._phrase_goes_on(toks, j):
                return j
        return j

    def _bare_noun_before(self, toks: list[Token], end: int) -> bool:
        """'the company said': a determiner and one lower-case noun."""
        return 2 <= end <= len(toks) and toks[end - 2].low in self.parser.determiners and toks[end - 1].text.isalpha() \
            and toks[end - 1].text.islower()

    def _phrase_goes_on(self, toks: list[Token], j: int) -> bool:
        """Whether the phrase continues before the determiner at j: "Minister for the Office",
        "Jane Doe, the Minister"."""
        if not j:
            return False
        prev = toks[j - 1].low
        if prev in self.parser.connectors and prev not in self.parser.determiners:
            return True
        return prev == "," and j >= 2 and self.parser.is_name_word(toks[j - 2].text)

    def _skip_clutter(self, toks: list[Token], k: int) -> int:
        """Step back over auxiliaries ('is expected to'), time words, parentheses and an
        aside between the speaker and the verb."""
        while True:
            before = k
            k = self._skip_back(toks, k, self.auxiliaries)
            if k and toks[k - 1].text == ")":
                while k and toks[k - 1].text != "(":
                    k -= 1
                k = max(0, k - 1)
            if k and toks[k - 1].text == ",":
                k = self._skip_aside(toks, k)
            if k == before:
                return k

    def _skip_aside(self, toks: list[Token], k: int) -> int:
        """', who attended the event,' / ', from the University of Leeds,' / ', director of the
        passenger group Bws Cymru,' ending at token k. A role aside that reads as a speaker
        phrase throughout (', chief executive of Acme,') stays: it is the speaker's role."""
        for c in range(k - 2, max(-1, k - 16), -1):
            if toks[c].text in SENTENCE_END:
                return k
            if c and toks[c - 1].text == "," and (toks[c].low in self.parser.appositive_openers
                                                  or self._role_aside(toks, c, k)):
                return c - 1
        return k

    def _role_aside(self, toks: list[Token], c: int, k: int) -> bool:
        """', director of the passenger group Bws Cymru,' or ', the ranking member of the
        committee,': opened by a role word or a determiner, and not a speaker phrase itself."""
        opens = self.parser.is_role(toks[c].text) or toks[c].low in self.parser.determiners
        return opens and not all(self._phrase_word(t) or t.text == "," for t in toks[c:k])

    def _phrase_word(self, tok: Token) -> bool:
        return self.parser.is_phrase_word(tok.text)

    def _skip_back(self, toks, j, phrases) -> int:
        while True:
            n = phrases.before(toks, j)
            if not n:
                return j
            j -= n

    def _skip_forward(self, toks, i, phrases) -> int:
        while True:
            n = phrases.at(toks, i)
            if not n:
                return i
            i += n

    def _tokens_until_mark(self, text: str, start: int, end: int) -> list[Token]:
        """The tokens of text[start:end] before the first quotation mark or the first sentence
        end after two tokens; what follows is never read, so it is not tokenised."""
        toks: list[Token] = []
        for tok in self.parser.iter_tokens(text, start, end):
            if tok.text in self.marks or tok.text in SENTENCE_END and len(toks) > 1:
                break
            toks.append(tok)
        return toks

    def _last_sentence_start(self, text: str, lo: int, pos: int) -> int:
        start = lo
        for m in self._sentence_break.finditer(text, lo, pos):
            start = m.end()
        return start

    def _since_sentence_start(self, toks: list[Token]) -> list[Token]:
        for i in range(len(toks) - 1, -1, -1):
            if toks[i].text in SENTENCE_END or toks[i].text in self.marks:
                return toks[i + 1:]
        return toks

    def _span_text(self, text: str, toks: list[Token], i: int, j: int) -> str:
        """Text of toks[i:j] without leading or trailing connectors and commas."""
        links, determiners = self._links, self.parser.determiners
        while i < j and (toks[i].text == "," or toks[i].low in links):
            i += 1
        while j > i and (toks[j - 1].text == "," or toks[j - 1].low in links or toks[j - 1].low in determiners):
            j -= 1
        return text[toks[i].start:toks[j - 1].end] if j > i else ""


def _sentence_break_regex(dotted_words) -> re.Pattern:
    """A likely sentence break; not after an initial ('Carl M. Gomez') or a dotted title
    ('Dr. Jane Doe'). One regex search finds the last, so only one sentence is tokenised."""
    not_after = "".join(r"(?<!\b" + re.escape(w) + ")" for w in dotted_words)
    return re.compile(r"[.!?…](?<!\b[A-Z]\.)" + not_after + r"[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


class PhraseSet:
    """Lower-case word sequences ('said', 'pointed out'), matched at or before a token index.

    Indexed by first and by last word, so a miss costs one dict lookup; ``last_words`` lets
    a loop over tokens skip the call where no phrase can end.
    """

    def __init__(self, words):
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        self._by_last: dict[str, list[tuple[str, ...]]] = {}
        for w in words:
            parts = tuple(w.split())
            self._by_first.setdefault(parts[0], []).append(parts)
            self._by_last.setdefault(parts[-1], []).append(parts)
        for table in (self._by_first, self._by_last):
            for options in table.values():
                options.sort(key=len, reverse=True)
        self.last_words = frozenset(self._by_last)

    def at(self, toks: list[Token], i: int) -> int:
        """Length of the longest phrase starting at token i, or 0."""
        if i >= len(toks):
            return 0
        for parts in self._by_first.get(toks[i].low, ()):
            n = len(parts)
            if i + n <= len(toks) and tuple(t.low for t in toks[i:i + n]) == parts:
                return n
        return 0

    def first(self, toks: list[Token], stop: int) -> tuple[int, int]:
        """Index and length of the first phrase starting before token ``stop``, or (-1, 0).
        Most tokens start no phrase, and one set lookup tells so without calling ``at``."""
        for i in range(min(stop, len(toks))):
            if toks[i].low in self._by_first:
                n = self.at(toks, i)
                if n:
                    return i, n
        return -1, 0

    def before(self, toks: list[Token], j: int) -> int:
        """Length of the longest phrase ending just before token j, or 0."""
        if j <= 0 or j > len(toks):
            return 0
        for parts in self._by_last.get(toks[j - 1].low, ()):
            n = len(parts)
            if j - n >= 0 and tuple(t.low for t in toks[j - n:j]) == parts:
                return n
        return 0


def _joined(toks: list[Token], i: int, n: int) -> str:
    return " ".join(t.text for t in toks[i:i + n])
