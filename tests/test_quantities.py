"""The claimx_quantities component on a blank English pipeline: spans, kinds, values, context."""
import pytest
import spacy

import claimx.quantities  # noqa: F401  (registers the factory)
from claimx.records import RECORD_ADAPTER, Sentence


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("claimx_quantities")
    return nlp


def found(nlp, text, published=None):
    doc = nlp.make_doc(text)
    doc._.claimx_published = published
    doc = nlp.get_pipe("claimx_quantities")(doc)
    return [(f.kind, text[f.start:f.end], f.fields, f.rule) for f in doc._.claimx_found]


def only(nlp, text, published=None):
    items = found(nlp, text, published)
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize("text, kind, span, value", [
    ("Prices rose 98% last year.", "percentage", "98%", 98),
    ("About 18 per cent agreed.", "percentage", "18 per cent", 18),
    ("Only ten percent replied.", "percentage", "ten percent", 10),
    ("Growth of 2 1/2% is forecast.", "percentage", "2 1/2%", 2.5),
    ("Rates of 2¼ per cent apply.", "percentage", "2¼ per cent", 2.25),
    ("We saw 90% per cent take part.", "percentage", "90% per cent", 90),
    ("The council spent £1.5m on roads.", "money", "£1.5m", 1.5e6),
    ("It costs £470 million a year.", "money", "£470 million", 4.7e8),
    ("A grant of €73million was made.", "money", "€73million", 7.3e7),
    ("They raised half a billion pounds.", "money", "half a billion pounds", 5e8),
    ("The fund holds EUR 1.2 billion.", "money", "EUR 1.2 billion", 1.2e9),
    ("A stamp now costs 19p.", "money", "19p", 0.19),
    ("Ottawa unveils $4.5-billion transit plan.", "money", "$4.5-billion", 4.5e9),
    ("The state will spend ₹1.2 lakh crore on roads.", "money", "₹1.2 lakh crore", 1.2e12),
    ("The scheme reaches 12 lakh farmers.", "count", "12 lakh", 1.2e6),
    ("There were 600,000 visitors.", "count", "600,000", 600000),
    ("Forty-two schools joined.", "count", "Forty-two", 42),
    ("We hired two hundred and fifty nurses.", "count", "two hundred and fifty", 250),
    ("Almost half a million homes were built.", "count", "half a million", 500000),
    ("The town has 1.2 million trees.", "count", "1.2 million", 1.2e6),
    ("The census began in 1801.", "date", "1801", "1801"),
    ("It opened on 26 June 2012.", "date", "26 June 2012", "2012-06-26"),
    ("It opened on June 26, 2012.", "date", "June 26, 2012", "2012-06-26"),
    ("It opened on 26/06/2012.", "date", "26/06/2012", "2012-06-26"),
    ("It opened in April 2011.", "date", "April 2011", "2011-04"),
    ("Crime has fallen since 2010.", "date", "2010", "2010"),
    ("2022’s figures were revised.", "date", "2022", "2022"),
    ("Output grew six-fold.", "multiplier", "six-fold", 6),
    ("Output doubled.", "multiplier", "doubled", 2),
])
def test_one_quantity(nlp, text, kind, span, value):
    got = only(nlp, text)
    assert got[:2] == (kind, span)
    assert got[2]["value"] == (pytest.approx(value) if isinstance(value, (int, float)) else value)


@pytest.mark.parametrize("text", [
    "Shares in the FTSE 100 fell.", "Leaders met at the G20.", "Delegates flew to COP15.",
    "The Covid-19 pandemic changed work.", "Traffic on the M25 was slow.", "Pupils at Key Stage 2 improved.",
    "She came third.", "He finished 1st in the race.", "Call 020 7946 0958 for details.",
    "The meeting starts at 10.30 am.", "She lives at 10 Downing Street.", "It is one of the greatest threats.",
    "Net Zero is the goal.", "Budget papers were published with the 1998 Budget.", "Sales rose in September.",
    "The hangar holds the Boeing 747.", "The £5-10 million fund opens.", "It helps 1 in 5 families.",
    "Open 24/7 since the 1990s.", "Section 3 covers the A14.", "Aims\n\n1. Build homes\n2) Train staff",
    "As noted [1] and (2) and [footnote 3].", "Call 1-800-555-0199 today.", "Around two-thirds agreed.",
    "Phone (02) 9228 5239 or (202) 555-0147.", "Press office, Tel: +32 2 281 63 19",
    "Call us on +44 1632 960418 today.", "Press queries, Tel: 6123 4567", "Phone: 555 0147 or fax 555 0148.",
    "Enquiries can be made by calling 2811 3344 in office hours.", "Doors close at 12 noon.", "The report is item 7 on the agenda.",
])
def test_not_quantities(nlp, text):
    assert [k for k in found(nlp, text) if k[0] in ("count", "date", "percentage", "money")] == []


def test_count_unit_is_kept_but_not_spanned(nlp):
    kind, span, fields, _ = only(nlp, "The inquiry lasted 2 days.")
    assert (kind, span, fields) == ("count", "2", {"value": 2, "unit": "days"})


@pytest.mark.parametrize("text, qualifier", [
    ("at least 58 people", "at least"), ("more than 4,000 places", "more than"), ("over £22 billion", "over"),
    ("nearly £50 million", "nearly"), ("around 80 per cent", "around"), ("approximately 300 sites", "approximately"),
    ("up to £40 a week", "up to"), ("as many as 900 homes", "as many as"), ("an estimated 3 million", "an estimated"),
    ("some 500 staff", "some"),
])
def test_qualifiers(nlp, text, qualifier):
    assert only(nlp, text)[2]["qualifier"] == qualifier


@pytest.mark.parametrize("text, values", [
    ("Numbers rose from 9 to at least 58.", [9, 58]),
    ("Unemployment rose from 4.4 per cent to 5.7 per cent.", [4.4, 5.7]),
    ("Grants are between £250 and £5,000.", [250, 5000]),
    ("Revenue decreased $1.2 million to $23.5 million.", [1.2e6, 23.5e6]),
])
def test_both_ends_of_a_range_share_a_group(nlp, text, values):
    items = found(nlp, text)
    assert [pytest.approx(i[2]["value"]) for i in items] == values
    groups = {i[2].get("group") for i in items}
    assert len(groups) == 1 and None not in groups


@pytest.mark.parametrize("text, prefix", [
    ("Grants are between £250 and £5,000.", "range-"), ("Numbers rose from 9 to 58.", "change-"),
])
def test_the_group_says_whether_it_is_a_range_or_a_change(nlp, text, prefix):
    assert all(i[2]["group"].startswith(prefix) for i in found(nlp, text))


def test_a_range_shares_its_scale_word(nlp):
    values = [i[2]["value"] for i in found(nlp, "It will reach between 2 and 3 million homes.")]
    assert values == [pytest.approx(2e6), pytest.approx(3e6)]


def test_a_year_joined_to_a_year_is_a_year(nlp):
    assert [(i[0], i[1]) for i in found(nlp, "The gap closes over 2018 and 2019.")] == [("date", "2018"), ("date", "2019")]


@pytest.mark.parametrize("text, kind, first", [
    ("Prices rose 5-10% last year.", "percentage", {"value": 5}),
    ("Between 2 and 3 million euros were spent.", "money", {"value": 2e6, "currency": "EUR"}),
])
def test_a_bare_number_opening_a_range_takes_the_other_ends_kind(nlp, text, kind, first):
    items = found(nlp, text)
    assert [i[0] for i in items] == [kind, kind]
    assert {k: items[0][2][k] for k in first} == first


def test_a_bare_number_above_the_other_end_keeps_its_own_kind(nlp):
    items = found(nlp, "Unemployment fell by 77,000 to 6.9% in 2014.")
    assert [(i[0], i[1], i[2]["value"]) for i in items[:2]] == [("count", "77,000", 77000), ("percentage", "6.9%", 6.9)]
    assert all("group" not in i[2] for i in items)


def test_separate_numbers_are_not_grouped(nlp):
    assert all("group" not in i[2] for i in found(nlp, "We built 40 homes. Then 60 more were planned."))


def test_bare_dollar_follows_the_documents_country(nlp):
    us = "The agency awarded $5 million to the county."
    au = ("Queensland will spend $5 million. Queenslanders deserve it, and the Queensland Government "
          "has asked Canberra for more.")
    assert only(nlp, us)[2]["currency"] == "USD"
    assert [i[2]["currency"] for i in found(nlp, au) if i[0] == "money"] == ["AUD"]


@pytest.mark.parametrize("text, currencies", [
    ("The trust will get NZ$12 million now and $3 million in March.", ["NZD", "NZD"]),
    ("Ottawa adds C$40 million; the province pays $9 million.", ["CAD", "CAD"]),
    ("Fees rise to $20 under the A$80m deal for Sydney.", ["AUD", "AUD"]),
    ("Firms may borrow S$3 million; one was quoted $90,000.", ["SGD", "SGD"]),
    ("The county received $2 million and US$1 million.", ["USD", "USD"]),
])
def test_an_amount_with_its_own_dollar_names_the_bare_dollar(nlp, text, currencies):
    assert [i[2]["currency"] for i in found(nlp, text) if i[0] == "money"] == currencies


def test_american_dateline_names_the_dollar():
    import claimx
    text = "Title\n\nAUSTIN, Texas (May 2, 2023) — Texas will spend $5 million, Texas officials said."
    assert [r.currency for r in claimx.extract(text) if r.kind == "money"] == ["USD"]


def test_pounds_are_a_weight_in_an_american_text(nlp):
    us = ("The U.S. agency said farms in Virginia and Maryland cut runoff by 36 million pounds, "
          "a record for the United States.")
    uk = "The UK will spend 5 million pounds on flood defences."
    assert only(nlp, us)[:3] == ("count", "36 million", {"value": 36e6, "unit": "pounds"})
    assert only(nlp, uk)[:3] == ("money", "5 million pounds", {"value": 5e6, "currency": "GBP"})


def test_day_and_month_take_the_documents_year(nlp):
    assert only(nlp, "Results come on 22nd December.")[2]["value"] == "--12-22"
    assert only(nlp, "Results come on 22nd December.", published="2014-03-01")[2]["value"] == "2014-12-22"


def test_month_first_setting():
    nlp = spacy.blank("en")
    nlp.add_pipe("claimx_quantities", config={"month_first": True})
    assert only(nlp, "Signed on 03/04/2012.")[2]["value"] == "2012-03-04"


def test_rule_is_the_pattern_id(nlp):
    assert only(nlp, "It costs £5bn.")[3] == "money-symbol-number"


@pytest.mark.parametrize("text", [
    "In 2019, £3.5m was spent on 1,200 projects, up 12% on 2018 (about three times more).",
    "Between 2010 and 2012 some 45,000 jobs and €2bn of exports were added; on 3 May 2013 it doubled.",
])
def test_fields_validate_as_records(nlp, text):
    for kind, span, fields, rule in found(nlp, text):
        RECORD_ADAPTER.validate_python({
            **fields, "kind": kind, "id": "x", "doc_id": "-", "text": span, "start": 0, "end": len(span),
            "rule": rule, "sentence": Sentence(text=text, start=0, end=len(text)),
        })


def test_to_disk_and_from_disk_round_trip(nlp, tmp_path):
    nlp.get_pipe("claimx_quantities").to_disk(tmp_path / "q")
    other = spacy.blank("en")
    other.add_pipe("claimx_quantities").from_disk(tmp_path / "q")
    text = "Over 3,000 people paid £1.2bn on 4 May 2020."
    assert found(other, text) == found(nlp, text)


@pytest.mark.parametrize("text, span", [
    ("The fund paid out $54K.", "$54K"),
    ("Sales reached 3.5m.", "3.5m"),
])
def test_a_sentence_full_stop_is_not_part_of_the_quantity(text, span):
    import claimx
    assert [r.text for r in claimx.extract(text) if r.kind in ("money", "count")] == [span]


@pytest.mark.parametrize("text, span, value", [
    ("It cost £3.5m.", "£3.5m", 3_500_000),
    ("Sales reached 3.5m.", "3.5m", 3_500_000),
    ("The bill came to £2.5 m.\n", "£2.5 m", 2_500_000),
])
def test_a_scale_letter_ending_a_sentence_keeps_its_scale(text, span, value):
    import claimx
    found = [(r.text, r.value) for r in claimx.extract(text) if r.kind in ("money", "count")]
    assert found == [(span, value)]
