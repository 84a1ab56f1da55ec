"""Cases first met in held-out batch 8: a year-like number before a noun, hyphenated amounts,
shillings and rand, space-grouped thousands after a glued symbol, and SMS short codes."""
import pytest
import spacy

import claimx.quantities  # noqa: F401  (registers the factory)


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("claimx_quantities")
    return nlp


def found(nlp, text):
    doc = nlp.get_pipe("claimx_quantities")(nlp.make_doc(text))
    return [(f.kind, text[f.start:f.end], f.fields.get("value"), f.fields.get("currency"))
            for f in doc._.claimx_found if f.kind in ("count", "date", "money", "percentage")]


@pytest.mark.parametrize("text, span", [
    ("A 2022 survey found gaps.", "2022"), ("The 2019 report was clear.", "2019"),
    ("It is still below its 2019 level.", "2019"), ("HUD's 2021 study agreed.", "2021"),
    ("According to a 2023 analysis, it works.", "2023"), ("The 2022 data were revised.", "2022"),
    ("Prices fell in the 2022 season.", "2022"),
])
def test_a_year_between_a_determiner_and_a_singular_noun_is_a_date(nlp, text, span):
    assert found(nlp, text) == [("date", span, span, None)]


@pytest.mark.parametrize("text, span, value", [
    ("The plan builds 2000 homes.", "2000", 2000), ("The 2000 homes are finished.", "2000", 2000),
    ("The 1500 people who applied were told.", "1500", 1500), ("Of these, 2000 were new.", "2000", 2000),
    ("It funds the 2000 new homes.", "2000", 2000), ("It was a 2000 mile journey.", "2000", 2000),
    ("Write a 2000 word essay.", "2000", 2000), ("It found that 1500 nurse posts were empty.", "1500", 1500),
])
def test_a_year_like_number_before_a_plural_or_a_counted_word_is_a_count(nlp, text, span, value):
    assert found(nlp, text) == [("count", span, value, None)]


@pytest.mark.parametrize("text, span, value, currency", [
    ("It proposes a 300-million-dollar fund.", "300-million-dollar", 3e8, "USD"),
    ("A two-billion-euro loan was agreed.", "two-billion-euro", 2e9, "EUR"),
    ("An extra 300-million-shilling fund covers transport.", "300-million-shilling", 3e8, "KES"),
    ("A 300-million-rand scheme was announced.", "300-million-rand", 3e8, "ZAR"),
    ("The ministry released KSh 6.5 billion.", "KSh 6.5 billion", 6.5e9, "KES"),
    ("South African plans worth R142.6 billion were passed.", "R142.6 billion", 1.426e11, "ZAR"),
    ("In Gauteng the cost rose to R7 350 per square metre.", "R7 350", 7350, "ZAR"),
    ("A house in Pretoria costs about R882 000 to build.", "R882 000", 882000, "ZAR"),
])
def test_hyphenated_and_african_amounts(nlp, text, span, value, currency):
    assert found(nlp, text) == [("money", span, pytest.approx(value), currency)]


@pytest.mark.parametrize("text", ["Traffic on the R445 was slow.", "The R1 value was R1.1 last week."])
def test_r_is_rand_only_in_a_south_african_text(nlp, text):
    assert found(nlp, text) == []


@pytest.mark.parametrize("text", [
    "Report it by sending an SMS to 1515.", "Text 70007 to donate.", "In an emergency dial 999.",
])
def test_short_codes_are_not_quantities(nlp, text):
    assert found(nlp, text) == []


@pytest.mark.parametrize("text, span, value", [
    ("I'll go back 9-18-15.", "9-18-15", "2015-09-18"), ("It opened on 21-04-16.", "21-04-16", "2016-04-21"),
    ("I'll be out 2015-3.", "2015-3", "2015-03"), ("Sales in 12-2015 fell.", "12-2015", "2015-12"),
])
def test_hyphenated_numeric_dates(nlp, text, span, value):
    assert found(nlp, text) == [("date", span, value, None)]


def test_a_cent_hyphenated_to_its_amount_is_money(nlp):
    assert found(nlp, "It will pay a 12-cent-a-share dividend.") == [("money", "12-cent", pytest.approx(0.12), "USD")]
