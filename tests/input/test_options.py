"""Command-line options read into values (input/options.py): refusals in our words."""

from __future__ import annotations

from decimal import Decimal

import pytest

from breachcalc.errors import UsageError
from tests.conftest import EXAMPLES

UNCERTAIN = str(EXAMPLES / "coupang-uncertain.yaml")


def test_percentile_nan_in_our_words(run):
    result = run("simulate", UNCERTAIN, "-p", "nan")
    assert result.exit_code == 2
    assert result.stderr == "error: --percentile nan: give a number from 0 to 100, e.g. -p 95\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.5e12", (Decimal("1.5e12"), None)),
        ("1,000,000,000 usd", (Decimal("1000000000"), "USD")),
        ("2_500 KRW", (Decimal("2500"), "KRW")),
    ],
)
def test_an_amount_to_exceed_is_read_with_the_currency_it_names(text, expected):
    from breachcalc.input.options import parse_amount

    assert parse_amount(text) == expected


def test_an_amount_in_an_unknown_currency_is_refused_with_the_nearest():
    from breachcalc.input.options import parse_amount

    with pytest.raises(UsageError, match=r"unknown ISO 4217 currency code 'USX'.*`USD`"):
        parse_amount("10 USX")
