"""Reading amounts of money: text -> (value in whole units, currency)."""
import pytest

from claimx.lexicon import default_lexicon
from claimx.money import BARE_DOLLAR, dollar_currency, parse_money

LEX = default_lexicon()


@pytest.mark.parametrize("text, value, currency", [
    ("£600,000", 600000, "GBP"), ("£200m", 2e8, "GBP"), ("£1.5m", 1.5e6, "GBP"), ("£5bn", 5e9, "GBP"),
    ("£ 8.10 million", 8.1e6, "GBP"), ("€73million", 7.3e7, "EUR"), ("¥500", 500, "JPY"),
    ("$54K", 54000, BARE_DOLLAR), ("$28 Million", 2.8e7, BARE_DOLLAR), ("$2.174T", 2.174e12, BARE_DOLLAR),
    ("₹8,500 crore", 8.5e10, "INR"), ("Rs 2.5 lakh", 2.5e5, "INR"), ("Rs. 40,000", 4e4, "INR"),
    ("US$ 5", 5, "USD"), ("A$3", 3, "AUD"), ("AU$4", 4, "AUD"),
    ("GBP 350", 350, "GBP"), ("EUR 1.2 billion", 1.2e9, "EUR"), ("350 GBP", 350, "GBP"), ("50 MUSD", 5e7, "USD"),
    ("500 million euros", 5e8, "EUR"), ("one billion Euros", 1e9, "EUR"), ("half a billion pounds", 5e8, "GBP"),
    ("5 US dollars", 5, "USD"), ("19p", 0.19, "GBP"), ("470 pence", 4.7, "GBP"), ("50 cents", 0.5, BARE_DOLLAR),
    ("300-million-dollar", 3e8, BARE_DOLLAR), ("two-billion-euro", 2e9, "EUR"), ("50-pound", 50, "GBP"),
    ("3 dollars 50 cents", 3.5, BARE_DOLLAR), ("thirteen dollars and forty-five cents", 13.45, BARE_DOLLAR),
])
def test_amounts(text, value, currency):
    found = parse_money(text, LEX)
    assert found is not None and found[0] == pytest.approx(value) and found[1] == currency


@pytest.mark.parametrize("text", ["£", "500", "£5 euros", "£ two and three", "3 dollars 50 pence"])
def test_not_amounts(text):
    assert parse_money(text, LEX) is None


@pytest.mark.parametrize("cues, expected", [
    ({}, "USD"), ({"AUD": 1}, "USD"), ({"AUD": 5}, "AUD"), ({"AUD": 5, "USD": 6}, "USD"), ({"CAD": 3}, "CAD"),
])
def test_bare_dollar_follows_the_country_the_document_names(cues, expected):
    assert dollar_currency(cues, "USD", min_cues=3) == expected
