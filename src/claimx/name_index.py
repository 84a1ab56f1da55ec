"""Looking names up in one document: the fullest form of a speaker's name.

"Professor Le Grand" becomes "Julian Le Grand", "Sir Michael" "Michael Wilshaw", "the
Chancellor" the person the document writes next to that role. Each lookup searches the
text once, on demand, and is cached for the document.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from .speakers import SpeakerParser

_NAME_RUN = r"((?:[A-Z][\w’'\-]*[ \t]+){0,3}[A-Z][\w’'\-]*)"
_NEXT_NAME = re.compile(r"[ \t]+([A-Z][\w’'\-]*)(?![\w’'\-.])")
# What may follow a role before the name: "Minister for the Cabinet Office, Jane Doe", and
# a dotted title before it: "Cabinet Secretary for Water Hon. Jane Doe" (the {} is filled in).
_ROLE_TAIL = r"(?:,?[ \t]+(?:for|of|and|the|&|[A-Z]\.(?=[ \t]+[A-Z])|{}[A-Z][\w’'\-]*)){{1,9}}"


class NameIndex:
    """Looks names up in one document's text, on demand (each lookup is one regex search)."""

    def __init__(self, text: str, parser: SpeakerParser):
        self.text = text
        self.parser = parser
        self._cache: dict[tuple[str, str], Optional[str]] = {}
        self._role_tail = _role_tail(parser)

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
        return best or self._surname_first(surname)

    def _surname_first(self, surname: str) -> Optional[str]:
        """"Mr Tanaka said" after "Mr. Tanaka Hiroshi", "Dr Park" after "Park Seo-yeon, senior
        fellow": with no given name before the surname anywhere, the fullest form is the
        surname followed by given names, where it opens a sentence or follows a title."""
        best: Optional[str] = None
        for at in _occurrences(self.text, surname):
            if not self._opens_name(at):
                continue
            given = self._given_after(at + len(surname))
            if given and (best is None or len(given) + 1 > len(best.split())):
                best = " ".join([surname] + given)
        return best

    def _opens_name(self, at: int) -> bool:
        """Whether a name can start at ``at``: after a title, or at a sentence's or line's start."""
        before = self.text[max(0, at - 30):at].rstrip(" \t")
        if not before or before.endswith("\n"):
            return True
        last = before.split()[-1]
        return last in self.parser.titles or last.rstrip("\"'”’)")[-1:] in ".!?"

    def _given_after(self, pos: int) -> list[str]:
        """The (at most two) given names right after a surname written first: "Ka-wai" in
        "Mr Leung Ka-wai said", "Hui Min" in "Ms Tan Hui Min,"."""
        given: list[str] = []
        for m in _NEXT_NAME.finditer(self.text, pos):
            if m.start() != pos or len(given) == 2 or not self._could_be_given(m.group(1)):
                break
            given.append(m.group(1))
            pos = m.end()
        return given

    def _given_names(self, words: list[str]) -> list[str]:
        """The given names in the capitalised words before a surname: at most two, and two
        only when the word before them ends the run ("Secretary Iain Duncan Smith", not
        "Director of Broadband Development Samuel Achterberg")."""
        given: list[str] = []
        for w in reversed(words):
            if not self._could_be_given(w):
                break
            if len(given) == 2:
                return given[1:]
            given.insert(0, w)
        if len(given) == 2 and self._common_word(given[0]):
            return given[1:]
        return given

    def _could_be_given(self, w: str) -> bool:
        """Not a title, role, organisation or heading word, nor a word a comma or full stop
        ends ("Reform," in "Minister for Public Expenditure and Reform, Niamh O’Dwyer")."""
        p = self.parser
        return not (w in p.titles or w in p.roles or w in p.orgs or w in p.not_names or w[-1:] in ".,;:"
                    or not w[:1].isupper())

    def _common_word(self, word: str) -> bool:
        """Whether the document also writes ``word`` in lower case: "Patient Arthur Bell, 78,"
        opens a sentence with a noun ("the patient"), not with a first given name."""
        return next(_occurrences(self.text, word.lower()), None) is not None

    def with_surname_first(self, name: str, written: str) -> str:
        """"Minister of State for Trade Lim Wei Jie" parses as "Wei Jie" (the last two names);
        when the word before the name is one the document titles elsewhere ("Mr Lim said"),
        it is the surname, written first, and belongs to the name."""
        words = written[:written.rfind(name)].split()
        surname = words[-1] if words else ""
        if not (self._could_be_given(surname) and surname.isalpha() and self._titled(surname)):
            return name
        return f"{surname} {name}"

    def _titled(self, word: str) -> bool:
        """Whether the document writes a title right before ``word`` ("Mr Lim", "Dr. Lim")."""
        return any(self._word_before(at) in self.parser.titles for at in _occurrences(self.text, word))

    def _word_before(self, at: int) -> str:
        words = self.text[max(0, at - 20):at].split()
        return words[-1] if words else ""

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
        "Prime Minister Jane Doe", "Minister for Skills Jane Doe" or "Jane Doe, National
        Statistician"."""
        key = ("role", role)
        if key not in self._cache:
            self._cache[key] = self._search_role(role)
        return self._cache[key]

    def _search_role(self, role: str) -> Optional[str]:
        pattern = r"(?i:" + re.escape(role).replace(r"\ ", r"\s+") + r")"
        after = re.compile(r"(?<![\w])" + pattern + self._role_tail)
        for m in after.finditer(self.text):
            sp = self.parser.parse(m.group().replace(",", " "))
            if sp and sp.kind == "person" and _reads_as_a_name(sp.name):
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
        return bool(words) and (words[-1].lower() in self.parser.prepositions
                                or words[-1] in self.parser.not_names)

    def organisation_before(self, head: str, pos: int) -> Optional[str]:
        """The last organisation named before ``pos`` whose name ends with ``head``: "Korea
        Maritime Policy Institute" for "Institute" (not "the Institute" itself)."""
        found = None
        named = re.compile(r"((?:[A-Z][\w’'\-]*[ \t]+){1,5})" + re.escape(head) + r"(?![\w’'\-])")
        for m in named.finditer(self.text, 0, pos):
            words = m.group(1).split()
            while words and words[0] in self.parser.not_names:
                words = words[1:]
            if words:
                found = " ".join(words + [head])
        return found

    def first_person_between(self, lo: int, hi: int) -> Optional[str]:
        """The first person named in text[lo:hi], the likeliest subject ("Jane Doe, head of
        Acme Ltd, opened it."), at its fullest."""
        return next((name for _, name in self._people_between(lo, hi)), None)

    def first_subject_between(self, lo: int, hi: int) -> Optional[str]:
        """The first person named in text[lo:hi] who can be a sentence's subject: not after a
        preposition or an article ("Referring to the Five Year Forward View, he said")."""
        return next((name for at, name in self._people_between(lo, hi)
                     if not self._after_preposition(at) and not self._after_determiner(at)), None)

    def _people_between(self, lo: int, hi: int):
        """(position, fullest name) of each person named in text[lo:hi]; a titled surname
        ("Minister Tait") counts when the document gives the full name somewhere."""
        for m in self.parser.person_mention.finditer(self.text, lo, hi):
            sp = self.parser.parse(m.group())
            if sp and sp.kind == "person":
                yield m.start(), self.fullest_for_surname(sp.name.split()[-1]) or sp.name
            elif sp and sp.kind == "surname" and self.fullest_for_surname(sp.name):
                yield m.start(), self.fullest_for_surname(sp.name)

    def _after_determiner(self, pos: int) -> bool:
        words = self.text[max(0, pos - 30):pos].split()
        return bool(words) and words[-1].lower() in self.parser.determiners

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


@lru_cache(maxsize=8)
def _role_tail(parser: SpeakerParser) -> str:
    """The role tail with the parser's dotted titles, built once per parser rather than once
    per document."""
    return _ROLE_TAIL.format("".join(re.escape(w) + "(?=[ \t])|" for w in parser.dotted_words))


def _reads_as_a_name(name: str) -> bool:
    """At most three capitalised words: "Chancellor Gordon Brown Outlines Government Plans",
    a headline, does not name the Chancellor "Gordon Brown Outlines Government Plans"."""
    return sum(1 for w in name.split() if w[:1].isupper()) <= 3


def _occurrences(text: str, word: str):
    """Offsets where ``word`` stands as a whole word (str.find: cheaper than a regex per name)."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not _in_word(text[at - 1])) and (end == len(text) or not _in_word(text[end])):
            yield at
        at = text.find(word, end)


def _in_word(char: str) -> bool:
    return char.isalnum() or char in "’'-"


def _capitalised_run(words: list[str]) -> list[str]:
    """The capitalised words at the end of ``words``."""
    start = len(words)
    while start and words[start - 1][:1].isupper():
        start -= 1
    return words[start:]
