"""Money: exact amounts, ISO 4217 minor units, exchange rates and the one rounding rule.

Every amount is a :class:`~decimal.Decimal` from the input to the moment it is presented.
Arithmetic runs in a context of :data:`PRECISION` significant digits, so products and sums of
breach-sized figures are exact; only a conversion whose rate does not divide evenly leaves a
remainder, and that is carried at full precision until :func:`round_money`.
"""

from __future__ import annotations

import decimal
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from breachcalc.contract import record
from breachcalc.input.values import Rate
from breachcalc.reference.tables import currency_minor_units

PRECISION = 50
"""Significant digits for all money arithmetic (a 10^18 amount times a rate needs under 40)."""

MONEY_CONTEXT = decimal.Context(
    prec=PRECISION,
    rounding=ROUND_HALF_UP,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)


@record
class Money:
    """An exact amount in one currency (ISO 4217 code)."""

    amount: Decimal
    currency: str

    def times(self, factor: Decimal | int) -> Money:
        """This amount multiplied exactly by ``factor`` (a count of people, a share)."""
        return Money(MONEY_CONTEXT.multiply(self.amount, Decimal(factor)), self.currency)

    def plus(self, other: Money) -> Money:
        """The exact sum; both amounts must be in the same currency."""
        if other.currency != self.currency:
            raise ValueError(f"cannot add {other.currency} to {self.currency}")
        return Money(MONEY_CONTEXT.add(self.amount, other.amount), self.currency)


def zero(currency: str) -> Money:
    """Nothing, in ``currency``."""
    return Money(Decimal(0), currency)


def minor_units(currency: str) -> int:
    """Decimal places of ``currency`` by ISO 4217 (KRW 0, USD 2, BHD 3).

    Raises:
        KeyError: the code is not in the shipped ISO 4217 table.
    """
    found = currency_minor_units().get(currency)
    if found is None:  # a withdrawn code: only the history holds amounts in one
        from breachcalc.reference.tables import withdrawn_minor_units

        return withdrawn_minor_units()[currency]
    return found


def round_money(money: Money) -> Decimal:
    """Round for presentation to the currency's ISO 4217 minor unit, halves away from zero.

    Half away from zero ("round half up" in :mod:`decimal`) is the commercial convention, and the
    rule the EU set for currency conversions (Council Regulation (EC) No 1103/97, Art. 5: "sums
    ... shall be rounded up or down to the nearest cent", a half rounded up). This is the only
    place an amount is rounded; results are computed unrounded.
    """
    return round_places(money.amount, minor_units(money.currency))


def round_places(value: Decimal, places: int) -> Decimal:
    """``value`` rounded to ``places`` decimal places, halves away from zero, however large.

    A quantize needs as many significant digits as the result has; an amount above
    10^(PRECISION - places) (a huge figure through an extreme rate) gets a context that wide
    instead of an InvalidOperation.
    """
    context = MONEY_CONTEXT
    digits = value.adjusted() + places + 2
    if value.is_finite() and digits > context.prec:
        context = context.copy()
        context.prec = digits
    return value.quantize(_quantum(places), rounding=ROUND_HALF_UP, context=context)


@cache
def _quantum(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


def format_money(money: Money, *, code: bool = True) -> str:
    """``1,853,500,000,000 KRW``, ``1,280,600,000.00 USD``: rounded, grouped, with its code."""
    text = f"{round_money(money):,}"
    return f"{text} {money.currency}" if code else text


def convert(money: Money, to: str, rates: tuple[Rate, ...]) -> Money:
    """``money`` in currency ``to`` by the direct rate between the two currencies.

    Raises:
        LookupError: no rate connects the two currencies (the input validation prevents this).
    """
    have = money.currency
    if have == to:
        return money
    for rate in rates:  # the rate whose pair is {have, to} (compared without building sets)
        left, right = rate.left_currency, rate.right_currency
        if (left == have and right == to) or (left == to and right == have):
            return _by_rate(rate, money, to)
    raise LookupError(f"no exchange rate between {money.currency} and {to}")


def _by_rate(self: Rate, money: Money, to: str) -> Money:
    """``money`` in currency ``to``, exact to :data:`PRECISION` digits."""
    if money.currency == self.left_currency and to == self.right_currency:
        num, den = self.right, self.left
    elif money.currency == self.right_currency and to == self.left_currency:
        num, den = self.left, self.right
    else:
        raise ValueError(f"rate {self} does not convert {money.currency} to {to}")
    product = MONEY_CONTEXT.multiply(money.amount, num)
    return Money(MONEY_CONTEXT.divide(product, den), to)
