"""What breaches like this one actually cost: a model fitted on the shipped breach history.

**The model** (``hurdle-lognormal/1``). A breach's public outcomes fall into lines: a regulator
fine in each jurisdiction that can fine, a consumer settlement or court award, government
enforcement money (US federal and state), and payments to banks and card brands. Each line is a
*hurdle lognormal*:

* it happens with probability ``p = logistic(x·w)``, a ridge logistic regression on the facts
  a person knows soon after (the jurisdiction, whether the US or Korea is involved, whether
  financial data leaked, ln people; for fines the region and the decade);
* when it happens, ``ln(amount in USD) ~ Normal(x·β, σ²)``, a ridge regression on ln people and
  the same facts; ``σ`` is the residual spread, widened for the new case's distance from the
  data (``σ·√(1 + x'(X'X + λI)⁻¹x)``, the usual prediction interval);
* a fine never exceeds the fine maximum of the breach's day where breachcalc can compute it.

The history holds only breaches that had a public money outcome, so the lines are drawn given
that at least one happens (:func:`breachcalc.domain.priors.draw_priors`). Amounts are nominal
US dollars at the outcome year's average rate (``data/fx_yearly.toml``).

Everything here is pure: the history and a breach in, numbers out; numpy only inside the fit
and for an estimate the stored draws (``data/history_draws.bin``) do not cover.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

from breachcalc.contract import cents, computed, four_places_or_null, hidden, out, result
from breachcalc.domain.priors import (
    Comparable,
    HistoryEstimate,
    HistoryPrior,
    decimal_of,
    draw_priors,
    draw_priors_stored,
    percentiles,
)
from breachcalc.input.breach import Breach
from breachcalc.reference.history import (
    DRAWS_LINES,
    DRAWS_SEED,
    DRAWS_TRIALS,
    Case,
    Outcome,
    history,
    history_compiled,
    in_usd,
    per_usd,
    stored_draws,
)
from breachcalc.reference.tables import catalogue, fine_rule_on, fine_rules

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from breachcalc.domain.assessment import Assessment

MODEL = "hurdle-lognormal/1"
"""The model's name and version, shown with every figure it produces."""

RIDGE = 1.0
"""Ridge penalty on every coefficient but the intercept (the data are few: 70-odd cases)."""

FEW = 5
"""A line seen fewer times than this borrows the fines' residual spread (when wider)."""

TRIALS = 20_000
SEED = 0

EU_MEMBERS = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "IS",
        "LI",
        "NO",
    ]
)
"""EU and EEA states: their national fines count as EU (GDPR) fines."""

BREACH_LINES = ("settlement", "enforcement", "card_brand_payments")
KIND_LINE = {
    "regulator_fine": "fine",
    "consumer_settlement": "settlement",
    "court_award": "settlement",
    "enforcement": "enforcement",
    "card_brand_payments": "card_brand_payments",
}
LABELS = {
    "settlement": "Settlements and court awards",
    "enforcement": "Government enforcement",
    "card_brand_payments": "Payments to banks and card brands",
}


# --- facts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    """What the model conditions on: the facts known soon after a breach."""

    people: int
    categories: frozenset[str]
    jurisdictions: tuple[str, ...]
    year: int

    @property
    def ln_people(self) -> float:
        return math.log(max(self.people, 1))

    @property
    def us(self) -> bool:
        return any(code.startswith("US") for code in self.jurisdictions)

    @property
    def kr(self) -> bool:
        return "KR" in self.jurisdictions

    @property
    def ca(self) -> bool:
        return "CA" in self.jurisdictions

    @property
    def financial(self) -> bool:
        cats = catalogue().categories
        return (
            any(cats[c].enisa_class == "financial" for c in self.categories if c in cats)
            or "credentials" in self.categories
        )

    @property
    def cards(self) -> bool:
        return "payment_cards" in self.categories

    @property
    def classes(self) -> frozenset[str]:
        cats = catalogue().categories
        return frozenset(cats[c].enisa_class for c in self.categories if c in cats)


def fine_unit(code: str) -> str:
    """The fine line a jurisdiction code belongs to: every US code is one US line; EU and EEA
    states are the EU's; others stand for themselves."""
    if code.startswith("US"):
        return "US"
    if code in EU_MEMBERS:
        return "EU"
    return code


def fine_units(jurisdictions: Iterable[str], day: date) -> list[str]:
    """The fine lines of a set of jurisdictions on ``day``: US always (its regulators fine
    without a statutory cap), others only where breachcalc has a fine rule that fines."""
    units: list[str] = []
    for code in jurisdictions:
        unit = fine_unit(code)
        if unit in units:
            continue
        if unit != "US":
            if unit not in fine_rules():
                continue
            rule = fine_rule_on(unit, day)
            if rule is None or rule["kind"] == "none":
                continue
        units.append(unit)
    return units


def case_facts(case: Case) -> Facts:
    """A past breach's facts (its people must be known)."""
    assert case.people is not None
    return Facts(case.people, frozenset(case.categories), case.jurisdictions, case.year)


def breach_facts(breach: Breach, day: date | None) -> Facts:
    """A breach file's facts; a file without a date is placed in the history's last year."""
    year = day.year if day is not None else max(c.year for c in history())
    return Facts(
        breach.affected, frozenset(breach.category_keys), tuple(breach.jurisdictions), year
    )


def case_day(case: Case) -> date:
    """The day whose law applied to a past breach: discovered, else 1 July of its year."""
    if case.discovered:
        return date.fromisoformat(case.discovered)
    return date(case.year, 7, 1)


# --- the public-outcome totals of the history -------------------------------------------------


@dataclass(frozen=True)
class Observed:
    """A past breach's counted public outcomes in US dollars, by line."""

    case: Case
    facts: Facts
    fines: dict[str, float]
    lines: dict[str, float]

    @property
    def total(self) -> float:
        return sum(self.fines.values()) + sum(self.lines.values())


def observed(case: Case) -> Observed | None:
    """The case's counted outcomes by line, in USD; None when it has none or no people."""
    if case.people is None:
        return None
    fines: dict[str, float] = {}
    lines: dict[str, float] = {}
    for outcome in case.outcomes:
        if not outcome.counted:
            continue
        usd = in_usd(outcome.amount, outcome.currency, outcome.year)
        if usd is None or usd <= 0:
            continue
        line = KIND_LINE[outcome.kind]
        if line == "fine":
            unit = fine_unit(outcome.jurisdiction)
            fines[unit] = fines.get(unit, 0.0) + float(usd)
        else:
            lines[line] = lines.get(line, 0.0) + float(usd)
    if not fines and not lines:
        return None
    return Observed(case, case_facts(case), fines, lines)


def training_set(cases: Iterable[Case] | None = None) -> list[Observed]:
    """Every past breach the model can learn from."""
    found = (observed(c) for c in (history() if cases is None else cases))
    return [o for o in found if o is not None]


# --- the fit ---------------------------------------------------------------------------------

REGIONS = ("EU", "UK", "KR", "US")


def _fine_x(unit: str, facts: Facts) -> list[float]:
    """Fine features: ln people, the region, and the decade (fines grew with the GDPR of 2018
    and Korea's 2023 total-revenue basis: a trend stands in for the regime change)."""
    return [1.0, facts.ln_people, *(float(unit == r) for r in REGIONS), (facts.year - 2015) / 10]


def _line_x(line: str, facts: Facts) -> list[float]:
    if line == "card_brand_payments":
        return [1.0, facts.ln_people, float(facts.us)]
    return [
        1.0,
        facts.ln_people,
        float(facts.us),
        float(facts.kr),
        float(facts.ca),
        float(facts.financial),
    ]


@dataclass(frozen=True)
class Part:
    """One line's fitted hurdle: occurrence weights, amount coefficients and spread."""

    w: tuple[float, ...]
    beta: tuple[float, ...]
    sigma: float
    inverse: tuple[tuple[float, ...], ...]
    occurrences: int
    units: int

    def probability(self, x: Sequence[float]) -> float:
        z = sum(a * b for a, b in zip(self.w, x, strict=True))
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def amount(self, x: Sequence[float]) -> tuple[float, float]:
        """(μ, σ) of ln USD for a new case with features ``x``."""
        mu = sum(a * b for a, b in zip(self.beta, x, strict=True))
        spread = sum(x[i] * self.inverse[i][j] * x[j] for i in range(len(x)) for j in range(len(x)))
        return mu, self.sigma * math.sqrt(1.0 + spread)


@dataclass(frozen=True)
class Model:
    """The fitted model: one :class:`Part` for fines (pooled over jurisdictions, with a
    region effect) and one per breach-level line."""

    fine: Part
    lines: dict[str, Part]
    cases: int


def _ridge_logistic(x: npt.NDArray[np.float64], t: npt.NDArray[np.float64]) -> npt.NDArray[Any]:
    import numpy as np

    penalty = RIDGE * np.eye(x.shape[1])
    penalty[0, 0] = 0.0
    w = np.zeros(x.shape[1])
    for _ in range(60):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (t - p) - penalty @ w
        hessian = -(x.T * (p * (1 - p))) @ x - penalty - 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hessian, gradient)
        w = w - step
        if float(np.abs(step).max()) < 1e-10:
            break
    return w


def _part(rows: list[tuple[list[float], float | None]]) -> Part:
    """Fit one hurdle from (features, ln amount or None when the line did not happen)."""
    import numpy as np

    x = np.array([r[0] for r in rows], dtype=np.float64)
    t = np.array([0.0 if r[1] is None else 1.0 for r in rows])
    w = _ridge_logistic(x, t)
    happened = [(r[0], r[1]) for r in rows if r[1] is not None]
    xa = np.array([h[0] for h in happened], dtype=np.float64)
    ya = np.array([h[1] for h in happened], dtype=np.float64)
    penalty = RIDGE * np.eye(xa.shape[1])
    penalty[0, 0] = 0.0
    inverse = np.linalg.inv(xa.T @ xa + penalty)
    beta = inverse @ xa.T @ ya
    dof = max(len(ya) - xa.shape[1], 1)
    sigma = float(math.sqrt(float(((ya - xa @ beta) ** 2).sum()) / dof))
    return Part(
        w=tuple(float(v) for v in w),
        beta=tuple(float(v) for v in beta),
        sigma=sigma,
        inverse=tuple(tuple(float(v) for v in row) for row in inverse),
        occurrences=len(ya),
        units=len(rows),
    )


def fit(training: Sequence[Observed]) -> Model:
    """Fit every line on ``training`` (the history, or all of it but one case)."""
    fine_rows: list[tuple[list[float], float | None]] = []
    line_rows: dict[str, list[tuple[list[float], float | None]]] = {k: [] for k in BREACH_LINES}
    for obs in training:
        units = fine_units(obs.case.jurisdictions, case_day(obs.case))
        units += [u for u in obs.fines if u not in units]
        for unit in units:
            amount = obs.fines.get(unit)
            fine_rows.append((_fine_x(unit, obs.facts), math.log(amount) if amount else None))
        for line in BREACH_LINES:
            if line == "card_brand_payments" and not obs.facts.cards:
                continue
            amount = obs.lines.get(line)
            line_rows[line].append((_line_x(line, obs.facts), math.log(amount) if amount else None))
    fine = _part(fine_rows)
    lines = {}
    for line, rows in line_rows.items():
        part = _part(rows)
        if part.occurrences < FEW:  # two or three amounts cannot measure a spread
            part = replace(part, sigma=max(part.sigma, fine.sigma))
        lines[line] = part
    return Model(fine=fine, lines=lines, cases=len(training))


@cache
def shipped_model() -> Model:
    """The model fitted on the whole shipped history: the fit compiled into
    ``data/history_model.json`` by ``scripts/build_history.py`` (a test checks it equals a
    fresh :func:`fit`), or a fresh fit where that file is missing."""
    import json
    from importlib.resources import files

    stored = files("breachcalc.reference").joinpath("data", "history_model.json")
    if not stored.is_file():
        return fit(training_set())
    return model_from_json(json.loads(stored.read_text("utf-8")))


def model_to_json(model: Model) -> dict[str, Any]:
    """The fitted model as plain JSON values (floats round-trip exactly)."""

    def part(p: Part) -> dict[str, Any]:
        return {
            "w": list(p.w),
            "beta": list(p.beta),
            "sigma": p.sigma,
            "inverse": [list(row) for row in p.inverse],
            "occurrences": p.occurrences,
            "units": p.units,
        }

    return {
        "model": MODEL,
        "cases": model.cases,
        "fine": part(model.fine),
        "lines": {k: part(v) for k, v in model.lines.items()},
    }


def model_from_json(data: dict[str, Any]) -> Model:
    """:func:`model_to_json` read back."""

    def part(p: dict[str, Any]) -> Part:
        return Part(
            w=tuple(p["w"]),
            beta=tuple(p["beta"]),
            sigma=float(p["sigma"]),
            inverse=tuple(tuple(row) for row in p["inverse"]),
            occurrences=int(p["occurrences"]),
            units=int(p["units"]),
        )

    return Model(
        fine=part(data["fine"]),
        lines={k: part(v) for k, v in data["lines"].items()},
        cases=int(data["cases"]),
    )


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
    from breachcalc.domain.cost_lines import people_in, rates
    from breachcalc.domain.fines import MissingInput, fine_cap
    from breachcalc.domain.money import convert, format_money
    from breachcalc.input.breach import Fine

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
        if cap.maximum is None:
            continue
        try:
            usd = convert(cap.maximum, "USD", rates(breach)).amount
            how = "the file's rate"
        except LookupError:
            rate = per_usd(cap.maximum.currency, year)
            if rate is None:
                found[unit] = (None, f"no cap: no rate from {cap.maximum.currency} to USD")
                continue
            usd = cap.maximum.amount / rate[0]
            how = f"the {rate[1]} average rate"
        found[unit] = (float(usd), f"{cap.rule}: {format_money(cap.maximum)} ({how})")
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
    from breachcalc.domain.regime import event_day

    day = event_day(breach)
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
        conversion=how,
        priors=priors,
        figures=lines,
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
    from breachcalc.domain.regime import event_day

    day = event_day(breach)
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
        found = estimate(result.input)
    except LookupError:  # no rate from USD to the breach currency anywhere
        return result
    return replace(result, history=found)


# --- comparables and the listing -------------------------------------------------------------


def similarity(facts: Facts, other: Facts) -> tuple[float, str]:
    """A distance (smaller is closer) and why: size on a log scale, data classes,
    jurisdictions and year."""
    size = abs(facts.ln_people - other.ln_people) / math.log(10)
    union = facts.classes | other.classes
    shared = facts.classes & other.classes
    classes = 1.0 - (len(shared) / len(union) if union else 1.0)
    mine = {fine_unit(c) for c in facts.jurisdictions}
    theirs = {fine_unit(c) for c in other.jurisdictions}
    places = 0.0 if mine & theirs else 1.0
    years = abs(facts.year - other.year) / 20
    distance = size + 0.5 * classes + 0.5 * places + years
    ratio = other.people / max(facts.people, 1)
    why = [
        f"{_times(ratio)} the people" if ratio >= 1 else f"{_times(1 / ratio)} fewer people",
        (
            "same data classes"
            if not classes
            else f"shares {', '.join(sorted(shared)) or 'no'} data"
        ),
        (f"shares {', '.join(sorted(mine & theirs))}" if mine & theirs else "other jurisdictions"),
        str(other.year),
    ]
    return distance, "; ".join(why)


def _times(ratio: float) -> str:
    """``1.5×``, ``41×``, ``3,000×``: two significant figures, never an exponent."""
    return f"{ratio:.2g}×" if ratio < 10 else f"{round(ratio):,}×"


def comparables(facts: Facts, count: int = 5) -> tuple[Comparable, ...]:
    """The ``count`` past breaches closest to ``facts``, with their public totals in USD."""
    scored = []
    for obs in training_set():
        distance, why = similarity(facts, obs.facts)
        scored.append((distance, obs, why))
    scored.sort(key=lambda s: (s[0], s[1].case.id))
    return tuple(
        Comparable(
            id=obs.case.id,
            organisation=obs.case.organisation,
            year=obs.case.year,
            people=obs.facts.people,
            public_outcomes_usd=decimal_of(obs.total),
            why=why,
        )
        for _d, obs, why in scored[:count]
    )


@result
class PerPerson:
    """An amount per person, to four decimals (a small amount keeps its digits)."""

    amount: Decimal = out("The amount, to four decimals.")
    currency: str = out("ISO 4217 currency code.")


@result
class Listed:
    """One past breach as ``breachcalc history`` lists it: the facts known soon after, its
    public outcomes in total and per person, and every outcome."""

    case: Case = out("The breach's facts.", key="*")
    public_outcomes_usd: Decimal | None = out(
        "Its public money outcomes, in US dollars to the cent, or null without any.",
        encode=cents,
    )
    per_person_exact: Decimal | None = hidden()
    currency: str = hidden()
    similarity: float | None = out(
        "Distance to the `--like` breach (0 is identical), or null.",
        encode=four_places_or_null,
    )
    why: str = out("Why it is like the `--like` breach (empty without one).")

    @property
    @computed("Public outcomes per person, or null.", after="public_outcomes_usd")
    def per_person(self) -> PerPerson | None:
        """``per_person_exact`` to four decimals, in the listing's currency."""
        if self.per_person_exact is None:
            return None
        return PerPerson(self.per_person_exact.quantize(Decimal("0.0001")), self.currency)

    @property
    @computed("Every public money outcome, with its source.")
    def outcomes(self) -> tuple[Outcome, ...]:
        """The case's outcomes."""
        return self.case.outcomes


HISTORY_CONVERSION = (
    "yearly average rate of each outcome's year (Federal Reserve G.5A and "
    "others, data/fx_yearly.toml); nominal, no inflation adjustment"
)


@result
class HistoryListing:
    """``breachcalc history``: the shipped history, filtered."""

    compiled: str = out("The date the history was compiled.")
    currency: str = out("The currency of the per-person figures.")
    breaches: tuple[Listed, ...] = out("The breaches kept, in order.")
    conversion: str = out(
        "How amounts were converted into US dollars.", default=HISTORY_CONVERSION, after="currency"
    )

    @property
    @computed("How many breaches are listed.", after="conversion")
    def count(self) -> int:
        """The number of breaches."""
        return len(self.breaches)


@dataclass(frozen=True)
class Filters:
    """What ``breachcalc history`` keeps: every condition given must hold."""

    jurisdictions: tuple[str, ...] = ()
    people: tuple[float, float] | None = None
    categories: tuple[str, ...] = ()
    since: int | None = None

    def keeps(self, case: Case) -> bool:
        if self.jurisdictions:
            mine = {fine_unit(c) for c in case.jurisdictions} | set(case.jurisdictions)
            mine |= {o.jurisdiction for o in case.outcomes}
            if not any(code in mine or fine_unit(code) in mine for code in self.jurisdictions):
                return False
        low, high = self.people or (0.0, math.inf)
        if self.people is not None and (case.people is None or not low <= case.people <= high):
            return False
        if self.categories and not set(self.categories) <= set(case.categories):
            return False
        return self.since is None or case.year >= self.since


def counted_total_usd(case: Case) -> Decimal | None:
    """The case's public-outcome total in US dollars (None without a counted outcome)."""
    found = [in_usd(o.amount, o.currency, o.year) for o in case.outcomes if o.counted]
    amounts = [a for a in found if a is not None]
    return sum(amounts, Decimal(0)) if amounts else None


def listing(
    filters: Filters, currency: str = "USD", like: Facts | None = None, limit: int | None = None
) -> list[Listed]:
    """The history, filtered; per-person outcomes in ``currency`` (yearly average of each
    outcome's year); with ``like``, sorted by similarity and each row saying why."""
    rows = []
    for case in history():
        if not filters.keeps(case):
            continue
        total = counted_total_usd(case)
        converted = None
        if total is not None and case.people:
            rate = per_usd(currency, max(o.year for o in case.outcomes))
            if rate is not None:
                converted = total * rate[0] / case.people
        distance, why = (None, "")
        if like is not None and case.people is not None:
            distance, why = similarity(like, case_facts(case))
        rows.append(Listed(case, total, converted, currency, distance, why))
    if like is not None:
        rows.sort(key=lambda r: (r.similarity is None, r.similarity or 0.0, r.case.id))
    return rows[:limit] if limit else rows
