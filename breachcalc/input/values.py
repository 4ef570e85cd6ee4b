"""Values a file writes that are more than a number: an exchange rate and an uncertain input.

:class:`Rate` is an exchange rate written as an equation; :class:`Range` an input that is not
known exactly (:mod:`breachcalc.domain.ranges` describes the three kinds and draws them).
"""

from __future__ import annotations

import re
from decimal import Decimal

from breachcalc import limits
from breachcalc.contract import record
from breachcalc.errors import cut, shown

_RATE = re.compile(
    r"^\s*(?P<a>[0-9][0-9,_]*(?:\.[0-9]+)?)\s*(?P<ca>[A-Za-z]{3})\s*=\s*"
    r"(?P<b>[0-9][0-9,_]*(?:\.[0-9]+)?)\s*(?P<cb>[A-Za-z]{3})\s*$"
)
_SMALLEST_SIDE = Decimal(1).scaleb(-limits.MAX_EXPONENT)
_GROUPED = re.compile(r"^[0-9]{1,3}(?:[,_][0-9]{3})*(?:\.[0-9]+)?$|^[0-9]+(?:\.[0-9]+)?$")


@record
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

    def __str__(self) -> str:
        return f"{self.left:,} {self.left_currency} = {self.right:,} {self.right_currency}"


Z95 = Decimal("1.6448536269514722")
"""The standard normal 95th percentile: a 90 % interval spans ±Z95 standard deviations."""


@record
class Range:
    """An uncertain input.

    Attributes:
        low: lower end (PERT and uniform: the minimum; lognormal: the 5th percentile).
        likely: PERT's mode, or None for the two-point distributions.
        high: upper end (PERT and uniform: the maximum; lognormal: the 95th percentile).
        distribution: ``pert``, ``lognormal`` or ``uniform``.
        whole: draws are counts of people (the likely value must be whole).
    """

    low: Decimal
    likely: Decimal | None
    high: Decimal
    distribution: str
    whole: bool = False

    def point(self) -> Decimal:
        """The value ``assess`` reports: PERT mode, lognormal median, uniform midpoint."""
        if self.distribution == "pert":
            assert self.likely is not None
            return self.likely
        if self.distribution == "lognormal":
            median = (self.low * self.high).sqrt()
            return median.to_integral_value() if self.whole else median
        mid = (self.low + self.high) / 2
        return mid.to_integral_value() if self.whole else mid

    def mean(self) -> Decimal:
        """The distribution's mean (PERT: (low + 4·likely + high)/6)."""
        if self.distribution == "pert":
            assert self.likely is not None
            return (self.low + 4 * self.likely + self.high) / 6
        if self.distribution == "uniform":
            return (self.low + self.high) / 2
        mu, sigma = self.lognormal_parameters()
        return (mu + sigma * sigma / 2).exp()

    def pert_shape(self) -> tuple[Decimal, Decimal]:
        """Classic PERT α and β (γ = 4)."""
        assert self.likely is not None
        width = self.high - self.low
        return (1 + 4 * (self.likely - self.low) / width, 1 + 4 * (self.high - self.likely) / width)

    def lognormal_parameters(self) -> tuple[Decimal, Decimal]:
        """μ and σ of the underlying normal, from the 5th/95th percentiles ``low`` and ``high``."""
        ln_low, ln_high = self.low.ln(), self.high.ln()
        return (ln_low + ln_high) / 2, (ln_high - ln_low) / (2 * Z95)

    def describe(self) -> str:
        """``PERT(0.2, 0.4, 0.9)``, ``lognormal 90% [1e6, 2e7]``, ``uniform [0.1, 0.3]``."""
        if self.distribution == "pert":
            return f"PERT({self.low:,}, {self.likely:,}, {self.high:,})"
        if self.distribution == "lognormal":
            return f"lognormal, 90% in [{self.low:,}, {self.high:,}]"
        return f"uniform [{self.low:,}, {self.high:,}]"


Uncertain = Decimal | int | Range
"""A numeric input: exact, or a :class:`Range`."""


def point(value: Uncertain) -> Decimal:
    """The likely value of an input (itself when exact)."""
    return value.point() if isinstance(value, Range) else Decimal(value)
