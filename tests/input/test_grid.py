"""The sweep's axes (input/grid.py): stepped values exact and read lazily, combinations in order."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from breachcalc.input.grid import parse_axis, stepped


def test_stepped_values_are_exact_and_include_stop():
    assert stepped(Decimal("0.1"), Decimal("1"), Decimal("0.1"))[-1] == Decimal("1.0")
    assert len(stepped(Decimal("0.1"), Decimal("1"), Decimal("0.1"))) == 10
    assert stepped(Decimal(1), Decimal(10), Decimal(4)) == [1, 5, 9]


def test_axis_lists_and_ranges():
    assert parse_axis("compensation.amount=30000,50000").values == (30000, 50000)
    assert parse_axis("affected=1000:3000:1000").values == (1000, 2000, 3000)


def _eager(text: str) -> list[Any]:
    """What parse_axis gave before: every stepped value computed at once."""
    from breachcalc.input.grid import _RANGE

    spec = text.partition("=")[2]
    match = _RANGE.match(spec)
    assert match
    start, stop, step = (Decimal(g.replace("_", "")) for g in match.groups())
    count = int((stop - start) / step) + 1
    values = [start + step * i for i in range(count)]
    return [int(v) if v == v.to_integral_value() and "." not in spec else v for v in values]


@pytest.mark.parametrize(
    "text",
    [
        "affected=1:10:1",
        "affected=1e6:4e7:1e6",
        "affected=1:2:0.5",
        "affected=-3:3:1.5",
        "affected=1_000:3_000:1_000",
        "compensation.redemption=0:1:0.001",
        "compensation.amount=1.10:20.0:0.7",
        "affected=123456789012345678901234567890:123456789012345678901234567899:1",
    ],
)
def test_stepped_values_are_the_values_a_list_would_hold(text):
    lazy = parse_axis(text).values
    eager = _eager(text)
    assert [(type(v), repr(v)) for v in lazy] == [(type(v), repr(v)) for v in eager]
    assert len(lazy) == len(eager) and lazy[-1] == eager[-1] and lazy[1:3] == tuple(eager[1:3])


def test_combinations_come_in_product_order_without_copying_the_axes():
    import itertools

    from breachcalc.input.grid import combinations

    axes = [parse_axis(t) for t in ["affected=1:4:1", "name=a,b,c", "probability=0.5:1:0.25"]]
    expected = list(itertools.product(*(tuple(a.values) for a in axes)))
    assert list(combinations(axes)) == expected
    assert list(combinations([])) == [()]
    big = parse_axis("affected=1:1000000:1").values
    assert type(big).__name__ == "Stepped" and len(big) == 1_000_000 and big[999_999] == 1_000_000
