"""The estimate."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from breachcalc.analysis.history.comparables import comparables
from breachcalc.analysis.history.features import (
    BREACH_LINES,
    LABELS,
    Facts,
    breach_facts,
    fine_unit,
    fine_units,
)
from breachcalc.analysis.history.fit import (
    MODEL,
    SEED,
    TRIALS,
    Model,
    _fine_x,
    _line_x,
    shipped_model,
)
from breachcalc.domain.breach import Breach
from breachcalc.domain.priors import (
    HistoryEstimate,
    HistoryPrior,
    decimal_of,
    draw_priors,
    draw_priors_stored,
    percentiles,
)
from breachcalc.reference.history import (
    DRAWS_LINES,
    DRAWS_SEED,
    DRAWS_TRIALS,
    history_compiled,
    per_usd,
    stored_draws,
)
from breachcalc.reference.tables import fine_rules

if TYPE_CHECKING:
    from breachcalc.domain.assessment import Assessment

# --- the priors of a breach file -------------------------------------------------------------


@dataclass(frozen=True)
class Stated:
    """Which public-outcome lines the file states itself (the user's figures win)."""

    fines: frozenset[str]
    lines: frozenset[str]

    @property
    def none(self) -> bool:
        """The file states no public outcome of its own."""
        return not self.fines and not self.lines


def stated(breach: Breach) -> Stated:
    """The fine units with an expected fine, and the breach-level lines the file gives."""
    fines = frozenset(
        fine_unit(code)
        for code, fine in breach.fines.items()
        if fine.expected is not None or fine.share_of_cap is not None
    )
    lines: set[str] = set()
    costs = breach.costs
    if costs is not None:
        if costs.litigation is not None:
            lines.add("settlement")
        for own in costs.lines:
            if own.kind in ("enforcement", "card_brand_payments", "settlement"):
                lines.add(own.kind)
    return Stated(fines, frozenset(lines))


def priors_for(
    facts: Facts,
    model: Model,
    day: date,
    stated_lines: Stated | None = None,
    caps: dict[str, tuple[float | None, str]] | None = None,
) -> tuple[HistoryPrior, ...]:
    """The history lines for a breach with ``facts``, leaving out the lines it states."""
    skip = stated_lines or Stated(frozenset(), frozenset())
    caps = caps or {}
    basis = (
        f"{facts.people:,} people; "
        + (", ".join(sorted(facts.classes)) or "no known class")
        + f" data; {', '.join(facts.jurisdictions) or 'no jurisdiction'}; {facts.year}"
    )
    priors = []
    for unit in fine_units(facts.jurisdictions, day):
        if unit in skip.fines:
            continue
        x = _fine_x(unit, facts)
        mu, sigma = model.fine.amount(x)
        cap, cap_note = caps.get(unit, (None, "no cap computed"))
        priors.append(
            HistoryPrior(
                key=f"history.fine.{unit}",
                kind="fine",
                label=f"Regulator fine, {unit} (from history)",
                probability=model.fine.probability(x),
                mu=mu,
                sigma=sigma,
                cap=cap,
                cap_note=cap_note,
                basis=basis,
            )
        )
    for line in BREACH_LINES:
        if line in skip.lines or (line == "card_brand_payments" and not facts.cards):
            continue
        part = model.lines[line]
        x = _line_x(line, facts)
        mu, sigma = part.amount(x)
        priors.append(
            HistoryPrior(
                key=f"history.{line}",
                kind=line,
                label=f"{LABELS[line]} (from history)",
                probability=part.probability(x),
                mu=mu,
                sigma=sigma,
                cap=None,
                cap_note="",
                basis=basis,
            )
        )
    return tuple(priors)


def fine_caps_usd(
    breach: Breach, day: date | None, year: int
) -> dict[str, tuple[float | None, str]]:
    """Each fine unit's maximum of the day in US dollars, where it can be computed: from the
    file's own fine inputs, else its annual revenue as the turnover."""
    from breachcalc.domain.breach import Fine
    from breachcalc.domain.cost_lines import people_in, rates
    from breachcalc.domain.fines import MissingInput, fine_cap
    from breachcalc.domain.money import convert, format_money

    found: dict[str, tuple[float | None, str]] = {}
    for code in breach.jurisdictions:
        unit = fine_unit(code)
        if unit == "US" or unit not in fine_rules() or unit in found:
            continue
        inputs = breach.fines.get(unit)
        if inputs is None and breach.revenue is not None:
            inputs = Fine(turnover=breach.revenue.annual, currency=breach.revenue.currency)
        try:
            cap = fine_cap(unit, inputs or Fine(), people_in(breach, unit)[0], rates(breach), day)
        except (MissingInput, LookupError):
            found[unit] = (None, "no cap: the rule needs a turnover the file does not give")
            continue
        if cap.cap is None:
            continue
        try:
            usd = convert(cap.cap, "USD", rates(breach)).amount
            how = "the file's rate"
        except LookupError:
            rate = per_usd(cap.cap.currency, year)
            if rate is None:
                found[unit] = (None, f"no cap: no rate from {cap.cap.currency} to USD")
                continue
            usd = cap.cap.amount / rate[0]
            how = f"the {rate[1]} average rate"
        found[unit] = (float(usd), f"{cap.name}: {format_money(cap.cap)} ({how})")
    return found


def usd_factor(breach: Breach, currency: str, year: int) -> tuple[float, str]:
    """US dollars → the breach currency: the file's own rate where it has one, else the
    history's yearly average (latest year up to ``year``); with the rate in words."""
    from breachcalc.domain.cost_lines import rates
    from breachcalc.domain.money import Money, convert

    if currency == "USD":
        return 1.0, "amounts in US dollars"
    try:
        one = convert(Money(Decimal(1), "USD"), currency, rates(breach)).amount
        written = next((str(r) for r in rates(breach) if r.pair() == {"USD", currency}), "")
        return float(one), f"{written} (the file's rate)"
    except LookupError:
        rate = per_usd(currency, year)
        if rate is None:
            raise LookupError(f"no rate from USD to {currency}") from None
        return float(rate[0]), (
            f"1 USD = {rate[0].normalize():f} {currency} ({rate[1]} yearly average, Federal "
            "Reserve G.5A via data/fx_yearly.toml; the file gives no USD rate)"
        )


def estimate(
    breach: Breach, *, trials: int = TRIALS, seed: int = SEED, model: Model | None = None
) -> HistoryEstimate | None:
    """Expected public outcomes of ``breach`` from history, for the lines it does not state;
    None when it states every line (the user's figures win)."""
    from breachcalc.domain.cost_lines import base_currency
    from breachcalc.domain.money import Money
    from breachcalc.domain.regime import rule_day

    day = rule_day(breach).day
    facts = breach_facts(breach, day)
    when = day or date(facts.year, 7, 1)
    fitted = model or shipped_model()
    own = stated(breach)
    priors = priors_for(facts, fitted, when, own, fine_caps_usd(breach, day, facts.year))
    if not priors:
        return None
    currency = base_currency(breach)
    factor, how = usd_factor(breach, currency, facts.year)
    found = _drawn_without_numpy(priors, trials, seed, factor, own.none)
    if found is None:
        found = _drawn(priors, trials, seed, factor, own.none)
    figures, shares = found

    def three(values: Sequence[float]) -> tuple[Money, Money, Money]:
        p5, p50, p95 = values
        return tuple(Money(decimal_of(v), currency) for v in (p5, p50, p95))  # type: ignore[return-value]

    lines = {
        prior.key: (*three(line), share)
        for prior, line, share in zip(priors, figures[:-1], shares, strict=True)
    }
    return HistoryEstimate(
        model=MODEL,
        cases=fitted.cases,
        fitted_on=history_compiled(),
        currency=currency,
        to_currency=how,
        priors=priors,
        lines=lines,
        total=three(figures[-1]),
        trials=trials,
        seed=seed,
        given_any=own.none,
        usd_factor=factor,
        comparables=comparables(facts),
        note=(
            "a statistical estimate of public outcomes (fines, settlements, enforcement, "
            "card-brand payments) for the lines the file does not state, given that there is "
            "at least one; the history holds only breaches with a public money outcome"
        ),
    )


PERCENTILES = (5, 50, 95)

Drawn = tuple[list[list[float]], list[float]]
"""P5, P50 and P95 of every line and then of their total; each line's share of trials > 0."""


def _drawn(
    priors: tuple[HistoryPrior, ...], trials: int, seed: int, factor: float, given_any: bool
) -> Drawn:
    """The estimate's figures, drawn with numpy."""
    import numpy as np

    rng = np.random.default_rng(seed)
    draws = draw_priors(priors, rng, trials, factor, given_any)
    total = np.sum(draws, axis=0)
    figures = [np.percentile(v, PERCENTILES).tolist() for v in (*draws, total)]
    return figures, [float(np.mean(v > 0)) for v in draws]


def _drawn_without_numpy(
    priors: tuple[HistoryPrior, ...], trials: int, seed: int, factor: float, given_any: bool
) -> Drawn | None:
    """:func:`_drawn` over the stored draws (no numpy to import: about 100 ms of start-up), to
    the same bits; None where they do not cover the estimate (other trials or seed, more
    lines)."""
    if trials != DRAWS_TRIALS or seed != DRAWS_SEED or len(priors) > DRAWS_LINES:
        return None
    streams = stored_draws(len(priors))
    if streams is None:
        return None
    draws = draw_priors_stored(priors, streams, factor, given_any)
    total = draws[0]
    for values in draws[1:]:  # numpy's sum over lines: line by line, in order
        total = [a + b for a, b in zip(total, values, strict=True)]
    figures = [percentiles(v, PERCENTILES) for v in (*draws, total)]
    return figures, [sum(1 for x in v if x > 0) / trials for v in draws]


def simulation_priors(breach: Breach) -> tuple[tuple[HistoryPrior, ...], float, bool]:
    """The history lines a simulation of ``breach`` adds, USD → its breach currency (no lines
    where no rate joins the two), and whether to draw them given some public outcome (only
    when the file states none itself)."""
    from breachcalc.domain.cost_lines import base_currency
    from breachcalc.domain.regime import rule_day

    day = rule_day(breach).day
    facts = breach_facts(breach, day)
    try:
        factor, _how = usd_factor(breach, base_currency(breach), facts.year)
    except LookupError:
        return (), 1.0, True
    when = day or date(facts.year, 7, 1)
    own = stated(breach)
    caps = fine_caps_usd(breach, day, facts.year)
    return priors_for(facts, shipped_model(), when, own, caps), factor, own.none


def with_history(result: Assessment) -> Assessment:
    """``result`` with its history estimate (the lines its file does not state)."""

    try:
        found = estimate(result.breach)
    except LookupError:  # no rate from USD to the breach currency anywhere
        return result
    return replace(result, history=found)


