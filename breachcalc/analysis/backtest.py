"""Leave-one-out back-test of the history model, against two baselines.

For each past breach the model learns from, fit on all the others, predict its public-outcome
total from its facts alone (people, data categories, jurisdictions, year), and record where the
actual total fell in the predicted distribution. Reported:

* coverage of the P5-P95 and P25-P75 intervals (a calibrated model covers about 90 % and 50 %);
* the median P95/P5 width (how much the interval says);
* the mean CRPS of log10 of the total, a proper score (lower is better), against
  - **DBIR 2015**: Verizon's log-log fit, cost = 3,618 × records^0.4236 (the exponent derived
    from the DBIR 2015 table as quoted in ``costs.md``), with a lognormal spread fitted on the
    same training cases;
  - **per person**: one constant cost per person fitted on the same training cases (the
    geometric mean of total ÷ people), with its spread.

Everything is seeded: the same history gives the same figures.
"""

from __future__ import annotations

import math
from decimal import Decimal
from statistics import NormalDist
from typing import TYPE_CHECKING

from breachcalc.analysis.history import (
    MODEL,
    Observed,
    case_day,
    fit,
    priors_for,
    training_set,
)
from breachcalc.contract import computed, four_places, out, result, whole
from breachcalc.domain.priors import draw_priors
from breachcalc.reference.history import history_compiled

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

TRIALS = 4_000
"""Draws per left-out case."""

DBIR_INTERCEPT = math.log10(3618)
DBIR_SLOPE = 0.4236
"""DBIR 2015 log-log model, in log10: log10 cost = log10 3,618 + 0.4236 × log10 records."""

Z95 = NormalDist().inv_cdf(0.95)


@result
class Prediction:
    """One left-out breach: its actual public total and the model's prediction, US dollars."""

    id: str = out("The breach's id in the history.")
    organisation: str = out("Who was breached.")
    year: int = out("The year it was discovered.")
    people: int = out("How many it concerned.")
    actual: float = out("Its actual public outcomes.", key="actual_usd", encode=whole)
    p5: float = out("The prediction's 5th percentile.", key="p5_usd", encode=whole)
    p25: float = out("The prediction's 25th percentile.", key="p25_usd", encode=whole)
    p50: float = out("The prediction's median.", key="p50_usd", encode=whole)
    p75: float = out("The prediction's 75th percentile.", key="p75_usd", encode=whole)
    p95: float = out("The prediction's 95th percentile.", key="p95_usd", encode=whole)
    crps: float = out("CRPS of the log10 total, the model.", encode=four_places)
    crps_dbir: float = out("CRPS of the log10 total, DBIR 2015 log-log.", encode=four_places)
    crps_per_person: float = out(
        "CRPS of the log10 total, one cost per person.", encode=four_places
    )

    @property
    @computed("The actual total is within P5-P95.", after="p95")
    def in_p5_p95(self) -> bool:
        """Within P5-P95."""
        return self.p5 <= self.actual <= self.p95

    @property
    @computed("The actual total is within P25-P75.", after="p95")
    def in_p25_p75(self) -> bool:
        """Within P25-P75."""
        return self.p25 <= self.actual <= self.p75

    @property
    @computed(
        "How far outside P5-P95 it fell, in powers of ten (0 inside), to four decimals.",
        after="p95",
    )
    def miss_decades(self) -> Decimal:
        """:attr:`miss` to four decimals."""
        return four_places(self.miss)

    @property
    def miss(self) -> float:
        """How far outside P5-P95 the actual fell, in powers of ten (0 when inside)."""
        if self.actual < self.p5:
            return math.log10(self.p5 / self.actual)
        if self.actual > self.p95:
            return math.log10(self.actual / self.p95)
        return 0.0


@result
class Backtest:
    """Leave-one-out back-test of the history model against two baselines."""

    model: str = out("The model's name and version.")
    fitted_on: str = out("The date of the data.")
    cases: int = out("How many breaches were left out in turn.")
    trials: int = out("Trials per prediction.")
    coverage_p5_p95: Decimal = out("Share of breaches whose actual total is within P5-P95.")
    coverage_p25_p75: Decimal = out("Share of breaches whose actual total is within P25-P75.")
    median_p95_over_p5: Decimal = out("Median of P95 / P5.")
    crps_log10: Decimal = out("Mean CRPS of the log10 total, the model.")
    crps_log10_dbir_2015: Decimal = out("Mean CRPS of the log10 total, DBIR 2015 log-log.")
    crps_log10_per_person: Decimal = out("Mean CRPS of the log10 total, one cost per person.")
    predictions: tuple[Prediction, ...] = out("Every left-out breach's prediction.")

    @property
    @computed("The five breaches furthest outside their P5-P95.", after="crps_log10_per_person")
    def worst(self) -> tuple[str, ...]:
        """The ids of :meth:`worst_predictions`."""
        return tuple(p.id for p in self.worst_predictions())

    def worst_predictions(self, count: int = 5) -> list[Prediction]:
        """The cases furthest outside their P5-P95 interval."""
        return sorted(self.predictions, key=lambda p: (-p.miss, p.id))[:count]


def crps_samples(samples: npt.NDArray[np.float64], value: float) -> float:
    """CRPS of an empirical distribution at ``value``: E|X − y| − ½ E|X − X'| (sorted form)."""
    import numpy as np

    ordered = np.sort(samples)
    n = len(ordered)
    index = np.arange(1, n + 1)
    spread = 2.0 * float(np.sum((2 * index - n - 1) * ordered)) / (n * n)
    return float(np.mean(np.abs(ordered - value))) - 0.5 * spread


def crps_normal(mu: float, sigma: float, value: float) -> float:
    """CRPS of Normal(mu, sigma) at ``value`` (Gneiting and Raftery 2007, closed form)."""
    normal = NormalDist()
    z = (value - mu) / sigma
    return sigma * (z * (2 * normal.cdf(z) - 1) + 2 * normal.pdf(z) - 1 / math.sqrt(math.pi))


def _baseline(train: list[Observed], case: Observed, intercept: float | None) -> float:
    """CRPS in log10 of a log-linear baseline: DBIR's fixed line (``intercept`` None) or one
    cost per person (slope 1, intercept fitted); spread fitted on the training cases."""

    def line(obs: Observed, c: float) -> float:
        people = math.log10(obs.facts.people)
        return c + people if intercept is not None else DBIR_INTERCEPT + DBIR_SLOPE * people

    c = 0.0
    if intercept is not None:
        c = sum(math.log10(o.total) - math.log10(o.facts.people) for o in train) / len(train)
    residuals = [math.log10(o.total) - line(o, c) for o in train]
    sigma = math.sqrt(sum(r * r for r in residuals) / len(residuals))
    return crps_normal(line(case, c), sigma, math.log10(case.total))


def predict(train: list[Observed], case: Observed, seed: int) -> Prediction:
    """Fit on ``train``; predict ``case``'s total from its facts."""
    import numpy as np

    model = fit(train)
    priors = priors_for(case.facts, model, case_day(case.case))
    rng = np.random.default_rng(seed)
    total = np.sum(draw_priors(priors, rng, TRIALS), axis=0)
    p5, p25, p50, p75, p95 = (float(v) for v in np.percentile(total, [5, 25, 50, 75, 95]))
    logs = np.log10(np.maximum(total, 1.0))
    return Prediction(
        id=case.case.id,
        organisation=case.case.organisation,
        year=case.case.year,
        people=case.facts.people,
        actual=case.total,
        p5=p5,
        p25=p25,
        p50=p50,
        p75=p75,
        p95=p95,
        crps=crps_samples(logs, math.log10(case.total)),
        crps_dbir=_baseline(train, case, None),
        crps_per_person=_baseline(train, case, 0.0),
    )


def _d(value: float, places: str) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal(places))


def backtest() -> Backtest:
    """Leave-one-out over the shipped history (seed = the case's position)."""
    cases = training_set()
    found = []
    for index, case in enumerate(cases):
        train = cases[:index] + cases[index + 1 :]
        found.append(predict(train, case, index))
    n = len(found)
    widths = sorted(p.p95 / p.p5 if p.p5 > 0 else math.inf for p in found)
    middle = widths[n // 2] if n % 2 else (widths[n // 2 - 1] + widths[n // 2]) / 2
    return Backtest(
        model=MODEL,
        fitted_on=history_compiled(),
        cases=n,
        trials=TRIALS,
        coverage_p5_p95=_d(sum(p.in_p5_p95 for p in found) / n, "0.001"),
        coverage_p25_p75=_d(sum(p.in_p25_p75 for p in found) / n, "0.001"),
        median_p95_over_p5=_d(middle, "0.1"),
        crps_log10=_d(sum(p.crps for p in found) / n, "0.0001"),
        crps_log10_dbir_2015=_d(sum(p.crps_dbir for p in found) / n, "0.0001"),
        crps_log10_per_person=_d(sum(p.crps_per_person for p in found) / n, "0.0001"),
        predictions=tuple(found),
    )
