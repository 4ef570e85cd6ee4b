"""Monte Carlo over the uncertain inputs: the same line formulas as ``assess``, on arrays of draws.

For each trial every range is drawn once (see :mod:`breachcalc.domain.ranges` for the distributions)
and every line of :func:`breachcalc.domain.cost_lines.line_specs` is evaluated by its formula from
:mod:`breachcalc.domain.formulas`, vectorised over the trials with numpy. Draws use numpy's PCG64
generator seeded with ``seed``, in a fixed order (line by line, input by input), so the same
file, trials and seed give the same figures, to the last digit.

Simulated figures are estimates in binary floating point; they are converted to Decimal only to
be presented (rounded by the currency's minor unit). The exact figures are ``assess``'s.
numpy is imported here, and this module is imported only when a file has ranges or by
``breachcalc simulate``.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

import numpy as np

from breachcalc.contract import as_records, computed, four_figures, hidden, out, result
from breachcalc.domain.cost_lines import (
    LineSpec,
    base_currency,
    conversion_factor,
    line_specs,
    reporting_currency,
)
from breachcalc.domain.distribution import CurvePoint, Percentile
from breachcalc.domain.money import Money
from breachcalc.domain.priors import HistoryPrior, draw_priors
from breachcalc.domain.priors import sorted_percentiles as interpolated
from breachcalc.domain.ranges import sample
from breachcalc.input.breach import Breach
from breachcalc.input.values import Range

if TYPE_CHECKING:
    import numpy.typing as npt

    from breachcalc.input.policy import Policy

DEFAULT_PERCENTILES = (5, 50, 95)
DEFAULT_PERCENTILE_POINTS = tuple(Decimal(q) for q in DEFAULT_PERCENTILES)
LEC_POINTS = 200
"""Points of the loss-exceedance curve, spaced by probability (see :func:`exceedance_grid`)."""
LEC_FLOOR = 0.001
"""The curve runs from P99.9 to P0.1: rarer amounts rest on too few trials to draw."""
LEC_ROWS = (0.9, 0.75, 0.5, 0.25, 0.1, 0.05, 0.01, 0.001)
"""Exceedance probabilities of the text table's rows (each a point of the curve)."""
HISTOGRAM_BINS = 24


@result
class Summary:
    """Mean and percentiles of one line or of the total, in the breach currency."""

    key: str = out("The line's key, or `total`.")
    label: str = out("Human label.")
    mean: Money = out("The sample mean.")
    percentiles: tuple[tuple[Decimal, Money], ...] = out(
        "The percentiles asked for, in order.", encode=as_records(Percentile)
    )
    uncertain: bool = out(
        "False when every input of the line is exact (all statistics equal).", after="label"
    )


@result
class Reporting:
    """The total in the reporting currency."""

    mean: Money = out("The sample mean.")
    percentiles: tuple[Percentile, ...] = out("The percentiles asked for, in order.")


@result
class Exceedance:
    """The probability that the total exceeds a threshold."""

    threshold: Money = out("The threshold asked for.")
    probability: Decimal = out(
        "The share of trials above it (four significant figures).", encode=four_figures
    )


@result
class Histogram:
    """The distribution of the total: bin edges and counts."""

    edges: tuple[Money, ...] = out("The bin edges, ascending (one more than the counts).")
    counts: tuple[int, ...] = out("Trials in each bin.")


@result
class SublimitShare:
    """The chance a sublimit is used up."""

    coverage: str = out("The coverage.")
    probability: Decimal = out(
        "The share of trials in which its sublimit is used up (four significant figures).",
        encode=four_figures,
    )


@result
class NetSummary:
    """The file's policy on every trial: retained and recovered, and exhaustion chances."""

    retained: Summary = out("Statistics of the loss the insured keeps.")
    recovered: Summary = out("Statistics of what the insurer pays.")
    limit_exhausted: Decimal = out("Share of trials in which the insurer pays the whole limit.")
    sublimits_exhausted: tuple[tuple[str, Decimal], ...] = out(
        "Per sublimit, the share of trials in which it is used up.",
        encode=as_records(SublimitShare),
    )


@result
class Simulation:
    """``breachcalc simulate``: every line's and the total's statistics."""

    trials: int = out("Number of trials.")
    seed: int = out("The generator's seed.")
    currency: str = out("The breach currency (all figures but `total_reporting` are in it).")
    reporting_currency: str = out("The reporting currency.")
    to_reporting: Decimal = hidden()
    lines: tuple[Summary, ...] = out("Per-line statistics, in line order.")
    total: Summary = out("Statistics of the total.")
    exceedance: tuple[tuple[Money, Decimal], ...] = out(
        "For each threshold asked for, the probability that the total exceeds it.",
        encode=as_records(Exceedance),
    )
    curve: tuple[tuple[Decimal, Decimal], ...] = hidden()
    bins: tuple[tuple[Decimal, ...], tuple[int, ...]] = hidden()
    net: NetSummary | None = out("The file's policy on every trial, or null.", default=None)
    name: str = hidden(default="")
    """The breach's name (a chart's title)."""

    @property
    @computed("The total in the reporting currency.", after="total")
    def total_reporting(self) -> Reporting:
        """The total's mean and percentiles converted by the exact factor."""
        there, factor = self.reporting_currency, self.to_reporting
        return Reporting(
            Money(self.total.mean.amount * factor, there),
            tuple(
                Percentile(p, Money(m.amount * factor, there)) for p, m in self.total.percentiles
            ),
        )

    @property
    @computed(
        "The loss-exceedance curve, drawn from its quantiles: for exceedance probabilities from"
        " 99.9% down to 0.1% (evenly spaced in log-odds), the amount exceeded with each, and the"
        " share of trials above that amount; amounts ascending.",
        after="exceedance",
    )
    def loss_exceedance_curve(self) -> tuple[CurvePoint, ...]:
        """``curve`` as money."""
        return tuple(CurvePoint(Money(x, self.currency), p) for x, p in self.curve)

    @property
    @computed(
        "The distribution of the total: bins from P0.1 to P99.9, in equal steps or, when the"
        " total spans more than two decades, equal ratios; the outer bins reach the least and"
        " the greatest trial.",
        after="exceedance",
    )
    def histogram(self) -> Histogram:
        """``bins`` as money."""
        edges, counts = self.bins
        return Histogram(tuple(Money(e, self.currency) for e in edges), counts)


def _decimal(value: float) -> Decimal:
    """A simulated float as a Decimal for presentation (shortest repr, no binary noise)."""
    return Decimal(repr(float(value)))


def draw_lines(
    breach: Breach,
    trials: int,
    seed: int,
    priors: tuple[HistoryPrior, ...] = (),
    prior_factor: float = 1.0,
    given_any: bool = True,
) -> list[tuple[str, str, bool, npt.NDArray[np.float64]]]:
    """Evaluate every line on ``trials`` draws: (key, label, uncertain, values in breach currency).

    The generator is consumed in line order, input by input, then by the history lines
    (``priors``, in US dollars × ``prior_factor``), so results depend only on the file, the
    history, ``trials`` and ``seed``.
    """
    rng = np.random.default_rng(seed)
    out = draw_planned(plan_lines(breach), trials, rng)
    if priors:
        drawn = draw_priors(priors, rng, trials, prior_factor, given_any)
        out += [(p.key, p.label, True, values) for p, values in zip(priors, drawn, strict=True)]
    return out


LinePlan = tuple[tuple[LineSpec, float | None, bool], ...]
"""A breach's lines ready to draw: (spec, conversion factor into the breach's currency or None
when 1, uncertain)."""


def plan_lines(breach: Breach) -> LinePlan:
    """What :func:`draw_lines` computes once per breach, whatever the draws: a portfolio draws
    each scenario in hundreds of chunks and keeps it."""
    currency = base_currency(breach)
    plan = []
    for spec in line_specs(breach):
        factor = conversion_factor(spec.currency, currency, breach)
        uncertain = any(isinstance(v, Range) for v in spec.inputs.values())
        plan.append((spec, float(factor) if factor != 1 else None, uncertain))
    return tuple(plan)


def draw_planned(
    plan: LinePlan, trials: int, rng: np.random.Generator
) -> list[tuple[str, str, bool, npt.NDArray[np.float64]]]:
    """Evaluate the planned lines on ``trials`` draws from ``rng``, in line order."""
    out = []
    for spec, factor, uncertain in plan:
        arguments = {name: sample(value, rng, trials) for name, value in spec.inputs.items()}
        values = spec.compute(**arguments)
        if factor is not None:
            values = values * factor
        out.append(
            (
                spec.key,
                spec.label,
                uncertain,
                np.broadcast_to(np.asarray(values, dtype=np.float64), (trials,)),
            )
        )
    return out


def _summary(
    key: str,
    label: str,
    values: npt.NDArray[np.float64],
    uncertain: bool,
    percentiles: tuple[Decimal, ...],
    currency: str,
    ordered: npt.NDArray[np.float64] | None = None,
) -> Summary:
    """Mean and percentiles of ``values`` (``ordered``: the same values sorted, if at hand)."""
    points: list[float]
    if uncertain:
        mean = float(values.mean())  # before sorting: a sum's rounding follows its order
        points = sorted_percentiles(
            np.sort(values) if ordered is None else ordered, [float(q) for q in percentiles]
        )
    else:
        points = [float(values[0])] * len(percentiles)
        mean = float(values[0])
    return Summary(
        key=key,
        label=label,
        mean=Money(_decimal(mean), currency),
        percentiles=tuple(
            (p, Money(_decimal(v), currency)) for p, v in zip(percentiles, points, strict=True)
        ),
        uncertain=uncertain,
    )


def sorted_percentiles(ordered: npt.NDArray[np.float64], points: list[float]) -> list[float]:
    """``np.percentile(values, points)`` (its default, linear method) from the values sorted,
    bit for bit.

    A percentile depends only on the values, not their order; numpy selects the order
    statistics it needs (a partition) and interpolates between them. Here they are read off the
    sorted values (numpy's sort costs less than its partition, and a sweep of the lines sorts
    once for all the percentiles) with numpy's own arithmetic
    (:func:`breachcalc.domain.priors.sorted_percentiles`). Values with a NaN (sorted last) go
    to np.percentile itself.
    """
    if ordered.shape[0] == 0 or np.isnan(ordered[-1]):
        return [float(x) for x in np.percentile(ordered, points)]
    return interpolated(ordered, points)


def sorted_histogram(
    ordered: npt.NDArray[np.float64], edges: npt.NDArray[np.float64]
) -> npt.NDArray[np.intp]:
    """``np.histogram(values, bins=edges)[0]`` from the values sorted: the trials in each bin.

    A bin holds the values from its left edge up to (not including) its right edge; the last
    bin also holds its right edge, as numpy counts them. ``edges`` ascend strictly, from the
    least value to the greatest.
    """
    starts = np.searchsorted(ordered, edges[:-1], side="left")
    ends = np.append(starts[1:], np.searchsorted(ordered, edges[-1], side="right"))
    return (ends - starts).astype(np.intp)


def exceeded_with(ordered: npt.NDArray[np.float64], probability: float) -> float:
    """The least trial exceeded in at most ``probability`` of the trials (sorted ``ordered``).

    With n trials it is the trial with ``floor(n × probability)`` trials above it, so that for
    a distribution without ties the share of trials above it is ``probability`` to within 1/n.
    """
    above = int(np.floor(round(ordered.size * probability, 6)))
    return float(ordered[min(max(ordered.size - above - 1, 0), ordered.size - 1)])


def exceedance_grid(points: int = LEC_POINTS) -> list[float]:
    """Exceedance probabilities from P99.9 down to P0.1 (``1 − LEC_FLOOR`` to ``LEC_FLOOR``),
    evenly spaced in log-odds, so that both tails get as many points as the middle; with the
    probabilities of the text table's rows among them."""
    edge = float(np.log((1 - LEC_FLOOR) / LEC_FLOOR))
    odds = np.linspace(edge, -edge, points)
    spaced = [float(1 / (1 + np.exp(-x))) for x in odds]
    return sorted({*(round(p, 12) for p in spaced), *LEC_ROWS}, reverse=True)


def exceedance_curve(ordered: npt.NDArray[np.float64]) -> list[tuple[float, float]]:
    """The loss-exceedance curve drawn from its quantiles: for each probability of
    :func:`exceedance_grid`, the amount exceeded with it, and the share of trials above that
    amount (amounts ascending, each once)."""
    curve: dict[float, float] = {}
    for probability in exceedance_grid():
        amount = exceeded_with(ordered, probability)
        if amount not in curve:
            above = ordered.size - int(np.searchsorted(ordered, amount, side="right"))
            curve[amount] = above / ordered.size
    return sorted(curve.items())


def histogram_edges(ordered: npt.NDArray[np.float64], bins: int) -> npt.NDArray[np.float64]:
    """Bin edges for the histogram of the total (sorted ``ordered``, at least two values).

    The inner edges run from P0.1 to P99.9, spaced by ratio when the trials span more than two
    decades (from the least positive trial to the greatest: the charts then use a log axis),
    else evenly; the outer edges are the least and the greatest trial, so every trial is
    counted, while one far trial cannot stretch the bins until one of them holds almost all.
    Zeros (a line that may cost nothing) get the first bin to themselves.
    """
    least, greatest = float(ordered[0]), float(ordered[-1])
    low = exceeded_with(ordered, 1 - LEC_FLOOR)
    high = exceeded_with(ordered, LEC_FLOOR)
    first_positive = int(np.searchsorted(ordered, 0.0, side="right"))
    smallest = float(ordered[first_positive]) if first_positive < ordered.size else 0.0
    if low <= 0 < smallest:
        low = smallest
    if 0 < low < high and greatest > 100 * smallest > 0:
        inner = np.geomspace(low, high, bins - 1)
    elif low < high:
        inner = np.linspace(low, high, bins - 1)
    else:
        inner = np.linspace(least, greatest, bins + 1)
    edges = np.unique(np.concatenate(([least], inner, [greatest])))
    return edges[(edges >= least) & (edges <= greatest)]


def simulate(
    breach: Breach,
    trials: int,
    seed: int,
    percentiles: tuple[Decimal, ...] = DEFAULT_PERCENTILE_POINTS,
    thresholds: tuple[Money, ...] = (),
    priors: tuple[HistoryPrior, ...] = (),
    prior_factor: float = 1.0,
    given_any: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> Simulation:
    """Run ``trials`` trials of every cost line and summarise them.

    Args:
        breach: a validated breach.
        trials: number of trials (at least 1).
        seed: generator seed.
        percentiles: percentiles to report, each from 0 to 100.
        thresholds: amounts in the breach currency; the probability that the total exceeds each
            is reported.
        priors: history lines for the public outcomes the file does not state (US dollars),
            drawn in the same trials and added to the total.
        prior_factor: US dollars → the breach currency.
        given_any: draw the history lines given some public outcome (see
            :func:`~breachcalc.domain.priors.draw_priors`).
        progress: told ``(steps done, steps)`` as the work goes: the draws, each line's
            summary, the total's, the policy and the curve.
    """
    currency = base_currency(breach)
    reporting = reporting_currency(breach)
    lines = draw_lines(breach, trials, seed, priors, prior_factor, given_any)
    steps = len(lines) + 4
    tick = progress or (lambda _done, _steps: None)
    tick(1, steps)
    total = np.zeros(trials)
    for _key, _label, _uncertain, values in lines:
        total += values
    any_uncertain = any(line[2] for line in lines)
    summaries = []
    for k, label, u, v in lines:
        summaries.append(_summary(k, label, v, u, percentiles, currency))
        tick(1 + len(summaries), steps)
    ordered = np.sort(total)
    total_summary = _summary("total", "Total", total, any_uncertain, percentiles, currency, ordered)
    tick(steps - 2, steps)
    policy = breach.insurance
    net = _net(breach, policy, lines, percentiles, currency, total) if policy is not None else None
    tick(steps - 1, steps)
    exceed = tuple((limit, _probability(ordered, float(limit.amount))) for limit in thresholds)
    low, high = float(ordered[0]), float(ordered[-1])
    curve = tuple((_decimal(x), _decimal(p)) for x, p in exceedance_curve(ordered))
    if high > low:
        edges = histogram_edges(ordered, HISTOGRAM_BINS)
        counts = sorted_histogram(ordered, edges)
    else:  # one value: numpy's own ±0.5 around it raises once that vanishes (above 2**53)
        counts, edges = np.array([trials]), np.array([low - 0.5, high + 0.5])
    tick(steps, steps)
    return Simulation(
        trials=trials,
        seed=seed,
        currency=currency,
        reporting_currency=reporting,
        to_reporting=conversion_factor(currency, reporting, breach),
        lines=tuple(summaries),
        total=total_summary,
        exceedance=exceed,
        curve=curve,
        bins=(tuple(_decimal(e) for e in edges), tuple(int(c) for c in counts)),
        net=net,
    )


def _probability(ordered: npt.NDArray[np.float64], limit: float) -> Decimal:
    above = ordered.size - int(np.searchsorted(ordered, limit, side="right"))
    return Decimal(above) / Decimal(ordered.size)


def _net(
    breach: Breach,
    policy: Policy,
    lines: list[tuple[str, str, bool, npt.NDArray[np.float64]]],
    percentiles: tuple[Decimal, ...],
    currency: str,
    total: npt.NDArray[np.float64],
) -> NetSummary:
    """The policy on the drawn lines (the file's lines, then the history lines)."""
    from breachcalc.domain.insurance import apply_policy_arrays, breach_lines, policy_factor

    meta = [(spec.group, code) for spec, code in breach_lines(breach)]
    kinds = {"fine": "fines"}
    for key, *_rest in lines[len(meta) :]:
        kind = key.split(".")[1]
        code = key.split(".")[2] if kind == "fine" else None
        meta.append((kinds.get(kind, kind), code))
    values = np.vstack([line[3] for line in lines]) if lines else np.zeros((0, total.size))
    drawn = apply_policy_arrays(policy, meta, values, float(policy_factor(breach, policy)))
    uncertain = any(line[2] for line in lines)
    return NetSummary(
        retained=_summary("retained", "Retained", drawn.retained, uncertain, percentiles, currency),
        recovered=_summary(
            "recovered", "Recovered", drawn.recovered, uncertain, percentiles, currency
        ),
        limit_exhausted=_decimal(float(np.mean(drawn.limit_exhausted))),
        sublimits_exhausted=tuple(
            (name, _decimal(float(np.mean(used))))
            for name, used in drawn.sublimits_exhausted.items()
        ),
    )


def interval(breach: Breach, trials: int, seed: int) -> dict[str, tuple[Money, Money]]:
    """P5 and P95 of each uncertain line and of the total (key ``total``), for ``assess``."""
    result = simulate(breach, trials, seed, percentiles=(Decimal(5), Decimal(95)))
    out = {s.key: (s.percentiles[0][1], s.percentiles[1][1]) for s in result.lines if s.uncertain}
    if result.total.uncertain:
        out["total"] = (result.total.percentiles[0][1], result.total.percentiles[1][1])
    return out
