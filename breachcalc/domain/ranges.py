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

from typing import TYPE_CHECKING

from breachcalc.input.values import Range, Uncertain

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


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
