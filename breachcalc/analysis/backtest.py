"""Leave-one-out back-test of the history model, per group, against three baselines.

For each past breach whose public-outcome total is known (no line pending), fit on all the
others, predict its total from its facts alone (people, data categories, jurisdictions, year,
turnover where known, circumstances), and record where the actual total fell. A breach that
came into the history because something was paid (``curated``) is predicted *given some public
outcome* (that is how it was chosen); one chosen by the selection rule (``tracker``) is
predicted as a new breach is, with its chance of no public outcome. Reported overall and for
the groups of ``reference/data/regions.toml`` (US, UK/EU, KR, rest):

* coverage of P5-P95 and P25-P75; the median P95/P5 over the cases whose P5 is above zero;
* the mean CRPS of log10(1 + total in USD), a proper score (lower is better; a zero is 0), for
  the model and three baselines fitted on the same training cases:
  - **DBIR 2015**: Verizon's log-log line, cost = 3,618 × records^0.4236, with a normal spread
    in log10 fitted on the training totals above zero;
  - **per person**: one constant cost per person (geometric mean), with its spread;
  - **hurdle-lognormal/1**: the previous model as shipped (:mod:`.history.baseline`, frozen);
* the chance of no public outcome, predicted against observed, over the tracker breaches, in
  bins of the predicted chance.

Everything is deterministic (lattice draws): the same history gives the same figures.
"""

from __future__ import annotations

import math
from decimal import Decimal
from itertools import pairwise
from statistics import NormalDist

from breachcalc.analysis.history import baseline
from breachcalc.analysis.history.estimate import chance_of_none, priors_for
from breachcalc.analysis.history.features import Observed, case_day, fine_unit, training_set
from breachcalc.analysis.history.fit import MODEL, fit, rows_of
from breachcalc.contract import computed, four_places, out, result, whole
from breachcalc.domain.priors import POINTS, HistoryPrior, lattice_total, sorted_percentiles
from breachcalc.reference.history import history_compiled
from breachcalc.reference.tables import backtest_groups

DBIR_INTERCEPT = math.log10(3618)
DBIR_SLOPE = 0.4236
"""DBIR 2015 log-log model, in log10: log10 cost = log10 3,618 + 0.4236 × log10 records."""

ZERO_BINS = (0.0, 0.25, 0.5, 0.75, 0.9, 1.0)
"""Bins of the predicted chance of no public outcome for its calibration."""


@result
class Prediction:
    """One left-out breach: its actual public total and the model's prediction, US dollars."""

    id: str = out("The breach's id in the history.")
    organisation: str = out("Who was breached.")
    year: int = out("The year it was discovered.")
    people: int = out("How many it concerned.")
    group: str = out("Its back-test group: US, UK/EU, KR or rest.")
    selection: str = out(
        "How it came into the history: `tracker` or `curated` (`curated+rule` where the "
        "selection rule also chooses it)."
    )
    actual: float = out("Its actual public outcomes.", key="actual_usd", encode=whole)
    chance_of_no_public_outcome: float = out(
        "The predicted chance of no public outcome, to four decimals.", encode=four_places
    )
    p5: float = out("The prediction's 5th percentile.", key="p5_usd", encode=whole)
    p25: float = out("The prediction's 25th percentile.", key="p25_usd", encode=whole)
    p50: float = out("The prediction's median.", key="p50_usd", encode=whole)
    p75: float = out("The prediction's 75th percentile.", key="p75_usd", encode=whole)
    p95: float = out("The prediction's 95th percentile.", key="p95_usd", encode=whole)
    crps: float = out("CRPS of log10(1 + total), the model.", encode=four_places)
    crps_dbir: float = out("CRPS of log10(1 + total), DBIR 2015 log-log.", encode=four_places)
    crps_per_person: float = out(
        "CRPS of log10(1 + total), one cost per person.", encode=four_places
    )
    crps_previous: float = out(
        "CRPS of log10(1 + total), the previous model hurdle-lognormal/1.", encode=four_places
    )
    previous_p5: float = out(
        "The previous model's 5th percentile (given some outcome).",
        key="previous_p5_usd",
        encode=whole,
    )
    previous_p95: float = out(
        "The previous model's 95th percentile.", key="previous_p95_usd", encode=whole
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
        """How far outside P5-P95 the actual fell, in powers of ten of (1 + USD)."""
        if self.actual < self.p5:
            return math.log10((1 + self.p5) / (1 + self.actual))
        if self.actual > self.p95:
            return math.log10((1 + self.actual) / (1 + self.p95))
        return 0.0


@result
class Scores:
    """The back-test's figures over one group of breaches."""

    group: str = out("`all`, or the group: US, UK/EU, KR, rest.")
    cases: int = out("How many breaches.")
    coverage_p5_p95: Decimal = out("Share within P5-P95.")
    coverage_p25_p75: Decimal = out("Share within P25-P75.")
    median_p95_over_p5: Decimal | None = out(
        "Median P95/P5 over the cases whose P5 is above zero (null without one).",
    )
    zero_p5: int = out("Cases whose P5 is zero (a chance of no public outcome above 5%).")
    crps_log10: Decimal = out("Mean CRPS of log10(1 + total), the model.")
    crps_log10_dbir_2015: Decimal = out("The same, DBIR 2015 log-log.")
    crps_log10_per_person: Decimal = out("The same, one cost per person.")
    crps_log10_previous: Decimal = out("The same, the previous model hurdle-lognormal/1 (frozen).")
    coverage_p5_p95_previous: Decimal = out("Share within the previous model's P5-P95.")
    median_p95_over_p5_previous: Decimal = out("Median P95/P5 of the previous model.")


@result
class ZeroBin:
    """Calibration of the chance of no public outcome over the breaches the selection rule
    chooses, in one bin."""

    low: Decimal = out("The bin's lowest predicted chance.")
    high: Decimal = out("The bin's highest predicted chance.")
    cases: int = out("Breaches chosen by the rule in the bin.")
    predicted: Decimal | None = out("Their mean predicted chance (null when empty).")
    observed: Decimal | None = out("Their observed share with no public outcome.")


@result
class Backtest:
    """Leave-one-out back-test of the history model, per group, against three baselines."""

    model: str = out("The model's name and version.")
    fitted_on: str = out("The date of the data.")
    cases: int = out("How many breaches were left out in turn.")
    trials: int = out("Deterministic draws per prediction.")
    coverage_p5_p95: Decimal = out("Share within P5-P95, all cases.")
    coverage_p25_p75: Decimal = out("Share within P25-P75, all cases.")
    median_p95_over_p5: Decimal | None = out("Median P95/P5 over the cases whose P5 is above zero.")
    crps_log10: Decimal = out("Mean CRPS of log10(1 + total), the model.")
    crps_log10_dbir_2015: Decimal = out("The same, DBIR 2015 log-log.")
    crps_log10_per_person: Decimal = out("The same, one cost per person.")
    crps_log10_previous: Decimal = out("The same, the previous model hurdle-lognormal/1.")
    groups: tuple[Scores, ...] = out("The figures overall and per group.")
    zero_share_predicted: Decimal | None = out(
        "Mean predicted chance of no public outcome over the breaches the selection rule "
        "chooses (null: none).",
    )
    zero_share_observed: Decimal | None = out("Observed share of them with no public outcome.")
    zero_bins: tuple[ZeroBin, ...] = out("Calibration of the chance of zero, by bin.")
    predictions: tuple[Prediction, ...] = out("Every left-out breach's prediction.")

    @property
    @computed("The five breaches furthest outside their P5-P95.", after="zero_bins")
    def worst(self) -> tuple[str, ...]:
        """The ids of :meth:`worst_predictions`."""
        return tuple(p.id for p in self.worst_predictions())

    def worst_predictions(self, count: int = 5) -> list[Prediction]:
        """The cases furthest outside their P5-P95 interval."""
        return sorted(self.predictions, key=lambda p: (-p.miss, p.id))[:count]


def group_of(codes: tuple[str, ...]) -> str:
    """The back-test group of a breach with jurisdictions ``codes``."""
    units = {fine_unit(c) for c in codes}
    for key, members in backtest_groups():
        if units & members:
            return key
    return "rest"


def crps_sorted(ordered: list[float], value: float) -> float:
    """CRPS of an empirical distribution (sorted) at ``value``: E|X − y| − ½ E|X − X'|."""
    n = len(ordered)
    spread = 2.0 * math.fsum((2 * i - n + 1) * x for i, x in enumerate(ordered)) / (n * n)
    return math.fsum(abs(x - value) for x in ordered) / n - 0.5 * spread


def crps_normal(mu: float, sigma: float, value: float) -> float:
    """CRPS of Normal(mu, sigma) at ``value`` (Gneiting and Raftery 2007, closed form)."""
    normal = NormalDist()
    z = (value - mu) / sigma
    return sigma * (z * (2 * normal.cdf(z) - 1) + 2 * normal.pdf(z) - 1 / math.sqrt(math.pi))


def _log(total: float) -> float:
    return math.log10(1.0 + total)


def _baseline(train: list[Observed], case: Observed, per_person: bool) -> float:
    """CRPS of a log-linear baseline fitted on the training totals above zero: DBIR's fixed
    line, or one cost per person (slope 1, level fitted); spread fitted likewise."""
    paid = [o for o in train if o.total > 0]

    def line(obs: Observed, c: float) -> float:
        people = math.log10(obs.facts.people)
        return c + people if per_person else DBIR_INTERCEPT + DBIR_SLOPE * people

    c = 0.0
    if per_person:
        c = sum(math.log10(o.total) - math.log10(o.facts.people) for o in paid) / len(paid)
    residuals = [math.log10(o.total) - line(o, c) for o in paid]
    sigma = math.sqrt(sum(r * r for r in residuals) / len(residuals))
    return crps_normal(line(case, c), sigma, _log(case.total))


def _total(priors: tuple[HistoryPrior, ...], given_any: bool) -> list[float]:
    return lattice_total(priors, 1.0, given_any)


def predict(
    train: list[Observed], case: Observed, rows: list[list[object]] | None = None
) -> Prediction:
    """Fit on ``train``; predict ``case``'s total from its facts."""
    model = fit(train, rows)  # type: ignore[arg-type]
    day = case_day(case.case)
    curated = case.facts.curated
    priors = priors_for(case.facts, model, day)
    total = _total(priors, curated)
    zero = 0.0 if curated else chance_of_none(priors)
    qs = sorted_percentiles(total, (5, 25, 50, 75, 95))
    p5, p25, p50, p75, p95 = (
        0.0 if q / 100 <= zero else v for q, v in zip((5, 25, 50, 75, 95), qs, strict=True)
    )
    previous = _total(baseline.priors(case.facts, day), True)
    before = sorted_percentiles(previous, (5, 95))
    actual = _log(case.total)
    return Prediction(
        id=case.case.id,
        organisation=case.case.organisation,
        year=case.case.year,
        people=case.facts.people,
        group=group_of(case.case.jurisdictions),
        selection=case.case.selection
        + ("+rule" if case.case.by_rule and case.case.selection == "curated" else ""),
        actual=case.total,
        chance_of_no_public_outcome=zero,
        p5=p5,
        p25=p25,
        p50=p50,
        p75=p75,
        p95=p95,
        crps=crps_sorted([_log(v) for v in total], actual),
        crps_dbir=_baseline(train, case, False),
        crps_per_person=_baseline(train, case, True),
        crps_previous=crps_sorted([_log(v) for v in previous], actual),
        previous_p5=before[0],
        previous_p95=before[1],
    )


def _d(value: float, places: str) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal(places))


def _median(values: list[float]) -> float | None:
    """The median of ``values`` (the mean of the middle two of an even count); None of none."""
    ordered = sorted(values)
    k = len(ordered)
    if not k:
        return None
    return ordered[k // 2] if k % 2 else (ordered[k // 2 - 1] + ordered[k // 2]) / 2


def scores(group: str, found: list[Prediction]) -> Scores:
    """The figures over ``found``."""
    n = len(found)

    def mean(values: list[float]) -> Decimal:
        return _d(math.fsum(values) / n, "0.0001")

    def share(values: list[bool]) -> Decimal:
        return _d(sum(values) / n, "0.001")

    width = _median([p.p95 / p.p5 for p in found if p.p5 > 0])
    before = _median([p.previous_p95 / p.previous_p5 for p in found if p.previous_p5 > 0])
    assert before is not None  # the previous model, given some outcome, never has a zero P5
    return Scores(
        group=group,
        cases=n,
        coverage_p5_p95=share([p.in_p5_p95 for p in found]),
        coverage_p25_p75=share([p.in_p25_p75 for p in found]),
        median_p95_over_p5=None if width is None else _d(width, "0.1"),
        zero_p5=sum(1 for p in found if p.p5 == 0),
        crps_log10=mean([p.crps for p in found]),
        crps_log10_dbir_2015=mean([p.crps_dbir for p in found]),
        crps_log10_per_person=mean([p.crps_per_person for p in found]),
        crps_log10_previous=mean([p.crps_previous for p in found]),
        coverage_p5_p95_previous=share(
            [p.previous_p5 <= p.actual <= p.previous_p95 for p in found]
        ),
        median_p95_over_p5_previous=_d(before, "0.1"),
    )


def _zero_shares(found: list[Prediction]) -> tuple[Decimal | None, Decimal | None]:
    """The mean predicted chance of no public outcome over ``found`` and the share that paid
    nothing (None, None over no case): the calibration of the chance of zero, for the whole
    set chosen by the rule and for each bin alike."""
    if not found:
        return None, None
    predicted = math.fsum(p.chance_of_no_public_outcome for p in found) / len(found)
    observed = sum(p.actual == 0 for p in found) / len(found)
    return _d(predicted, "0.001"), _d(observed, "0.001")


def backtest() -> Backtest:
    """Leave-one-out over the shipped history (every breach whose total is known)."""
    everyone = training_set()
    made = [rows_of(o) for o in everyone]
    found = []
    for index, case in enumerate(everyone):
        if not case.total_known:
            continue
        train = everyone[:index] + everyone[index + 1 :]
        rows = made[:index] + made[index + 1 :]
        found.append(predict(train, case, rows))  # type: ignore[arg-type]
    overall = scores("all", found)
    groups = [overall]
    for key in [k for k, _codes in backtest_groups()] + ["rest"]:
        mine = [p for p in found if p.group == key]
        if mine:
            groups.append(scores(key, mine))
    tracker = [p for p in found if p.selection != "curated"]  # chosen by the rule
    bins = []
    for low, high in pairwise(ZERO_BINS):
        inside = [
            p
            for p in tracker
            if low <= p.chance_of_no_public_outcome < high
            or (high == 1 and p.chance_of_no_public_outcome == 1)
        ]
        predicted, observed = _zero_shares(inside)
        bins.append(
            ZeroBin(
                low=_d(low, "0.01"),
                high=_d(high, "0.01"),
                cases=len(inside),
                predicted=predicted,
                observed=observed,
            )
        )
    predicted, observed = _zero_shares(tracker)
    return Backtest(
        model=MODEL,
        fitted_on=history_compiled(),
        cases=len(found),
        trials=POINTS,
        coverage_p5_p95=overall.coverage_p5_p95,
        coverage_p25_p75=overall.coverage_p25_p75,
        median_p95_over_p5=overall.median_p95_over_p5,
        crps_log10=overall.crps_log10,
        crps_log10_dbir_2015=overall.crps_log10_dbir_2015,
        crps_log10_per_person=overall.crps_log10_per_person,
        crps_log10_previous=overall.crps_log10_previous,
        groups=tuple(groups),
        zero_share_predicted=predicted,
        zero_share_observed=observed,
        zero_bins=tuple(bins),
        predictions=tuple(found),
    )
