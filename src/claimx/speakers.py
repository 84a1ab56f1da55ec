"""Who is speaking: splitting a speaker phrase and finding the fullest name in the document.

A speaker phrase is what an attribution names, as written: "EPA Program Office Director
Jane Doe", "the Chancellor", "Professor Le Grand", "a Home Office spokesperson", "he".
With no tagger or NER, names are capitalised tokens that are not titles, role words or
organisation words (all data lists). Looking names up in the document is ``name_index``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from typing import Iterable, Iterator, NamedTuple, Optional

from .quote_lexicon import QuoteLexicon

# A token is a title or post-nominal with its full stop ("Dr.", "Ph.D."), else one of these.
# An initial needs white space before the next capital: "J.S." is an abbreviation.
_INITIAL = r"[A-Z]\.(?=[ \t]+[A-Z])"
# A word, read once, then perhaps more of an abbreviation such as U.S.; the word is
# possessive (*+) as no word character could be the full stop that follows.
_WORD = r"[^\W\d_][\w’'\-]*+(?:(?:\.[^\W\d_]+)+\.?)?"
_NUMBER_OR_MARK = r"\d[\w.,/]*|[^\w\s]"


# Which part of "Jane Doe, Minister for X, Acme Council" names the speaker.
KIND_PREFERENCE = ("pronoun", "person", "surname", "unnamed", "org", "role")
_KIND_RANK = {kind: rank for rank, kind in enumerate(KIND_PREFERENCE)}


class Token(NamedTuple):
    text: str
    start: int
    end: int
    low: str


# Token(...) goes through a Python-level __new__; tokenising makes thousands per document.
_new_token = partial(tuple.__new__, Token)


@dataclass(slots=True)
class Speaker:
    """A parsed speaker phrase. ``kind``: person, surname, role, pronoun, unnamed or org."""

    kind: str
    name: Optional[str] = None
    role: Optional[str] = None
    org: Optional[str] = None
    title: Optional[str] = None
    written: str = ""


class SpeakerParser:
    """Tokenises attribution text and splits speaker phrases; built once from the lexicon."""

    def __init__(self, lexicon: QuoteLexicon):
        self.titles = lexicon["titles"]
        self.roles = lexicon["role_words"]
        self.roles_lower = lexicon.lower("role_words")
        self.orgs = lexicon["org_words"]
        self.particles = lexicon["name_particles"]
        self.post_nominals = lexicon["post_nominals"]
        self.not_names = lexicon["not_names"]
        self.determiners = lexicon.lower("determiners")
        self.pronouns = lexicon.lower("pronouns")
        self.unnamed = lexicon.lower("unnamed_speakers")
        self.prepositions = lexicon.lower("prepositions")
        self.connectors = lexicon.lower("connectors")
        self.org_links = lexicon.lower("org_links")
        self.appositive_openers = lexicon.lower("appositive_openers")
        self._phrase_lows = self.connectors | self.determiners | self.unnamed | self.pronouns | self.roles_lower
        self._small_words = self.connectors | self.determiners | self.prepositions
        self.dotted_words = sorted((w for w in self.titles | self.post_nominals if w.endswith(".")), key=len,
                                   reverse=True)
        self._token_re = re.compile("(?:" + "|".join(re.escape(w) for w in self.dotted_words) + r")(?!\w)|"
                                    + "|".join((_INITIAL, _WORD, _NUMBER_OR_MARK)))
        honorifics = "|".join(re.escape(t) for t in sorted(self.titles - self.roles, key=len, reverse=True))
        self.honorific = re.compile(r"\b(?:" + honorifics + r")\s+((?:[A-Z][\w’'\-]+\s?){1,3})")
        self.person_mention = re.compile(r"(?:[A-Z][\w’'\-]*\.?[ \t]+){1,6}[A-Z][\w’'\-]+")

    def tokens(self, text: str, start: int = 0, end: Optional[int] = None) -> list[Token]:
        """Word and punctuation tokens of text[start:end], at their offsets in ``text``. A full
        stop is a token of its own unless it belongs to a title, a post-nominal, an initial or
        an abbreviation such as U.S."""
        return list(self.iter_tokens(text, start, end))

    def iter_tokens(self, text: str, start: int = 0, end: Optional[int] = None) -> Iterator[Token]:
        """``tokens`` one by one, for callers that stop early."""
        return (_new_token((word, at, at + len(word), word.lower()))
                for m in self._matches(text, start, end) for word, at in ((m.group(), m.start()),))

    def _matches(self, text: str, start: int, end: Optional[int]) -> Iterator[re.Match]:
        """The token regex looks neither behind nor at the start of the string, so matching
        within text[start:end] in place finds the tokens of the slice without copying it."""
        return self._token_re.finditer(text, start, len(text) if end is None else end)

    def is_role(self, word: str) -> bool:
        """Role words count in either case: "Chief Executive" and "chief executive"."""
        return word.lower() in self.roles_lower

    def is_name_word(self, word: str) -> bool:
        return ((word[:1].isupper() and word not in self.not_names) or word in self.particles) \
            and not word.isdigit()

    def is_phrase_word(self, word: str) -> bool:
        """Could this token be part of a speaker phrase ("the", "for", "spokesperson", caps)?"""
        return self.is_name_word(word) or word.lower() in self._phrase_lows or word in self.titles

    def names_someone(self, phrase: str) -> bool:
        """A capitalised name, a role or a pronoun: 'Jane Doe', 'the minister', 'she'."""
        return any(self.is_name_word(w) or self.is_role(w) or w.lower() in self.pronouns for w in phrase.split())

    def reads_as_title(self, words: Iterable[str]) -> bool:
        """“New Deal”, “Help to Buy”: every word capitalised but the small linking ones."""
        return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in self._small_words for w in words)

    def parse(self, phrase: str) -> Optional[Speaker]:
        """Split a phrase into name, role and organisation; appositive parts are separated by commas."""
        parts, parsed = [], []
        for part in self._role_lists_joined([p.strip() for p in phrase.split(",")]):
            if part and part.split(None, 1)[0].lower() not in self.appositive_openers:
                speaker = self._parse_part(part)
                if speaker:
                    parts.append(part)
                    parsed.append(speaker)
        if not parsed:
            return None
        if len(parsed) == 1:  # most phrases: no other part to choose or take a role from
            best = parsed[0]
        else:
            best = _plain_name(parsed) or min(reversed(parsed), key=lambda s: _KIND_RANK[s.kind])
            if best.role is None:
                best.role = next((self._whole_role(part) for part, s in zip(parts, parsed)
                                  if s is not best and s.role), None)
        if best.org is None:
            best.org = next((s.name for s in parsed if s.kind == "org"), None)
        best.written = phrase.strip(" ,")
        return best

    def _role_lists_joined(self, parts: list[str]) -> list[str]:
        """"Shadow Minister for Regional Development, Local Government and Territories": a role
        whose domain is a list goes on over its commas to the part with "and"."""
        joined: list[str] = []
        i = 0
        while i < len(parts):
            end = self._role_list_end(parts, i)
            joined.append(", ".join(parts[i:end + 1]))
            i = end + 1
        return joined

    def _role_list_end(self, parts: list[str], i: int) -> int:
        """Index of the part closing the list that a role-only part i opens, else i. The
        following parts are looked at first: most phrases have none, and then part i is
        parsed only once, by ``parse``."""
        for k in range(i + 1, len(parts)):
            words = parts[k].split()
            if not words or any(self.is_role(w) or w in self.titles for w in words) or not self.reads_as_title(words):
                return i
            if "and" in words or "&" in words:
                opening = self._parse_part(parts[i]) if parts[i] else None
                return k if opening is not None and opening.kind == "role" else i
        return i

    def _whole_role(self, part: str) -> Optional[str]:
        """The role a part gives the speaker named in another part, read to its end: in "Jane
        Doe, Deputy Director for Labour Market Statistics" the capitalised words after "for"
        are the role's domain, not a second name, so none of them is cut off."""
        return self._role_and_org(self._part_words(part))[0]

    def _part_words(self, part: str) -> list[str]:
        """The words of a comma-separated part, brackets and trailing post-nominals dropped."""
        words = part.replace("(", " ").replace(")", " ").split()
        while words and words[-1] in self.post_nominals:
            words.pop()
        return words

    def _parse_part(self, part: str) -> Optional[Speaker]:
        words = self._part_words(part)
        if not words:
            return None
        low = [w.lower() for w in words]
        if len(words) == 1 and low[0] in self.pronouns:
            return Speaker("pronoun", name=low[0], written=part)
        if not self.unnamed.isdisjoint(low) or " ".join(low[-2:]) in self.unnamed:
            return self._unnamed(words)
        if low[0] in self.determiners and len(words) <= 3 and not any(
                w[:1].isupper() or self.is_role(w) for w in words[1:]):
            return Speaker("unnamed", name=" ".join([low[0]] + words[1:]))
        return self._named_of_org(words, low) or self._named(words, low)

    def _unnamed(self, words: list[str]) -> Speaker:
        """"a Home Office spokesperson", "a spokesperson for the Home Office": kept as written."""
        if words[0].lower() in self.determiners:
            words = [words[0].lower()] + words[1:]
        rest = [w for w in words[1:] if w.lower() not in self.unnamed]
        while rest and (rest[0].lower() in self.connectors or rest[0].lower() in self.determiners):
            rest = rest[1:]
        org = " ".join(rest) if any(w[:1].isupper() for w in rest) else None
        return Speaker("unnamed", name=" ".join(words), org=org)

    def _named_of_org(self, words: list[str], low: list[str]) -> Optional[Speaker]:
        """"Jane Doe of Acme Trust" / "Dr. Jane Doe from the Acme Trust": a name (after a title
        that is not a role), then the organisation."""
        if self.org_links.isdisjoint(low):
            return None
        i = next(i for i, w in enumerate(low) if w in self.org_links)
        name, org = words[:i], words[i + 1:]
        title = name.pop(0) if len(name) > 2 and name[0] in self.titles and name[0] not in self.roles else None
        if len(name) < 2 or not all(self.is_name_word(w) and w not in self.roles and w not in self.titles
                                    for w in name):
            return None
        return Speaker("person", name=" ".join(name), org=self._org_name(org), title=title)

    def _named(self, words: list[str], low: list[str]) -> Optional[Speaker]:
        cut = len(words) - 1
        while cut >= 0 and low[cut] not in self.roles_lower and words[cut] not in self.titles:
            cut -= 1
        if cut < 0 and not self.orgs.isdisjoint(words):
            return self._person_after_org(words) or Speaker("org", name=" ".join(words))
        name = words[cut + 1:]
        start = len(name)
        while start > 0 and self.is_name_word(name[start - 1]):
            start -= 1
        lead, name = name[:start], name[start:]
        if lead and len(name) < 3:
            name = []
        elif lead or cut < 0 and len(name) > 3:
            name = self._last_name_tokens(name)
            if lead and any(w in self.orgs for w in name):
                name = []
        head = words[:len(words) - len(name)]
        title = head[-1] if head and head[-1] in self.titles and head[-1] not in self.roles else None
        role_words = head[:-1] if title else head
        role, org = self._role_and_org(role_words) if cut >= 0 else (None, None)  # else no role word
        if not name:
            if role is None:
                return None
            return Speaker("role", role=role, org=org, name=None)
        kind = "person" if len([w for w in name if w not in self.particles and not _is_initial(w)]) > 1 \
            else "surname"
        return Speaker(kind, name=" ".join(name), role=role, org=org, title=title)

    def _person_after_org(self, words: list[str]) -> Optional[Speaker]:
        """"the Treasury Rupert Linklater" (what is left of "Exchequer Secretary to the Treasury
        Rupert Linklater"): two or three name words after the last organisation word are a
        person of that organisation."""
        last_org = max(i for i, w in enumerate(words) if w in self.orgs)
        name, org = words[last_org + 1:], words[:last_org + 1]
        if not 2 <= len(name) <= 3 or not all(self.is_name_word(w) and w not in self.titles for w in name):
            return None
        return Speaker("person", name=" ".join(name), org=self._org_name(org))

    def _org_name(self, words: list[str]) -> Optional[str]:
        """The organisation a person is "of": "the Acme Trust" as "Acme Trust"."""
        while words and words[0].lower() in self.determiners:
            words = words[1:]
        return " ".join(words) or None

    def _last_name_tokens(self, name: list[str]) -> list[str]:
        """The person in "Minister for the Cabinet Office Jane Doe": the last two names plus
        particles and initials ("Hilda L. Solis")."""
        keep = 0
        names = 0
        for w in reversed(name):
            keep += 1
            if w not in self.particles and not _is_initial(w):
                names += 1
            if names == 2:
                break
        return name[len(name) - keep:]

    def _role_and_org(self, words: list[str]) -> tuple[Optional[str], Optional[str]]:
        while words and words[0].lower() in self.determiners:
            words = words[1:]
        while words and words[-1].lower() in self.connectors:
            words = words[:-1]
        first_role = next((i for i, w in enumerate(words) if self.is_role(w)), None)
        if first_role is None:
            return None, None
        prefix = words[:first_role]
        if prefix and (prefix[-1] in self.orgs or _is_acronym(prefix[0])):
            return " ".join(words[first_role:]), " ".join(prefix)
        return " ".join(words), None


def _plain_name(parsed: list[Speaker]) -> Optional[Speaker]:
    """The first part that is only a person's name: in "Jane Doe, Director for Labour Market
    Statistics, Nova Scotia" the later capitalised runs are her role's domain and place."""
    return next((s for s in parsed if s.kind == "person" and not s.role and not s.title and not s.org), None)


def _is_initial(word: str) -> bool:
    return len(word) == 2 and word[1] == "." and word[0].isupper()


def _is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and word.isalpha()
