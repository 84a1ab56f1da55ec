"""Speaker phrases split into name, role and organisation, and names resolved in a document."""
from __future__ import annotations

import json
import re
import shutil

import pytest
import spacy
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claimx.patterns import PatternError, default_patterns_dir
from claimx.quote_lexicon import load_lexicon
from claimx.name_index import NameIndex
from claimx.speakers import SpeakerParser


@pytest.fixture(scope="module")
def parser():
    return SpeakerParser(load_lexicon(default_patterns_dir() / "quotes"))


@pytest.mark.parametrize("phrase, kind, name, role, org", [
    ("Priya Lawson", "person", "Priya Lawson", None, None),
    ("Harbour Minister Priya Lawson", "person", "Priya Lawson", "Harbour Minister", None),
    ("Minister for the Coast Priya Lawson", "person", "Priya Lawson", "Minister for the Coast", None),
    ("Anna Kowalski, Secretary for Finance", "person", "Anna Kowalski", "Secretary for Finance", None),
    ("Port Authority Director Ian Moss", "person", "Ian Moss", "Director", "Port Authority"),
    ("Professor Le Grove", "surname", "Le Grove", "Professor", None),
    ("Lord Amberley", "surname", "Amberley", None, None),
    ("the Chancellor", "role", None, "Chancellor", None),
    ("The Chief Inspector of Schools", "role", None, "Chief Inspector of Schools", None),
    ("a Home Office spokesperson", "unnamed", "a Home Office spokesperson", None, "Home Office"),
    ("she", "pronoun", "she", None, None),
    ("Jane Doe MP", "person", "Jane Doe", None, None),
    ("Jane Doe, chief executive of Acme", "person", "Jane Doe", "chief executive of Acme", None),
    ("Councillor Sam Holt, Riverside Borough Council", "person", "Sam Holt", "Councillor",
     "Riverside Borough Council"),
    ("the chief executive", "role", None, "chief executive", None),
    ("Secretary of Labor Rosa M. Vidal", "person", "Rosa M. Vidal", "Secretary of Labor", None),
    ("Acting Director-General for Rural Water Eng. Omar Farah", "person", "Omar Farah",
     "Acting Director-General for Rural Water", None),
    ("the Treasury Rupert Linklow", "person", "Rupert Linklow", None, "Treasury"),
])
def test_parse(parser, phrase, kind, name, role, org):
    sp = parser.parse(phrase)
    assert (sp.kind, sp.name, sp.role, sp.org) == (kind, name, role, org)


@pytest.mark.parametrize("phrase, name", [
    ("Tomas Berg, Head of Regional Price Statistics", "Tomas Berg"),
    ("Ada Quist, Minister of Health and Long Term Care, Prince Edward Island", "Ada Quist"),
    ("Ada Quist, Secretary for Rural Affairs, Isle of Skye", "Ada Quist"),
])
def test_the_name_part_wins_over_capitalised_words_in_a_role(parser, phrase, name):
    assert parser.parse(phrase).name == name


@pytest.mark.parametrize("phrase, role", [
    ("Tomas Berg, Deputy Director for Regional Price Statistics", "Deputy Director for Regional Price Statistics"),
    ("Ada Quist, Minister of Education and Early Childhood Development, Nova Scotia",
     "Minister of Education and Early Childhood Development"),
    ("Dr. Ana Ruiz, PharmD, Executive Vice President for Government Affairs and Rural Health Policy at the "
     "National Grocers Association",
     "Executive Vice President for Government Affairs and Rural Health Policy at the National Grocers Association"),
])
def test_a_role_in_its_own_part_is_kept_whole(parser, phrase, role):
    """The capitalised words ending a role part are its domain, not a second name to cut off."""
    assert parser.parse(phrase).role == role


@pytest.mark.parametrize("phrase, name, role, org", [
    ("Dr Bea Orr, Shadow Minister for Regional Development, Local Government and Territories", "Bea Orr",
     "Shadow Minister for Regional Development, Local Government and Territories", None),
    ("the Minister for Tourism, Culture, Arts, Sport and Media, Cara Mertin TD", "Cara Mertin",
     "Minister for Tourism, Culture, Arts, Sport and Media", None),
    ("Ada Quist, Minister of Health and Long Term Care, Prince Edward Island", "Ada Quist",
     "Minister of Health and Long Term Care", None),
])
def test_a_role_over_a_list_goes_on_past_its_commas(parser, phrase, name, role, org):
    sp = parser.parse(phrase)
    assert (sp.name, sp.role, sp.org) == (name, role, org)



DOC = ("Professor Nadia Le Grove chairs the panel. The report was received by the Chancellor, Ravi Mehta. "
       "Sir Alan Price opened the event. Lord Amberley spoke last. Minister for Skills Tara Quinn closed it.")


@pytest.mark.parametrize("method, arg, expected", [
    ("fullest_for_surname", "Le Grove", "Nadia Le Grove"),
    ("fullest_for_surname", "Amberley", None),
    ("fullest_for_given", "Alan", "Alan Price"),
    ("holder_of_role", "Chancellor", "Ravi Mehta"),
    ("holder_of_role", "Minister", "Tara Quinn"),
])
def test_name_index(parser, method, arg, expected):
    assert getattr(NameIndex(DOC, parser), method)(arg) == expected


SURNAME_FIRST_DOC = ("Trade Representative Mr. Sato Kenji spoke first. Mr. Sato said exports grew.\n\n"
                     "Han Ji-woo, a senior fellow, led the study. Dr Han said it took a year.\n\n"
                     "The Secretary for Housing, Ms Wong Mei Ling, opened it. Ms Wong said little.")


@pytest.mark.parametrize("surname, expected", [
    ("Sato", "Sato Kenji"),
    ("Han", "Han Ji-woo"),
    ("Wong", "Wong Mei Ling"),
])
def test_a_surname_written_first_takes_the_given_names_after_it(parser, surname, expected):
    assert NameIndex(SURNAME_FIRST_DOC, parser).fullest_for_surname(surname) == expected


@pytest.mark.parametrize("doc, surname, expected", [
    ("The Minister for Finance and Reform, Niamh Kerr TD, spoke. Ms Kerr said little.", "Kerr", "Niamh Kerr"),
    ("Patient Arthur Bellamy, 78, went home early. Every patient has a nurse.", "Bellamy", "Arthur Bellamy"),
    ("Ward 7 Councilwoman Teresa Vukic chairs the committee.", "Vukic", "Teresa Vukic"),
])
def test_given_names_stop_at_commas_titles_and_common_nouns(parser, doc, surname, expected):
    assert NameIndex(doc, parser).fullest_for_surname(surname) == expected


def test_a_headline_run_after_a_role_is_not_its_holder(parser):
    doc = ("PRESS RELEASE: Chancellor Gordon Bright Outlines Government Plans to Help\n\n"
           "The plans were outlined today by the Chancellor Gordon Bright.")
    assert NameIndex(doc, parser).holder_of_role("Chancellor") == "Gordon Bright"


def test_a_role_holder_may_carry_a_dotted_title(parser):
    doc = "Cabinet Secretary for Water, Sanitation and Irrigation Hon. Zacharia Kip Moi said so."
    assert NameIndex(doc, parser).holder_of_role("Cabinet Secretary") == "Zacharia Kip Moi"


def _copy_patterns(tmp_path):
    target = tmp_path / "patterns"
    shutil.copytree(default_patterns_dir(), target)
    return target


def test_bad_word_list_names_file_and_line(tmp_path):
    folder = _copy_patterns(tmp_path)
    path = folder / "quotes" / "people.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["pronouns"] = ["he", 3]
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    with pytest.raises(PatternError) as err:
        spacy.blank("en").add_pipe("claimx_quotes", config={"patterns_dir": str(folder)})
    assert err.value.path == str(path)
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if '"pronouns"' in text)
    assert err.value.line == line


def test_invalid_json_names_file_and_line(tmp_path):
    folder = _copy_patterns(tmp_path)
    path = folder / "quotes" / "speech_verbs.json"
    path.write_text('{\n  "speech_verbs": ["said",\n}\n', encoding="utf-8")
    with pytest.raises(PatternError, match=r"speech_verbs\.json:3"):
        spacy.blank("en").add_pipe("claimx_quotes", config={"patterns_dir": str(folder)})


def test_unknown_key_is_refused(tmp_path):
    folder = _copy_patterns(tmp_path)
    path = folder / "quotes" / "narration.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["openers"] = ["This"]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(PatternError, match="unknown key"):
        load_lexicon(folder / "quotes")


@pytest.mark.parametrize("text", [
    "Dr. Jane Doe, Ph.D., of the U.S. Department said: “It’s 3.5% up.” – J. Smith",
    "said Prof. Le Grove (Acme Ltd.) on 12/03/2024, adding: ‘we’re fine’.",
])
def test_tokens_of_a_window_are_those_of_the_slice(parser, text):
    """Windows are tokenised in place; the tokens must be those of the slice, shifted."""
    for start in range(len(text)):
        for end in range(start, len(text) + 1, 7):
            sliced = [(t.text, t.start + start, t.end + start, t.low) for t in parser.tokens(text[start:end])]
            assert [tuple(t) for t in parser.tokens(text, start, end)] == sliced
            assert list(parser.iter_tokens(text, start, end)) == parser.tokens(text, start, end)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "Z", "J", "U", "S", "Mr", "Dr", "Ph", "D", "é", "5", "3.5", ".", ". ", " ", "\t",
                                 "’", "'", "-", ",", "/", "_", "\n", "“"]), max_size=14))
@example(pieces=["J", ".", "S", ". ", "Doe"])
@example(pieces=["J", ". ", "\t", "Doe"])
def test_token_regex_reads_words_and_initials_as_the_plain_alternation_does(parser, pieces):
    """The token regex reads a word once, with an initial ahead of it; that is the same as
    trying an abbreviation, then an initial, then a plain word."""
    plain = re.compile("(?:" + "|".join(re.escape(w) for w in parser.dotted_words) + r")(?!\w)|"
                       r"[^\W\d_][\w’'\-]*(?:\.[^\W\d_]+)+\.?|[A-Z]\.(?=[ \t]*[A-Z])|"
                       r"[^\W\d_][\w’'\-]*|\d[\w.,/]*|[^\w\s]")
    text = "".join(pieces)
    for end in range(len(text) + 1):
        assert [m.span() for m in parser._token_re.finditer(text, 0, end)] == \
               [m.span() for m in plain.finditer(text, 0, end)]
