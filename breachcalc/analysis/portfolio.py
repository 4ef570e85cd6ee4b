"""A portfolio of breach scenarios: the aggregate annual loss, gross and net of insurance.

Each scenario happens at most once a year, with its ``probability``. For every trial (a
simulated year) and every scenario, an occurrence is drawn (Bernoulli), and only for the years
in which it occurs are its cost lines drawn (:func:`~breachcalc.domain.simulation.draw_lines`,
the same model as ``simulate``), converted into the portfolio currency (the first scenario's
reporting currency, by each file's own rates) and, where the scenario has a policy, net of it
(:func:`~breachcalc.domain.insurance.apply_policy_arrays`, per occurrence). The annual loss is
the sum over scenarios.

Trials run in chunks of ``chunk_trials`` and only one scenario's draws for one chunk are held at
a time, so memory is O(trials + chunk_trials × lines), whatever the number of scenarios. Each
(scenario, chunk) draws from its own generator, seeded by ``SeedSequence([seed, scenario,
chunk])``: the same scenarios, trials, seed and chunk size give the same figures, to the last
digit. The tail shares need the P99 first, so a second pass redraws (identically) the
(scenario, chunk) pairs that occur in a tail year.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from breachcalc.contract import computed, hidden, out, record, result
from breachcalc.domain.cost_lines import base_currency, conversion_factor, reporting_currency
from breachcalc.domain.distribution import CurvePoint, Percentile
from breachcalc.domain.insurance import apply_policy_arrays, breach_lines, policy_factor
from breachcalc.domain.money import Money
from breachcalc.errors import InputError, Problem
from breachcalc.input.breach import Breach
from breachcalc.input.policy import Policy

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from breachcalc.domain.simulation import LinePlan

    _Kept = dict[
        tuple[int, int],
        tuple[npt.NDArray[np.intp], npt.NDArray[np.float64], npt.NDArray[np.float64]],
    ]

CHUNK_TRIALS = 100_000
"""Trials per chunk (part of what fixes the random stream, like the seed)."""
KEPT_OCCURRENCES = 4_000_000
"""Occurrences whose losses the first pass keeps for the tail pass (about 100 MB at most);
beyond it the tail pass draws a chunk again, as it did before."""
CURVE_POINTS = 36
"""Points of the exceedance curve."""
PERCENTILES = (Decimal(50), Decimal(90), Decimal(99), Decimal("99.5"))
"""The percentiles reported."""
TAIL = 99.0
"""A scenario's tail share is its share of the annual losses in the years above this percentile."""


@result
class Distribution:
    """The aggregate annual loss, gross or net of the policies, in the portfolio currency."""

    aal: Decimal = out("Average annual loss (the mean over trials).", money_in="currency")
    quantiles: tuple[tuple[Decimal, Decimal], ...] = hidden()
    curve: tuple[tuple[Decimal, Decimal], ...] = hidden()
    tail_threshold: Decimal = out(
        "The P99 above which the tail shares are counted.", money_in="currency"
    )
    tail_years: int = out("The number of trials above it.")
    currency: str = hidden(default="")

    @property
    @computed("The annual loss at 50, 90, 99 and 99.5.", after="aal")
    def percentiles(self) -> tuple[Percentile, ...]:
        """``quantiles`` as money."""
        return tuple(Percentile(q, Money(a, self.currency)) for q, a in self.quantiles)

    @property
    @computed("The exceedance curve, ascending amounts.", after="aal")
    def exceedance_curve(self) -> tuple[CurvePoint, ...]:
        """``curve`` as money."""
        return tuple(CurvePoint(Money(a, self.currency), p) for a, p in self.curve)

    def percentile(self, level: Decimal | int | str) -> Decimal:
        """The amount at ``level`` (one of :data:`PERCENTILES`)."""
        wanted = Decimal(level)
        return next(amount for q, amount in self.quantiles if q == wanted)


@result
class ScenarioResult:
    """One file's part in the portfolio."""

    file: str = out("The scenario's label (its file name).")
    probability: Decimal = out("Its probability of happening in a year.")
    occurrences: int = out("Trials in which it happened.")
    mean_if_occurs: Decimal = out(
        "Its mean gross loss in those trials (0 if none).", money_in="currency"
    )
    aal_gross: Decimal = out("Its part of the gross average annual loss.", money_in="currency")
    aal_net: Decimal = out("Its part of the net average annual loss.", money_in="currency")
    tail_share_gross: Decimal = out(
        "Its share of the gross losses in the years above the gross P99 (the shares add up"
        " to 1; 0 when no year is above)."
    )
    tail_share_net: Decimal = out("The same, net of the policies, above the net P99.")
    limit_exhausted: Decimal | None = out(
        "The share of its occurrences that used up its policy's limit, or null without a policy."
    )
    currency: str = hidden(default="")


@result
class PortfolioResult:
    """``breachcalc portfolio``: the aggregate annual loss of many scenarios."""

    trials: int = out("Simulated years.")
    seed: int = out("The seed.")
    chunk_trials: int = hidden()
    currency: str = out("The portfolio currency (all amounts are in it).")
    gross: Distribution = out("The annual loss before insurance.")
    net: Distribution = out(
        "The annual loss retained after each scenario's policy (equal to gross without policies)."
    )
    recovered_aal: Decimal = out(
        "Average annual recovery (`gross.aal − net.aal`).", money_in="currency"
    )
    scenarios: tuple[ScenarioResult, ...] = out("Per scenario, in the order given.")


@record
class _Prepared:
    """What one scenario needs for every chunk: computed once."""

    breach: Breach
    probability: float
    policy: Policy | None
    lines: tuple[tuple[str, str | None], ...]
    to_portfolio: float
    to_values: float
    plan: LinePlan


@dataclass
class _Totals:
    """Running sums for one scenario."""

    occurrences: int = 0
    gross: float = 0.0
    net: float = 0.0
    exhausted: int = 0
    tail_gross: float = 0.0
    tail_net: float = 0.0


def _decimal(value: float) -> Decimal:
    """A simulated float as a Decimal for presentation (shortest repr)."""
    return Decimal(repr(float(value)))


def _prepare(
    label: str, breach: Breach, probability: Decimal | float, policy: Policy | None, currency: str
) -> _Prepared:
    """Check a scenario and precompute its factors (raises InputError naming the scenario)."""
    chance = float(probability)
    if not 0.0 <= chance <= 1.0 or math.isnan(chance):
        raise InputError(label, [Problem(f"must be from 0 to 1, not {probability}", "probability")])
    here = base_currency(breach)
    try:
        to_portfolio = conversion_factor(here, currency, breach)
    except LookupError:
        problem = Problem(
            f"the portfolio reports in {currency} and this file's money is in {here}: add a "
            f"rate such as `1 {currency} = ... {here}` under reporting.rates",
            "reporting.rates",
        )
        raise InputError(label, [problem]) from None
    to_values = float(policy_factor(breach, policy)) if policy is not None else 1.0
    lines = tuple((spec.group, code) for spec, code in breach_lines(breach))
    from breachcalc.domain.simulation import plan_lines

    plan = plan_lines(breach)  # once, not in each of the chunks
    return _Prepared(breach, chance, policy, lines, float(to_portfolio), to_values, plan)


def _chunks(trials: int, size: int) -> Iterator[tuple[int, int, int]]:
    """(chunk index, first trial, trials in the chunk)."""
    for index, start in enumerate(range(0, trials, size)):
        yield index, start, min(size, trials - start)


def _occurrences(
    prep: _Prepared, seed: int, scenario: int, chunk: int, size: int
) -> tuple[npt.NDArray[np.intp], int]:
    """The trials of the chunk in which the scenario happens, and the seed of its line draws."""
    import numpy as np

    state = np.random.SeedSequence([seed, scenario, chunk]).generate_state(2, dtype=np.uint64)
    rng = np.random.default_rng(int(state[0]))
    return np.flatnonzero(rng.random(size) < prep.probability), int(state[1])


def _losses(
    prep: _Prepared, count: int, line_seed: int
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """Gross and net loss (portfolio currency) and limit exhaustion of ``count`` occurrences."""
    import numpy as np

    from breachcalc.domain.simulation import draw_planned

    drawn = draw_planned(prep.plan, count, np.random.default_rng(line_seed))
    if not drawn:
        zeros = np.zeros(count)
        return zeros, zeros, np.zeros(count, dtype=bool)
    values = np.vstack([values for *_, values in drawn])
    if prep.policy is None:
        gross = values.sum(axis=0) * prep.to_portfolio
        return gross, gross, np.zeros(count, dtype=bool)
    net = apply_policy_arrays(prep.policy, prep.lines, values, prep.to_values)
    return (
        net.gross * prep.to_portfolio,
        net.retained * prep.to_portfolio,
        net.limit_exhausted,
    )


def simulate_portfolio(
    scenarios: Sequence[tuple[str, Breach, Decimal | float, Policy | None]],
    trials: int,
    seed: int,
    chunk_trials: int = CHUNK_TRIALS,
) -> PortfolioResult:
    """Simulate the aggregate annual loss of ``scenarios``, gross and net of their policies.

    Args:
        scenarios: (label, breach, probability of happening in a year, policy or None).
        trials: simulated years (at least 1).
        seed: generator seed.
        chunk_trials: trials per chunk (bounds memory; part of the random stream).

    Raises:
        InputError: a probability outside 0..1, or a file with no rate into the portfolio
            currency (or its policy's currency).
        ValueError: no scenario, or ``trials`` or ``chunk_trials`` below 1.
    """
    import numpy as np

    if not scenarios:
        raise ValueError("a portfolio needs at least one scenario")
    if trials < 1 or chunk_trials < 1:
        raise ValueError("trials and chunk_trials must be at least 1")
    currency = reporting_currency(scenarios[0][1])
    prepared = [_prepare(label, b, p, pol, currency) for label, b, p, pol in scenarios]
    totals = [_Totals() for _ in prepared]
    insured = any(prep.policy is not None for prep in prepared)
    annual_gross = np.zeros(trials)
    annual_net = np.zeros(trials) if insured else annual_gross  # no policy: net is gross
    kept: _Kept = {}
    budget = KEPT_OCCURRENCES
    for chunk, start, size in _chunks(trials, chunk_trials):
        for index, prep in enumerate(prepared):
            hit, line_seed = _occurrences(prep, seed, index, chunk, size)
            if hit.size == 0:
                continue
            gross, net, exhausted = _losses(prep, hit.size, line_seed)
            if hit.size <= budget:  # for the tail pass, instead of drawing the chunk again
                kept[chunk, index] = (hit, gross, net)
                budget -= hit.size
            annual_gross[start + hit] += gross
            if insured:
                annual_net[start + hit] += net
            total = totals[index]
            total.occurrences += int(hit.size)
            total.gross += float(gross.sum())
            total.net += float(net.sum())
            total.exhausted += int(exhausted.sum())
    gross_dist, gross_tail = _distribution(annual_gross)
    net_dist, net_tail = _distribution(annual_net) if insured else (gross_dist, gross_tail)
    _tail_pass(prepared, totals, seed, trials, chunk_trials, gross_tail, net_tail, kept)
    tail_g = float(annual_gross[gross_tail].sum())
    tail_n = float(annual_net[net_tail].sum())
    results = tuple(
        _scenario_result(label, prep, total, trials, tail_g, tail_n)
        for (label, *_), prep, total in zip(scenarios, prepared, totals, strict=True)
    )
    return PortfolioResult(
        trials=trials,
        seed=seed,
        chunk_trials=chunk_trials,
        currency=currency,
        gross=replace(gross_dist, currency=currency),
        net=replace(net_dist, currency=currency),
        recovered_aal=_decimal(float(annual_gross.mean() - annual_net.mean())),
        scenarios=tuple(replace(r, currency=currency) for r in results),
    )


def _tail_pass(
    prepared: list[_Prepared],
    totals: list[_Totals],
    seed: int,
    trials: int,
    chunk_trials: int,
    gross_tail: npt.NDArray[np.bool_],
    net_tail: npt.NDArray[np.bool_],
    kept: _Kept,
) -> None:
    """Add up the losses of the (scenario, chunk) pairs that occur in a tail year: those the
    first pass kept, the others redrawn. The draws are those of the first pass (same
    generators), so Σ tail shares = 1."""
    if not gross_tail.any() and not net_tail.any():
        return
    for chunk, start, size in _chunks(trials, chunk_trials):
        tail_g, tail_n = gross_tail[start : start + size], net_tail[start : start + size]
        if not tail_g.any() and not tail_n.any():
            continue
        for index, prep in enumerate(prepared):
            known = kept.get((chunk, index))
            if known is not None:
                hit, gross, net = known
            else:
                hit, line_seed = _occurrences(prep, seed, index, chunk, size)
            in_g, in_n = tail_g[hit], tail_n[hit]
            if not in_g.any() and not in_n.any():
                continue
            if known is None:
                gross, net, _ = _losses(prep, hit.size, line_seed)
            totals[index].tail_gross += float(gross[in_g].sum())
            totals[index].tail_net += float(net[in_n].sum())


def _distribution(annual: npt.NDArray[np.float64]) -> tuple[Distribution, npt.NDArray[np.bool_]]:
    """Mean, percentiles, exceedance curve and the tail (years above P99) of annual losses.

    The curve's probabilities run geometrically from 1/2 down to max(1/trials, 1/10,000); each
    point is the amount at 1 − p (linear interpolation) and the observed share of years above
    it, after the share of years with any loss at all (amount 0).
    """
    import numpy as np

    ordered = np.sort(annual)
    trials = ordered.size
    floor = max(1.0 / trials, 1e-4)
    probabilities = np.geomspace(0.5, floor, CURVE_POINTS) if floor < 0.5 else np.array([0.5])
    # one quantile call for the percentiles, the tail threshold and the curve (one pass over
    # the million years instead of three); each value is what its own call gave
    levels = np.true_divide([float(q) for q in (*PERCENTILES, TAIL)], 100)
    found = np.quantile(ordered, np.concatenate((levels, 1.0 - probabilities)))
    points, threshold = found[: len(PERCENTILES)], float(found[len(PERCENTILES)])
    tail = annual > threshold
    amounts = np.concatenate(([0.0], found[len(PERCENTILES) + 1 :]))
    amounts = np.unique(amounts)
    above = 1.0 - np.searchsorted(ordered, amounts, side="right") / trials
    return (
        Distribution(
            aal=_decimal(float(annual.mean())),
            quantiles=tuple(
                (q, _decimal(float(v))) for q, v in zip(PERCENTILES, points, strict=True)
            ),
            curve=tuple((_decimal(a), _decimal(p)) for a, p in zip(amounts, above, strict=True)),
            tail_threshold=_decimal(threshold),
            tail_years=int(tail.sum()),
        ),
        tail,
    )


def _scenario_result(
    label: str, prep: _Prepared, total: _Totals, trials: int, tail_g: float, tail_n: float
) -> ScenarioResult:
    """A scenario's figures from its running sums."""
    occurred = total.occurrences
    return ScenarioResult(
        file=label,
        probability=_decimal(prep.probability),
        occurrences=occurred,
        mean_if_occurs=_decimal(total.gross / occurred if occurred else 0.0),
        aal_gross=_decimal(total.gross / trials),
        aal_net=_decimal(total.net / trials),
        tail_share_gross=_decimal(total.tail_gross / tail_g if tail_g > 0 else 0.0),
        tail_share_net=_decimal(total.tail_net / tail_n if tail_n > 0 else 0.0),
        limit_exhausted=(
            None
            if prep.policy is None
            else _decimal(total.exhausted / occurred if occurred else 0.0)
        ),
    )
