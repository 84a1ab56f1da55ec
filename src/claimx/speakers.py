"""Who is speaking: splitting a speaker phrase and finding the fullest name in the document.

A speaker phrase is what an attribution names, as written: "EPA Program Office Director
Jane Doe", "the Chancellor", "Professor Le Grand", "a Home Office spokesperson", "he".
With no tagger or NER, names are capitalised tokens that are not titles, role words or
organisation words (all data lists). Resolution then looks the name up in the document:
"Professor Le Grand" becomes "Julian Le Grand", "the Chancellor" the person written next
to that role, "he" the previous speaker.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple, Optional

from .quote_lexicon import QuoteLexicon

_ABBREVIATION = r"[^\W\d_][\w’'\-]*(?:\.[^\W\d_]+)+\.?"
_TOKEN = re.compile(r"[^\W\d_][\w’'\-]*|\d[\w.,/]*|[^\w\s]")
CONNECTORS = frozenset({"for", "of", "and", "the", "&", "at", "on"})
_NAME_RUN = r"((?:[A-Z][\w’'\-]*[ \t]+){0,3}[A-Z][\w’'\-]*)"


class Token(NamedTuple):
    text: str
    start: int
    end: int
    low: str


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
        self.lex = lexicon
        self.titles = lexicon["titles"]
        self.roles = lexicon["role_words"]
        self.orgs = lexicon["org_words"]
        self.particles = lexicon["name_particles"]
        self.post_nominals = lexicon["post_nominals"]
        self.not_names = lexicon["not_names"]
        self.determiners = lexicon.lower("determiners")
        self.pronouns = lexicon.lower("pronouns")
        self.unnamed = lexicon.lower("unnamed_speakers")
        self.prepositions = lexicon.lower("prepositions")
        dotted = sorted((w for w in self.titles | self.post_nominals if w.endswith(".")), key=len, reverse=True)
        self._token_re = re.compile("(?:" + "|".join(re.escape(w) for w in dotted) + r")(?!\w)|" + _ABBREVIATION
                                    + r"|[A-Z]\.(?=[ \t]*[A-Z])|" + _TOKEN.pattern)
        honorifics = "|".join(re.escape(t) for t in sorted(self.titles - self.roles, key=len, reverse=True))
        self.honorific = re.compile(r"\b(?:" + honorifics + r")\s+((?:[A-Z][\w’'\-]+\s?){1,3})")
        self.person_mention = re.compile(r"(?:[A-Z][\w’'\-]*\.?[ \t]+){1,6}[A-Z][\w’'\-]+")

    def tokens(self, text: str, offset: int = 0) -> list[Token]:
        """Word and punctuation tokens. A full stop is a token of its own unless it belongs
        to a title, a post-nominal, an initial or an abbreviation such as U.S."""
        return [Token(word, m.start() + offset, m.end() + offset, word.lower())
                for m in self._token_re.finditer(text) for word in (m.group(),)]

    def is_name_word(self, word: str) -> bool:
        return ((word[:1].isupper() and word not in self.not_names) or word in self.particles) \
            and not word.isdigit()

    def is_phrase_word(self, word: str) -> bool:
        """Could this token be part of a speaker phrase ("the", "for", "spokesperson", caps)?"""
        low = word.lower()
        return (self.is_name_word(word) or low in CONNECTORS or low in self.determiners
                or low in self.unnamed or low in self.pronouns or word in self.titles)

    def parse(self, phrase: str) -> Optional[Speaker]:
        """Split a phrase into name, role and organisation; appositive parts are separated by commas."""
        parts = [p.strip() for p in phrase.split(",")]
        parts = [p for p in parts if p and not p.split()[0].lower() in ("who", "which")]
        parsed = [s for s in (self._parse_part(p) for p in parts) if s]
        if not parsed:
            return None
        named = [s for s in parsed if s.kind != "role"]
        best = named[-1] if named else parsed[-1]
        if best.role is None:
            best.role = next((s.role for s in parsed if s is not best and s.role), None)
        best.written = phrase.strip(" ,")
        return best

    def _parse_part(self, part: str) -> Optional[Speaker]:
        words = part.replace("(", " ").replace(")", " ").split()
        while words and words[-1] in self.post_nominals:
            words.pop()
        if not words:
            return None
        low = [w.lower() for w in words]
        if len(words) == 1 and low[0] in self.pronouns:
            return Speaker("pronoun", name=low[0], written=part)
        if any(w in self.unnamed for w in low) or " ".join(low[-2:]) in self.unnamed:
            return self._unnamed(words)
        if low[0] in self.determiners and len(words) <= 3 and not any(w[:1].isupper() for w in words[1:]):
            return Speaker("unnamed", name=" ".join([low[0]] + words[1:]))
        return self._named_of_org(words) or self._named(words)

    def _unnamed(self, words: list[str]) -> Speaker:
        """"a Home Office spokesperson", "a spokesperson for the Home Office": kept as written."""
        if words[0].lower() in self.determiners:
            words = [words[0].lower()] + words[1:]
        rest = [w for w in words[1:] if w.lower() not in self.unnamed]
        while rest and (rest[0].lower() in CONNECTORS or rest[0].lower() in self.determiners):
            rest = rest[1:]
        org = " ".join(rest) if any(w[:1].isupper() for w in rest) else None
        return Speaker("unnamed", name=" ".join(words), org=org)

    def _named_of_org(self, words: list[str]) -> Optional[Speaker]:
        """"Jane Doe of Acme Trust" / "Jane Doe from the Acme Trust": a name, then the organisation."""
        for i, w in enumerate(words):
            if w.lower() in ("of", "from", "at"):
                name, org = words[:i], words[i + 1:]
                break
        else:
            return None
        if len(name) < 2 or not all(self.is_name_word(w) and w not in self.roles and w not in self.titles
                                    for w in name):
            return None
        while org and org[0].lower() in self.determiners:
            org = org[1:]
        return Speaker("person", name=" ".join(name), org=" ".join(org) or None)

    def _named(self, words: list[str]) -> Optional[Speaker]:
        cut = max((i for i, w in enumerate(words) if w in self.roles or w in self.titles), default=-1)
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
        role, org = self._role_and_org(role_words)
        if not name:
            if role is None:
                return None
            return Speaker("role", role=role, org=org, name=None)
        if cut < 0 and any(w in self.orgs for w in name):
            return Speaker("org", name=" ".join(name))
        kind = "person" if len([w for w in name if w not in self.particles]) > 1 else "surname"
        return Speaker(kind, name=" ".join(name), role=role, org=org, title=title)

    def _last_name_tokens(self, name: list[str]) -> list[str]:
        """The person in "Minister for the Cabinet Office Jane Doe": the last two names plus particles."""
        keep = 0
        names = 0
        for w in reversed(name):
            keep += 1
            if w not in self.particles:
                names += 1
            if names == 2:
                break
        return name[len(name) - keep:]

    def _role_and_org(self, words: list[str]) -> tuple[Optional[str], Optional[str]]:
        while words and words[0].lower() in self.determiners:
            words = words[1:]
        while words and words[-1].lower() in CONNECTORS:
            words = words[:-1]
        if not words or not any(w in self.roles for w in words):
            return None, None
        first_role = next(i for i, w in enumerate(words) if w in self.roles)
        prefix = words[:first_role]
        if prefix and (prefix[-1] in self.orgs or _is_acronym(prefix[0])):
            return " ".join(words[first_role:]), " ".join(prefix)
        return " ".join(words), None


def _occurrences(text: str, word: str):
    """Offsets where ``word`` stands as a whole word (str.find: cheaper than a regex per name)."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            yield at
        at = text.find(word, end)


def _capitalised_run(words: list[str]) -> list[str]:
    """The capitalised words at the end of ``words``."""
    start = len(words)
    while start and words[start - 1][:1].isupper():
        start -= 1
    return words[start:]


def _is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and word.isalpha()


class NameIndex:
    """Looks names up in one document's text, on demand (each lookup is one regex search)."""

    def __init__(self, text: str, parser: SpeakerParser):
        self.text = text
        self.parser = parser
        self._cache: dict[tuple[str, str], Optional[str]] = {}

    def fullest_for_surname(self, surname: str) -> Optional[str]:
        """The longest "Given Surname" written in the document for this surname."""
        key = ("surname", surname)
        if key not in self._cache:
            self._cache[key] = self._search_surname(surname)
        return self._cache[key]

    def _search_surname(self, surname: str) -> Optional[str]:
        best: Optional[str] = None
        for at in _occurrences(self.text, surname):
            before = self.text[max(0, at - 60):at]
            if not before[-1:].isspace():
                continue
            given = self._given_names(_capitalised_run(before.split()[-5:]))
            if given and (best is None or len(given) + 1 > len(best.split())):
                best = " ".join(given + [surname])
        return best

    def _given_names(self, words: list[str]) -> list[str]:
        """The given names in the capitalised words before a surname: at most two, and two
        only when the word before them ends the run ("Secretary Iain Duncan Smith", not
        "Director of Broadband Development Samuel Achterberg")."""
        given: list[str] = []
        for w in reversed(words):
            if not self._could_be_given(w):
                return given
            if len(given) == 2:
                return given[1:]
            given.insert(0, w)
        return given

    def _could_be_given(self, w: str) -> bool:
        p = self.parser
        return not (w in p.titles or w in p.roles or w in p.orgs or w in p.not_names or w.endswith(".")
                    or not w[:1].isupper())

    def fullest_for_given(self, given: str) -> Optional[str]:
        """"Sir Michael" is "Michael Wilshaw" when the document writes the surname somewhere."""
        key = ("given", given)
        if key not in self._cache:
            found = None
            for m in re.finditer(r"(?<![\w’'])" + re.escape(given) + r"\s+([A-Z][\w’'\-]+)", self.text):
                surname = m.group(1)
                p = self.parser
                if surname not in p.roles and surname not in p.orgs and surname not in p.not_names:
                    found = f"{given} {surname}"
                    break
            self._cache[key] = found
        return self._cache[key]

    def holder_of_role(self, role: str) -> Optional[str]:
        """The person the document names next to a role: "the Chancellor, Gordon Brown",
        "Prime Minister Jane Doe" or "Jane Doe, National Statistician"."""
        key = ("role", role)
        if key not in self._cache:
            self._cache[key] = self._search_role(role)
        return self._cache[key]

    def _search_role(self, role: str) -> Optional[str]:
        pattern = r"(?i:" + re.escape(role).replace(r"\ ", r"\s+") + r")"
        after = re.compile(r"(?<![\w])" + pattern + r",?[ \t]+" + _NAME_RUN)
        for m in after.finditer(self.text):
            sp = self.parser.parse(m.group(1))
            if sp and sp.kind == "person":
                return sp.name
        before = re.compile(r"(?<![\w])" + _NAME_RUN + r",[ \t]+(?:the[ \t]+)?" + pattern + r"\b")
        for m in before.finditer(self.text):
            if self._after_preposition(m.start()):
                continue
            sp = self.parser.parse(m.group(1))
            if sp and sp.kind == "person":
                return sp.name
        return None

    def _after_preposition(self, pos: int) -> bool:
        """"In the West Midlands, the Prime Minister": a place, not an apposition."""
        words = self.text[max(0, pos - 30):pos].split()
        return bool(words) and (words[-1].lower() in self.parser.prepositions or words[-1] in self.parser.not_names)

    def first_person_between(self, lo: int, hi: int) -> Optional[str]:
        """The first person named in text[lo:hi], the likeliest subject ("Jane Doe, head of
        Acme Ltd, opened it."), at its fullest."""
        for m in self.parser.person_mention.finditer(self.text, lo, hi):
            sp = self.parser.parse(m.group())
            if sp and sp.kind == "person":
                return self.fullest_for_surname(sp.name.split()[-1]) or sp.name
        return None

    def sole_titled_person(self) -> Optional[str]:
        """The only person the document introduces with a title (Sir, Dr, Ms...), if exactly one."""
        key = ("sole", "")
        if key not in self._cache:
            surnames = set()
            for m in self.parser.honorific.finditer(self.text):
                words = m.group(1).split()
                full = " ".join(words) if len(words) > 1 else self.fullest_for_given(words[0])
                surnames.add((full or words[0]).split()[-1])
            self._cache[key] = None
            if len(surnames) == 1:
                surname = surnames.pop()
                self._cache[key] = self.fullest_for_surname(surname) or surname
        return self._cache[key]
