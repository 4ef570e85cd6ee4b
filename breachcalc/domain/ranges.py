"""Uncertain inputs: a fixed value, or a range with a stated distribution.

Three ways to write a number that is not known exactly, each with its "likely" value (the one
``assess`` reports) and its sampler (used by ``simulate``):

``{low: 0.2, likely: 0.4, high: 0.9}``
    Classic PERT: a beta distribution on [low, high] with shapes
    α = 1 + 4·(likely − low)/(high − low) and β = 1 + 4·(high − likely)/(high − low), so its
    mode is exactly ``likely`` and its mean is (low + 4·likely + high)/6. The likely value is
    the mode.

    pyfair's ``FairBetaPert`` is a different parameterisation: it keeps that mean but fixes the
    standard deviation at (high − low)/6 and solves for α and β, which moves the mode away from the
    value entered. For low 1e6, likely 5e6, high 2e7, classic PERT gives α 1.842, β 4.158, sd
    3,312,434 and mode 5,000,000; pyfair's gives α 2.045, β 4.615, sd 3,166,667 (4.4 % narrower) and
    mode 5,259,413 (5.2 % above the value entered); the 99th percentile falls from 15.34M to 14.97M.

``{low: 1e6, high: 2e7, distribution: lognormal}``
    A lognormal whose 5th and 95th percentiles are ``low`` and ``high`` (riskquant's convention for
    "a 90 % interval": everything goes well / everything goes wrong). μ = (ln low + ln high)/2,
    σ = (ln high − ln low)/(2 × 1.6448536…). Its tail goes above ``high`` on purpose: one trial in
    twenty does worse than the "bad case". The likely value is the median, √(low × high).

``{low: 0.1, high: 0.3, distribution: uniform}``
    Every value between low and high equally likely. The likely value is the midpoint.

A range with only low and high must say which of the two it is: the two readings differ a lot.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

Z95 = Decimal("1.6448536269514722")
"""The standard normal 95th percentile: a 90 % interval spans ±Z95 standard deviations."""


@dataclass(frozen=True)
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


def sample(
    value: Uncertain, rng: np.random.Generator, size: int
) -> npt.NDArray[np.float64] | float:
    """Draw ``size`` values (simulation only: floats are the sampler's native unit).

    An exact input is returned as one float, which numpy broadcasts; a range draws an array.
    """
    import numpy as np

    if not isinstance(value, Range):
        return float(value)
    low, high = float(value.low), float(value.high)
    if value.distribution == "uniform":
        return rng.uniform(low, high, size)
    if value.distribution == "lognormal":
        mu, sigma = value.lognormal_parameters()
        return rng.lognormal(float(mu), float(sigma), size)
    if high == low:
        return np.full(size, low)
    alpha, beta = value.pert_shape()
    return low + (high - low) * rng.beta(float(alpha), float(beta), size)
