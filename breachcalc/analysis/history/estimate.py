"""A breach file's history lines and their figures: what breaches like it paid in public.

For every public-outcome line the file does not state itself, :func:`priors_for` gives the
line's chance, its lognormal amount and its bound from the fitted model (:mod:`.fit`);
:func:`estimate` turns them into P5/P50/P95 per line (exact: a point mass at zero and a capped
lognormal) and for their total (2,003 deterministic lattice draws, pure Python: no numpy on
the assess path), with the chance of no public outcome at all. Where the file is a breach of
the history itself (same organisation and year, or ``history_id``), the model fitted without
that record is used and what actually happened is shown beside the forecast, as a fact.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

from breachcalc.analysis.history.comparables import comparables, plain, plain_names, shipped_index
from breachcalc.analysis.history.features import LABELS, Facts, breach_facts, fine_unit
from breachcalc.analysis.history.fit import (
    MODEL,
    NAMES,
    LegalCap,
    Model,
    features,
    legal_cap,
    line_group,
    lines_of,
    model_without,
    none_at_all,
    record_of,
    shipped_model,
)
from breachcalc.contract import FieldTuple
from breachcalc.domain.priors import (
    POINTS,
    Effect,
    Happened,
    HistoryEstimate,
    HistoryPrior,
    lattice_total,
    line_quantile,
    sorted_percentiles,
    three_figures,
)
from breachcalc.input.breach import Breach
from breachcalc.reference.history import in_usd, per_usd

if TYPE_CHECKING:
    from breachcalc.domain.assessment import Assessment

SEED = 0
PERCENTILES = (5, 50, 95)
NEGLIGIBLE = 0.002
"""A line whose chance is below this (0.2%) is left out: its mean would sit above its P99.9
(a hurdle with chance p has P99.9 = 0 when p < 0.1%), and it moves no percentile shown."""


class Stated(FieldTuple):
    """Which public-outcome lines the file states itself (the user's figures win)."""

    __slots__ = ()

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


# --- which facts moved a line ------------------------------------------------------------------

FACT_COLUMNS = (
    ("people", ("ln_people", "ln_people:")),
    ("year", ("year",)),
    ("financial data", ("financial",)),
    ("sensitive data", ("sensitive",)),
    ("malicious", ("malicious",)),
    ("a US jurisdiction", ("us:",)),
    ("the legal maximum (turnover)", ("has_cap", "ln_cap")),
)
"""Facts of a file and the design columns they set."""


@cache
def _fact_columns() -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Each fact of :data:`FACT_COLUMNS` with the indices of its design columns."""
    return tuple(
        (fact, tuple(i for i, n in enumerate(NAMES) if n.startswith(prefixes)))
        for fact, prefixes in FACT_COLUMNS
    )


def _effects(model: Model, x: list[float], facts: Facts) -> tuple[Effect, ...]:
    """Each fact's effect on a line: the line with the fact, against the line with that fact
    at the reference breach's value (its columns zero)."""
    p = model.probability(x)
    beta = model.beta
    mu = sum(map(operator.mul, beta, x))  # a zero column's term (±0.0) changes no float
    words = {
        "people": f"{facts.people:,} people",
        "year": str(facts.year),
        "financial data": "financial data",
        "sensitive data": "sensitive data",
        "malicious": "a malicious breach",
        "a US jurisdiction": "a US jurisdiction",
        "the legal maximum (turnover)": "the legal maximum of the day",
    }
    found = []
    for fact, indices in _fact_columns():
        columns = [i for i in indices if x[i]]
        if not columns:
            continue
        without = list(x)
        for i in columns:
            without[i] = 0.0
        p0 = model.probability(without)
        mu0 = sum(map(operator.mul, beta, without))
        found.append(
            Effect(
                fact=words[fact],
                chance_points=Decimal(repr(100 * (p - p0))).quantize(Decimal("0.1")),
                median_factor=Decimal(repr(math.exp(mu - mu0))).quantize(Decimal("0.01")),
            )
        )
    return tuple(found)


# --- the lines of a file -----------------------------------------------------------------------


def priors_for(
    facts: Facts,
    model: Model,
    day: date,
    stated_lines: Stated | None = None,
    people: dict[str, int] | None = None,
    negligible: bool = True,
) -> tuple[HistoryPrior, ...]:
    """The history lines for a breach with ``facts``, leaving out the lines it states;
    ``people`` gives the people per fine unit where the file splits them. Without
    ``negligible``, the lines whose chance is below :data:`NEGLIGIBLE` are left out too."""
    skip = stated_lines or Stated(frozenset(), frozenset())
    basis = (
        f"{facts.people:,} people; "
        + (", ".join(sorted(facts.classes)) or "no known class")
        + f" data; {', '.join(facts.jurisdictions) or 'no jurisdiction'}; {facts.year}"
        + (", turnover known" if facts.turnover_usd is not None else "")
    )
    priors = []
    for line in lines_of(facts, day):
        group = line_group(line)
        if (group == "fine" and line[5:] in skip.fines) or line in skip.lines:
            continue
        cap: LegalCap | None = None
        if group == "fine":
            count = (people or {}).get(line[5:], facts.people)
            cap = legal_cap(line[5:], day, count, facts.turnover_usd)
        x = features(line, facts, cap)
        mu, sigma = model.amount(line, x)
        ceiling = model.ceiling[group] * max(facts.people, 10_000)
        if cap is not None and cap.hard:
            bound, note = cap.usd, cap.note
        elif cap is not None:
            bound = max(cap.usd, ceiling)
            note = f"{cap.note}; bounded by the larger of it and the history's ceiling"
        else:
            bound = ceiling
            note = (
                f"the history's ceiling: {model.ceiling[group]:,.2f} USD per person "
                f"(twice the most per person seen on this line) × {max(facts.people, 10_000):,}"
            )
        own, _known = model.counts[_cls(line)]
        chance = model.probability(x)
        if chance < NEGLIGIBLE and not negligible:  # its mean would sit above its P99.9
            continue
        priors.append(
            HistoryPrior(
                key=f"history.{line}",
                kind=group,
                label=(
                    f"Regulator fine, {line[5:]} (from history)"
                    if group == "fine"
                    else f"{LABELS[line]} (from history)"
                ),
                probability=chance,
                logit=model.logit(x),
                tau=model.tau,
                mu=mu,
                sigma=sigma,
                cap=bound,
                cap_note=note,
                basis=basis,
                effective=model.effective(line),
                cases=own,
                effects=_effects(model, x, facts),
            )
        )
    return tuple(priors)


def _cls(line: str) -> str:
    from breachcalc.analysis.history.fit import line_class

    return line_class(line)


def file_turnover_usd(breach: Breach, year: int) -> float | None:
    """The file's annual revenue in US dollars (its own rate, else the yearly average)."""
    from breachcalc.domain.cost_lines import base_currency, rates
    from breachcalc.domain.money import Money, convert

    revenue = breach.revenue
    if revenue is None:
        return None
    money = Money(revenue.annual, revenue.currency or base_currency(breach))
    try:
        return float(convert(money, "USD", rates(breach)).amount)
    except LookupError:
        rate = per_usd(money.currency, year)
        return None if rate is None else float(money.amount / rate[0])


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


# --- no breach forecasts itself -----------------------------------------------------------------


def matching_record(breach: Breach, year: int | None) -> tuple[str, str] | None:
    """The id of the history record ``breach`` is, and how it was matched: its
    ``history_id``, else the same organisation (its name begins the file's name) and the same
    year."""
    wanted = breach.history_id
    if wanted:
        return wanted, f"the file's history_id {wanted}"
    if year is None:
        return None
    name = plain(breach.name)
    for case_id, organisation, plain_name in plain_names().get(year, ()):
        if name.startswith(plain_name):
            return case_id, f"same organisation ({organisation}) and year ({year})"
    return None


def last_year() -> int:
    """The history's last year (a file without a date is placed in it)."""
    return max(p.year for p in shipped_index())


def happened(case_id: str, how: str) -> Happened:
    """What the record ``case_id`` paid in public, as a fact."""
    case = record_of(case_id)
    amounts = [
        in_usd(o.amount, o.currency, o.year)
        for o in case.outcomes
        if o.counted and o.amount is not None
    ]
    found = [a for a in amounts if a is not None and a > 0]
    pending = any(o.status == "pending" for o in case.outcomes)
    nothing = case.no_public_outcome
    return Happened(
        id=case.id,
        organisation=case.organisation,
        year=case.year,
        matched_by=how,
        public_outcomes_usd=sum(found, Decimal(0)) if found or not pending else None,
        pending=pending,
        outcomes=case.outcomes,
        no_public_outcome="" if nothing is None else f"{nothing.reason} ({nothing.source})",
    )


# --- the estimate -------------------------------------------------------------------------------


def chance_of_none(priors: Sequence[HistoryPrior]) -> float:
    """The chance that no line happens (over the breach's shared effect, where there is one)."""
    if not priors:
        return 1.0
    if priors[0].tau == 0:
        found = 1.0
        for prior in priors:
            found *= 1.0 - prior.probability
        return found
    return none_at_all([p.logit for p in priors], priors[0].tau)


def figures(
    priors: tuple[HistoryPrior, ...], factor: float, seed: int = SEED, zero: float | None = None
) -> tuple[list[list[float]], list[float], list[float]]:
    """P5/P50/P95 of each line (exact) and of the total (lattice draws, then P5/P50/P95 with
    the exact chance of zero: a percentile at or below it is zero), × ``factor``; each line's
    chance; and the total's draws, sorted."""
    lines = [[line_quantile(p, q / 100) * factor for q in PERCENTILES] for p in priors]
    total = lattice_total(priors, factor, seed=seed)
    zero = chance_of_none(priors) if zero is None else zero
    shown = []
    for q, value in zip(PERCENTILES, sorted_percentiles(total, PERCENTILES), strict=True):
        shown.append(0.0 if q / 100 <= zero else value)
    return [*lines, shown], [p.probability for p in priors], total


def estimate(
    breach: Breach, *, seed: int = SEED, model: Model | None = None
) -> HistoryEstimate | None:
    """Expected public outcomes of ``breach`` from history, for the lines it does not state;
    None when it states every line (the user's figures win)."""
    from breachcalc.domain.cost_lines import base_currency, people_in
    from breachcalc.domain.money import Money
    from breachcalc.domain.regime import event_day, rule_day

    day = event_day(breach)  # the breach's year; the law's day picks the fine maximum
    year = day.year if day is not None else last_year()
    facts = breach_facts(breach, day, file_turnover_usd(breach, year), year)
    when = rule_day(breach).date or date(facts.year, 7, 1)
    match = matching_record(breach, None if day is None else day.year)
    fitted = model or (model_without(match[0]) if match else shipped_model())
    own = stated(breach)
    people = {
        fine_unit(code): people_in(breach, code)[0] or breach.affected
        for code in breach.jurisdictions
    }
    every = priors_for(facts, fitted, when, own, people)
    if not every:
        return None
    priors = tuple(p for p in every if p.probability >= NEGLIGIBLE)
    currency = base_currency(breach)
    factor, how = usd_factor(breach, currency, facts.year)
    zero = chance_of_none(every)
    found, _chances, _total = figures(priors, factor, seed, zero)

    def three(values: Sequence[float]) -> tuple[Money, Money, Money]:
        return tuple(Money(three_figures(v), currency) for v in values)  # type: ignore[return-value]

    lines = {
        prior.key: (*three(line), prior.probability)
        for prior, line in zip(priors, found[:-1], strict=True)
    }
    return HistoryEstimate(
        model=MODEL,
        cases=fitted.cases,
        fitted_on=fitted.fitted_on,
        currency=currency,
        conversion=how,
        priors=priors,
        figures=lines,
        total=three(found[-1]),
        trials=POINTS,
        seed=seed,
        given_any=False,
        usd_factor=factor,
        comparables=comparables(facts, exclude=match[0] if match else None),
        note=(
            "a statistical estimate of public outcomes (fines, settlements, enforcement, "
            "card-brand payments) for the lines the file does not state, with the chance that "
            "there is none at all; learned from past breaches, including ones that paid "
            "nothing; a line with a chance below 0.2% is left out"
        ),
        zero_chance=zero,
        out_of_sample=match is not None,
        actual=happened(*match) if match else None,
    )


def simulation_priors(breach: Breach) -> tuple[tuple[HistoryPrior, ...], float, bool]:
    """The history lines a simulation of ``breach`` adds, USD → its breach currency (no lines
    where no rate joins the two); drawn each with its own chance (the model gives the chance
    of no public outcome itself)."""
    from breachcalc.domain.cost_lines import base_currency, people_in
    from breachcalc.domain.regime import event_day, rule_day

    day = event_day(breach)
    year = day.year if day is not None else last_year()
    facts = breach_facts(breach, day, file_turnover_usd(breach, year), year)
    try:
        factor, _how = usd_factor(breach, base_currency(breach), facts.year)
    except LookupError:
        return (), 1.0, False
    when = rule_day(breach).date or date(facts.year, 7, 1)
    match = matching_record(breach, None if day is None else day.year)
    fitted = model_without(match[0]) if match else shipped_model()
    people = {
        fine_unit(code): people_in(breach, code)[0] or breach.affected
        for code in breach.jurisdictions
    }
    shown = priors_for(facts, fitted, when, stated(breach), people, negligible=False)
    return shown, factor, False


def with_history(result: Assessment) -> Assessment:
    """``result`` with its history estimate (the lines its file does not state)."""
    try:
        found = estimate(result.input)
    except LookupError:  # no rate from USD to the breach currency anywhere
        return result
    return replace(result, history=found)
