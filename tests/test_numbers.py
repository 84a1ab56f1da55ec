"""Reading number expressions: text -> value, and None where the text is not one number."""
import pytest

from claimx.lexicon import default_lexicon
from claimx.numbers import parse_number, parse_percentage

LEX = default_lexicon()


@pytest.mark.parametrize("text, value", [
    ("58", 58), ("600,000", 600000), ("27.1", 27.1), ("0.3", 0.3), (".08", 0.08), ("3,337", 3337),
    ("nine", 9), ("Seven", 7), ("twelve", 12), ("forty-two", 42), ("fifty   two", 52),
    ("two hundred and fifty", 250), ("a hundred and two", 102), ("3 hundred and 21", 321),
    ("half a million", 500000), ("a million", 1000000), ("one million", 1000000), ("1.2 million", 1200000),
    ("30.39 million", 30390000), ("one and a half million", 1500000), ("3 million and a half", 3500000),
    ("two million and one half", 2500000), ("two million three hundred thousand", 2300000),
    ("2 1/2", 2.5), ("2  1/4", 2.25), ("2¼", 2.25), ("4 ½", 4.5), ("5bn", 5e9), ("73million", 73e6),
    ("54 K", 54000), ("1.5m", 1.5e6), ("10M.", 1e7), ("1 234 567", 1234567), ("40\u202f000", 40000),
    ("zero", 0), ("three million, two hundred & forty", 3000240), ("2.9-billion", 2.9e9), ("40-million", 4e7),
    ("two-billion", 2e9),
    ("12 lakh", 1.2e6), ("2.5 crore", 2.5e7), ("3 lakh crore", 3e12), ("two thousand million", 2e9),
])
def test_number_values(text, value):
    assert parse_number(text, LEX) == pytest.approx(value)


@pytest.mark.parametrize("text", [
    "two and three", "5 6", "hundred", "million", "half", "one half", "twenty half", "1,2", "02", "3rd",
    "three million two million", "3 hundred and 2.12", "and", "a", "forty-", "12,34,567",
    "5-10", "2.9-", "3-hundred", "7-seven", "two-three", "one-",
])
def test_not_one_number(text):
    assert parse_number(text, LEX) is None


def test_money_only_scale_letters():
    assert parse_number("1.2b", LEX) is None
    assert parse_number("1.2b", LEX, money=True) == pytest.approx(1.2e9)


@pytest.mark.parametrize("text, value, unit", [
    ("98%", 98, None), ("18 per cent", 18, None), ("ten percent", 10, None), ("2 1/2%", 2.5, None),
    ("2¼ per cent", 2.25, None), ("90% per cent", 90, None), ("6.9%", 6.9, None), ("two per cent", 2, None),
    ("4 percentage points", 4, "percentage points"), ("one hundred percents", 100, None),
])
def test_percentages(text, value, unit):
    assert parse_percentage(text, LEX) == (pytest.approx(value), unit)


@pytest.mark.parametrize("text", ["98", "per cent", "two and three per cent"])
def test_not_percentages(text):
    assert parse_percentage(text, LEX) is None
