"""Money: exact amounts, ISO 4217 minor units, exchange rates and the one rounding rule.

Every amount is a :class:`~decimal.Decimal` from the input to the moment it is presented.
Arithmetic runs in a context of :data:`PRECISION` significant digits, so products and sums of
breach-sized figures are exact; only a conversion whose rate does not divide evenly leaves a
remainder, and that is carried at full precision until :func:`round_money`.
"""

from __future__ import annotations

import decimal
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from breachcalc import limits
from breachcalc.errors import cut, shown
from breachcalc.reference.tables import currency_minor_units

PRECISION = 50
"""Significant digits for all money arithmetic (a 10^18 amount times a rate needs under 40)."""

MONEY_CONTEXT = decimal.Context(
    prec=PRECISION,
    rounding=ROUND_HALF_UP,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)


@dataclass(frozen=True)
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


_RATE = re.compile(
    r"^\s*(?P<a>[0-9][0-9,_]*(?:\.[0-9]+)?)\s*(?P<ca>[A-Za-z]{3})\s*=\s*"
    r"(?P<b>[0-9][0-9,_]*(?:\.[0-9]+)?)\s*(?P<cb>[A-Za-z]{3})\s*$"
)
_SMALLEST_SIDE = Decimal(1).scaleb(-limits.MAX_EXPONENT)
_GROUPED = re.compile(r"^[0-9]{1,3}(?:[,_][0-9]{3})*(?:\.[0-9]+)?$|^[0-9]+(?:\.[0-9]+)?$")


@dataclass(frozen=True)
class Rate:
    """An exchange rate written as an equation, so its direction cannot be misread.

    ``38 USD = 55000 KRW`` says that 38 dollars buy 55,000 won. Converting multiplies by the
    right-hand side and divides by the left-hand side (or the reverse), exactly.
    """

    left: Decimal
    left_currency: str
    right: Decimal
    right_currency: str

    @classmethod
    def parse(cls, text: str) -> Rate:
        """Read ``"<amount> <CODE> = <amount> <CODE>"`` (thousands separators allowed).

        Raises:
            ValueError: with a message that shows the expected form.
        """
        match = _RATE.match(text)
        if not match:
            raise ValueError(
                f"cannot read exchange rate {cut(text)!r}; write it as an equation "
                "such as `1 USD = 1,440 KRW`"
            )
        amounts = []
        for key in ("a", "b"):
            figure = match[key]
            if not _GROUPED.match(figure):
                raise ValueError(
                    f"cannot read {cut(figure)!r} in exchange rate {cut(text)!r}; group "
                    "thousands in threes, e.g. 1,440.5"
                )
            amount = Decimal(figure.replace(",", "").replace("_", ""))
            if amount and not _SMALLEST_SIDE <= amount <= limits.MAX_AMOUNT:
                raise ValueError(
                    f"exchange rate {shown(text)!r}: {shown(figure)} is outside the supported "
                    f"range (1e-{limits.MAX_EXPONENT} to 1e{limits.MAX_EXPONENT}, "
                    "limit MAX_EXPONENT)"
                )
            amounts.append(amount)
        left_ccy, right_ccy = match["ca"].upper(), match["cb"].upper()
        if left_ccy == right_ccy:
            raise ValueError(f"exchange rate {cut(text)!r} has {left_ccy} on both sides")
        if not amounts[0] or not amounts[1]:
            raise ValueError(f"exchange rate {cut(text)!r} has a zero side; both must be above 0")
        return cls(amounts[0], left_ccy, amounts[1], right_ccy)

    def pair(self) -> frozenset[str]:
        """The two currencies this rate connects."""
        return frozenset((self.left_currency, self.right_currency))

    def convert(self, money: Money, to: str) -> Money:
        """``money`` in currency ``to``, exact to :data:`PRECISION` digits."""
        if money.currency == self.left_currency and to == self.right_currency:
            num, den = self.right, self.left
        elif money.currency == self.right_currency and to == self.left_currency:
            num, den = self.left, self.right
        else:
            raise ValueError(f"rate {self} does not convert {money.currency} to {to}")
        product = MONEY_CONTEXT.multiply(money.amount, num)
        return Money(MONEY_CONTEXT.divide(product, den), to)

    def __str__(self) -> str:
        return f"{self.left:,} {self.left_currency} = {self.right:,} {self.right_currency}"


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
            return rate.convert(money, to)
    raise LookupError(f"no exchange rate between {money.currency} and {to}")
