"""Money: the shipped ISO 4217 table, rate parsing, exact conversion and the rounding rule."""

from __future__ import annotations

from decimal import Decimal

import iso4217
import pytest

from breachcalc.domain.money import Money, convert, format_money, minor_units, round_money
from breachcalc.input.values import Rate
from breachcalc.reference.tables import currency_minor_units


def test_shipped_minor_units_agree_with_the_iso4217_package():
    shipped = currency_minor_units()
    library = {c.code: c.exponent for c in iso4217.Currency if c.exponent is not None}
    assert shipped == library, "run scripts/update_currencies.py"


@pytest.mark.parametrize(
    ("code", "places"),
    [("KRW", 0), ("JPY", 0), ("USD", 2), ("EUR", 2), ("BHD", 3), ("KWD", 3), ("CLF", 4)],
)
def test_minor_units_from_the_reference(code, places):
    assert minor_units(code) == places


@pytest.mark.parametrize(
    ("amount", "code", "shown"),
    [
        ("0.125", "USD", "0.13"),
        ("0.135", "USD", "0.14"),
        ("-0.125", "USD", "-0.13"),
        ("166.5", "JPY", "167"),
        ("167.5", "JPY", "168"),
        ("1.0005", "BHD", "1.001"),
        ("1280600000", "USD", "1280600000.00"),
        ("0.004999", "EUR", "0.00"),
    ],
)
def test_round_half_away_from_zero(amount, code, shown):
    assert str(round_money(Money(Decimal(amount), code))) == shown


@pytest.mark.parametrize(
    ("money", "text"),
    [
        (Money(Decimal("1853500000000"), "KRW"), "1,853,500,000,000 KRW"),
        (Money(Decimal("1280600000"), "USD"), "1,280,600,000.00 USD"),
        (Money(Decimal("3696"), "BHD"), "3,696.000 BHD"),
    ],
)
def test_format_money(money, text):
    assert format_money(money) == text


@pytest.mark.parametrize(
    ("text", "left", "right"),
    [
        ("1 USD = 1,440 KRW", ("1", "USD"), ("1440", "KRW")),
        ("38 usd=55000 krw", ("38", "USD"), ("55000", "KRW")),
        ("0.41 BHD = 1 EUR", ("0.41", "BHD"), ("1", "EUR")),
        ("1 EUR = 1_000.5 JPY", ("1", "EUR"), ("1000.5", "JPY")),
    ],
)
def test_rate_parse(text, left, right):
    rate = Rate.parse(text)
    assert (str(rate.left), rate.left_currency) == left
    assert (str(rate.right), rate.right_currency) == right


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1440", "write it as an equation"),
        ("1 USD = 1440", "write it as an equation"),
        ("1 USD = 1440 USD", "USD on both sides"),
        ("0 USD = 1440 KRW", "a zero side"),
        ("1 USD = 14,40 KRW", "group thousands in threes"),
        ("-1 USD = 1440 KRW", "write it as an equation"),
    ],
)
def test_rate_parse_refusals(text, message):
    with pytest.raises(ValueError, match=message):
        Rate.parse(text)


def test_conversion_is_exact_both_ways():
    rate = Rate.parse("38 USD = 55,000 KRW")
    assert convert(Money(Decimal(55000), "KRW"), "USD", (rate,)) == Money(Decimal(38), "USD")
    assert convert(Money(Decimal(38), "USD"), "KRW", (rate,)) == Money(Decimal(55000), "KRW")
    assert convert(Money(Decimal(1), "USD"), "USD", ()) == Money(Decimal(1), "USD")
    with pytest.raises(LookupError):
        convert(Money(Decimal(1), "EUR"), "USD", (rate,))


@pytest.mark.parametrize(
    "text",
    [
        "1 USD = 0.0000000000000000001 KRW",  # 1e-19
        "1,000,000,000,000,000,001 USD = 1 KRW",
        "1 USD = " + "9" * 60 + " KRW",
    ],
)
def test_rate_sides_are_bounded(text):
    with pytest.raises(ValueError, match=r"outside the supported range .*limit MAX_EXPONENT"):
        Rate.parse(text)


def test_rate_sides_at_the_bounds_are_accepted():
    rate = Rate.parse("0.000000000000000001 USD = 1,000,000,000,000,000,000 KRW")
    assert (rate.left, rate.right) == (Decimal("1e-18"), Decimal(10**18))


@pytest.mark.parametrize(
    ("amount", "code", "expected"),
    [
        ("1e60", "USD", "1" + "0" * 60 + ".00"),
        ("-" + "9" * 55 + ".5", "KRW", "-1" + "0" * 55),
        ("1" * 55 + ".0045", "BHD", "1" * 55 + ".005"),
    ],
)
def test_rounding_works_for_amounts_wider_than_the_precision(amount, code, expected):
    assert str(round_money(Money(Decimal(amount), code))) == expected
