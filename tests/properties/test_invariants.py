"""Invariants checked over many generated breaches (hypothesis), against independent oracles."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from breachcalc.domain.exposure import compensation_exposure
from breachcalc.domain.money import Money, convert, minor_units, round_money
from breachcalc.input.breach import Breach
from breachcalc.input.values import Rate
from breachcalc.reference.tables import currency_minor_units

people = st.integers(min_value=0, max_value=10**10)
amounts = st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False)
shares = st.decimals(min_value=0, max_value=1, places=4, allow_nan=False, allow_infinity=False)
rate_sides = st.decimals(
    min_value=Decimal("0.0001"), max_value=10**6, places=4, allow_nan=False, allow_infinity=False
)
currencies = st.sampled_from(sorted(currency_minor_units()))


def breach(affected: int, parts: list[tuple[Decimal, Decimal]], rate: Rate | None = None) -> Breach:
    return Breach.model_validate(
        {
            "name": "generated",
            "affected": affected,
            "data_categories": ["names"],
            "compensation": {
                "currency": "KRW",
                "vouchers": [{"amount": amount, "redemption": share} for amount, share in parts],
            },
            "reporting": {"currency": "USD", "rates": [rate]} if rate else None,
        }
    )


part_lists = st.lists(st.tuples(amounts, shares), min_size=1, max_size=5)


@settings(max_examples=200, deadline=None)
@given(people, st.integers(min_value=0, max_value=10**6), part_lists)
def test_more_people_never_lowers_exposure(affected, extra, parts):
    smaller = compensation_exposure(breach(affected, parts)).total.amount
    larger = compensation_exposure(breach(affected + extra, parts)).total.amount
    assert larger >= smaller


@settings(max_examples=200, deadline=None)
@given(people, part_lists, st.integers(min_value=0, max_value=4), amounts)
def test_a_bigger_voucher_never_lowers_exposure(affected, parts, index, extra):
    index %= len(parts)
    bigger = list(parts)
    bigger[index] = (parts[index][0] + extra, parts[index][1])
    before = compensation_exposure(breach(affected, parts)).total.amount
    after = compensation_exposure(breach(affected, bigger)).total.amount
    assert after >= before


@settings(max_examples=300, deadline=None)
@given(people, part_lists)
def test_total_is_people_times_the_sum_of_parts(affected, parts):
    # Oracle: exact rational arithmetic with fractions.Fraction.
    expected = sum(Fraction(a) * Fraction(s) for a, s in parts) * affected
    exposure = compensation_exposure(breach(affected, parts))
    assert Fraction(exposure.total.amount) == expected
    assert sum(Fraction(p.total.amount) for p in exposure.parts) == expected


@settings(max_examples=500, deadline=None)
@given(amounts, rate_sides, rate_sides, currencies, currencies)
def test_conversion_and_rounding_within_half_a_minor_unit(amount, left, right, a, b):
    if a == b:
        return
    rate = Rate(left, a, right, b)
    shown = round_money(convert(Money(amount, a), b, (rate,)))
    exact = Fraction(amount) * Fraction(right) / Fraction(left)  # independent oracle
    half_unit = Fraction(1, 2 * 10 ** minor_units(b))
    assert abs(Fraction(shown) - exact) <= half_unit
    assert -shown.as_tuple().exponent == minor_units(b)


@settings(max_examples=300, deadline=None)
@given(people, part_lists, rate_sides)
def test_reporting_total_is_the_converted_total(affected, parts, usd_per_krw):
    rate = Rate(Decimal(1), "KRW", usd_per_krw, "USD")
    exposure = compensation_exposure(breach(affected, parts, rate))
    exact = Fraction(exposure.total.amount) * Fraction(usd_per_krw)
    assert abs(Fraction(round_money(exposure.total_reporting)) - exact) <= Fraction(1, 200)


@given(
    st.decimals(
        min_value=-(10**6), max_value=10**6, places=6, allow_nan=False, allow_infinity=False
    ),
    currencies,
)
def test_rounding_is_half_away_from_zero(amount, currency):
    shown = round_money(Money(amount, currency))
    assert round_money(Money(-amount, currency)) == -shown
    assert abs(shown - amount) <= Decimal(1).scaleb(-minor_units(currency)) / 2
