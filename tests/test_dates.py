"""Reading dates: text -> (ISO value at the precision written, precision)."""
import pytest

from claimx.dates import parse_date
from claimx.lexicon import default_lexicon

LEX = default_lexicon()


@pytest.mark.parametrize("text, value, precision", [
    ("26 June 2012", "2012-06-26", "day"), ("June 26, 2012", "2012-06-26", "day"),
    ("Tuesday, 02 April, 2019", "2019-04-02", "day"), ("23rd December 2014", "2014-12-23", "day"),
    ("4th of july of 1995", "1995-07-04", "day"), ("21 Oct 2014", "2014-10-21", "day"),
    ("16. nov. 2016", "2016-11-16", "day"), ("5 December 1391", "1391-12-05", "day"),
    ("26/06/2012", "2012-06-26", "day"), ("01.02.2013", "2013-02-01", "day"), ("21/04/16", "2016-04-21", "day"),
    ("02/22/2016", "2016-02-22", "day"), ("2015/08/12", "2015-08-12", "day"), ("2018-7-6", "2018-07-06", "day"),
    ("21-04-2016", "2016-04-21", "day"), ("2019-sep-1", "2019-09-01", "day"), ("23/Sep/2020", "2020-09-23", "day"),
    ("April 2011", "2011-04", "month"), ("Sept. 2019", "2019-09", "month"), ("Dec/2018", "2018-12", "month"),
    ("june of 1992", "1992-06", "month"), ("2010", "2010", "year"),
    ("2023/24", "2023/2024", "fiscal_year"), ("2023-24", "2023/2024", "fiscal_year"),
    ("FY2024/25", "2024/2025", "fiscal_year"), ("1999-00", "1999/2000", "fiscal_year"),
    ("22nd December", "--12-22", "day"), ("30th June", "--06-30", "day"),
    ("2015-12", "2015-12", "month"), ("2015-3", "2015-03", "month"), ("12-2015", "2015-12", "month"),
    ("03/2015", "2015-03", "month"),
])
def test_dates(text, value, precision):
    assert parse_date(text, LEX) == (value, precision)


@pytest.mark.parametrize("text", ["September", "31 February 2019", "2010-2012", "16-18", "2.5", "30/4.85", "13/13/2013",
                                  "2005-09", "2015-13", "13-2015", "0-2015"])
def test_not_dates(text):
    assert parse_date(text, LEX) is None


def test_day_and_month_take_the_documents_year():
    assert parse_date("22nd December", LEX, published="2014-06-01") == ("2014-12-22", "day")


def test_numeric_dates_read_month_first_when_told():
    assert parse_date("03/04/2012", LEX) == ("2012-04-03", "day")
    assert parse_date("03/04/2012", LEX, day_first=False) == ("2012-03-04", "day")
