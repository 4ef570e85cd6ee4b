"""The small result types a simulated or estimated distribution is written with: an amount at a
percentile, P5/P50/P95, a P5-P95 interval and a point of an exceedance curve. One definition
each, shared by assess, simulate, the history estimate and the portfolio."""

from __future__ import annotations

from decimal import Decimal

from breachcalc.contract import four_figures, out, result
from breachcalc.domain.money import Money


@result
class Percentile:
    """An amount at a percentile."""

    percentile: Decimal = out("The percentile, 0 to 100.")
    amount: Money = out("The amount at it.")


@result
class Percentiles:
    """P5, P50 and P95 of a simulated quantity."""

    p5: Money = out("The 5th percentile.")
    p50: Money = out("The median.")
    p95: Money = out("The 95th percentile.")


@result
class Interval:
    """P5 and P95 from a short simulation (only for files with ranges)."""

    p5: Money = out("The 5th percentile.")
    p95: Money = out("The 95th percentile.")


@result
class CurvePoint:
    """A point of an exceedance curve."""

    amount: Money = out("An amount.")
    probability: Decimal = out(
        "The probability that the loss exceeds it (four significant figures).", encode=four_figures
    )
