"""The fit of the history model ``pooled-hurdle/2`` (docs/history-model.md).

Every line of every past breach is one row: the facts of the breach, the line, and what was
paid (positive, zero, or unknown while pending; unknown rows are left out). Two regressions
share one design over all rows, so every line borrows from the others:

* **occurrence**: ``P(line happens) = logistic(x·w)``, a penalised logistic regression;
* **amount**: ``ln(USD) | it happens ~ Normal(x·β, σ_c²·(1 + x'A⁻¹x))``, a ridge regression
  on the positive rows, ``A = X'X + Λ``.

``x`` holds shared columns (intercept, ln people, year, the selection of the record, financial,
sensitive and malicious) and, per line class, an intercept shift, a shift of the ln-people slope
and, for fines with a computable legal maximum, ln of that maximum. The penalty Λ is small on the
shared columns and 1 on every per-line column: a Gaussian prior that shrinks each line toward
the shared fit (partial pooling), so a line seen twice keeps close to the others. The residual
spread of a line class is shrunk toward the pooled spread with ``KAPPA`` pseudo-cases:
``σ_c² = (KAPPA·σ² + RSS_c) / (KAPPA + n_c)``.

numpy is used here only (at build time, in the back-test); the estimate reads the stored fit.
"""

from __future__ import annotations

import json
import math
import operator
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from breachcalc.analysis.history.features import (
    BREACH_LINES,
    Facts,
    Observed,
    case_day,
    fine_units,
    training_set,
)
from breachcalc.contract import FieldTuple
from breachcalc.reference.history import Case, history_compiled, per_usd
from breachcalc.reference.tables import data_file, fine_rule_on

MODEL = "pooled-hurdle/2"
"""The model's name and version, shown with every figure it produces."""

REGIONS = ("EU", "UK", "KR", "US")
CLASSES = (*(f"fine.{r}" for r in REGIONS), "fine.other", *BREACH_LINES)
"""Line classes: a fine of another jurisdiction is ``fine.other``."""
GROUPS = ("fine", *BREACH_LINES)

SHARED = ("intercept", "ln_people", "year", "curated", "financial", "sensitive", "malicious")
NAMES = (
    *SHARED,
    *(f"line:{c}" for c in CLASSES),
    *(f"ln_people:{g}" for g in GROUPS),
    "us:settlement",
    "us:enforcement",
    "has_cap",
    "ln_cap",
)
"""The columns of the design, in order (the fitted weights are stored by name)."""

CURATED = SHARED.index("curated")

SHARED_PENALTY = 0.1
"""Ridge penalty on the shared columns (not the intercept): nearly free."""
POOLING = 1.0
"""Ridge penalty on every per-line column: the strength of the pull toward the shared fit."""
KAPPA = 8.0
"""Pseudo-cases of the pooled residual spread in each line class's spread."""
CEILING_FLOOR = 10_000
"""A line's ceiling is per person, counted as at least this many people."""
HEADROOM = 2.0
"""A line's ceiling: HEADROOM × the largest amount per person the history shows for it."""
PEOPLE_CENTRE = 13.0
"""ln people is centred at ln(442,413) ≈ 13."""
CAP_CENTRE = 17.0
"""ln of a legal maximum in USD is centred at ln(24 million) ≈ 17."""

HARD_CAP_KINDS = frozenset({"fixed", "per_person", "share_of_related_turnover"})
"""Rule kinds whose maximum is known without a turnover only when it needs none."""
LEAST_CAP_KINDS = frozenset(
    {
        "greater_of_fixed_and_share",
        "greater_of_fixed_benefit_turnover",
        "share_above_threshold",
        "alternative_fixed_or_share",
    }
)
"""Rule kinds "the greater of a fixed sum and a share": without a turnover, the fixed sum is
the least the maximum can be, not a ceiling."""


def line_class(line: str) -> str:
    """``fine.FR``→``fine.EU`` is done by :func:`fine_unit`; here ``fine.SG``→``fine.other``."""
    return line if line in CLASSES else "fine.other"


def line_group(line: str) -> str:
    return "fine" if line.startswith("fine.") else line


class LegalCap(FieldTuple):
    """The fine maximum of the day in US dollars: ``hard`` when it binds, else the least it
    can be (the fixed sum of a "greater of" rule where no turnover is known); ``note`` says
    how it was found."""

    __slots__ = ()

    usd: float
    hard: bool
    note: str


def legal_cap(unit: str, day: date, people: int, turnover_usd: float | None) -> LegalCap | None:
    """The maximum of ``unit``'s fine rule on ``day`` (the GDPR and UK GDPR standard tier,
    Art. 83(4): a security failure), in US dollars at the yearly rate; None without a rule
    that fines, or without a rate."""
    from breachcalc.domain.fines import MissingInput, fine_cap
    from breachcalc.domain.money import format_money
    from breachcalc.input.breach import Fine

    if unit == "US":
        return None
    rule = fine_rule_on(unit, day)
    if rule is None or rule["kind"] == "none":
        return None
    currency = str(rule["currency"])
    rate = per_usd(currency, day.year)
    if rate is None:
        return None
    turnover = None
    if turnover_usd is not None:
        turnover = (Decimal(repr(turnover_usd)) * rate[0]).quantize(Decimal(1))
    inputs = Fine(turnover=turnover, currency=currency, tier="standard")
    try:
        cap = fine_cap(unit, inputs, people, (), day)
    except (MissingInput, LookupError):
        return None
    if cap.maximum is None or cap.maximum.amount <= 0:
        return None
    usd = float(cap.maximum.amount / rate[0])
    hard = not (turnover is None and rule["kind"] in LEAST_CAP_KINDS)
    how = "the maximum" if hard else "the least the maximum can be (no turnover given)"
    note = f"{cap.rule}: {format_money(cap.maximum)}, {how}; USD at the {rate[1]} average rate"
    return LegalCap(usd, hard, note)


def features(line: str, facts: Facts, cap: LegalCap | None) -> list[float]:
    """The design row of ``line`` for a breach with ``facts`` (see :data:`NAMES`)."""
    cls, group = line_class(line), line_group(line)
    lnp = facts.ln_people - PEOPLE_CENTRE
    hard = cap is not None and cap.hard and group == "fine"
    return [
        1.0,
        lnp,
        (facts.year - 2015) / 10,
        float(facts.curated),
        float(facts.financial),
        float(facts.sensitive),
        float(bool(facts.malicious)),
        *(float(cls == c) for c in CLASSES),
        *(lnp if group == g else 0.0 for g in GROUPS),
        float(facts.us and group == "settlement"),
        float(facts.us and group == "enforcement"),
        float(hard),
        math.log(cap.usd) - CAP_CENTRE if hard and cap is not None else 0.0,
    ]


def lines_of(facts: Facts, day: date, extra: Sequence[str] = ()) -> list[str]:
    """The lines a breach with ``facts`` can have: a fine per unit that fines on ``day``, the
    breach-level lines (card payments only with card data), and any ``extra`` it had."""
    found = [f"fine.{u}" for u in fine_units(facts.jurisdictions, day)]
    found += [x for x in extra if x.startswith("fine.") and x not in found]
    found += [x for x in BREACH_LINES if x != "card_brand_payments" or facts.cards]
    return found


Row = tuple[str, list[float], float | None, float]
"""(line, design row, ln USD or None for a zero, people)."""


def rows_of(obs: Observed) -> list[Row]:
    """Every known line of a past breach as a row (pending lines are left out)."""
    day = case_day(obs.case)
    amounts = {f"fine.{u}": v for u, v in obs.fines.items()} | dict(obs.lines)
    found: list[Row] = []
    for line in lines_of(obs.facts, day, [*amounts, *obs.unknown]):
        if line in obs.unknown:
            continue
        cap = None
        if line.startswith("fine."):
            cap = legal_cap(line[5:], day, obs.facts.people, obs.facts.turnover_usd)
        amount = amounts.get(line)
        found.append(
            (
                line,
                features(line, obs.facts, cap),
                math.log(amount) if amount else None,
                float(obs.facts.people),
            )
        )
    return found


class Model(FieldTuple):
    """The fitted model (plain floats: the estimate needs no numpy; a named tuple, which an
    estimate's start-up builds faster than a frozen dataclass)."""

    __slots__ = ()

    w: tuple[float, ...]
    beta: tuple[float, ...]
    inverse: tuple[tuple[float, ...], ...]
    sigma: dict[str, float]
    counts: dict[str, tuple[int, int]]
    """Line class → (cases where it happened, cases where it was known)."""
    ceiling: dict[str, float]
    """Line group → US dollars per person (at least CEILING_FLOOR people)."""
    cases: int
    zeros: int
    fitted_on: str = ""
    """The date of the data (``[meta] compiled`` of the history)."""
    tau: float = 0.0
    """The spread of the breach's shared effect on the log-odds of every line (0: the lines
    happen independently)."""

    @property
    def scale(self) -> float:
        """The marginal log-odds × this = the log-odds given the shared effect (the logistic
        attenuation of a random intercept, c = √(1 + 0.346 τ²))."""
        return math.sqrt(1.0 + SHRINK * self.tau**2)

    def logit(self, x: Sequence[float]) -> float:
        """The line's log-odds given a shared effect of zero: ``scale · Σ w_i x_i`` over the
        columns that are not zero, summed with C-level maps over every column (a zero
        column's term is ±0.0, and adding it changes no float)."""
        total: float = sum(map(operator.mul, self.w, x))
        return self.scale * total

    def probability(self, x: Sequence[float]) -> float:
        """The line's chance, averaged over the shared effect."""
        return marginal(self.logit(x), self.tau)

    def amount(self, line: str, x: Sequence[float]) -> tuple[float, float]:
        """(μ, σ) of ln USD for a new case with design row ``x`` (its selection left out:
        it moves the chance, not the amount)."""
        x = list(x)
        if len(x) != len(self.beta):
            raise ValueError(f"a design row of {len(x)} columns, not {len(self.beta)}")
        x[CURATED] = 0.0
        mu = sum(map(operator.mul, self.beta, x))
        # x'A⁻¹x over the columns that are not zero, in the same order (the same floats)
        used = [j for j, xj in enumerate(x) if xj]
        values = [x[j] for j in used]
        spread = 0.0
        for i, xi in zip(used, values, strict=True):
            spread += xi * sum(map(operator.mul, map(self.inverse[i].__getitem__, used), values))
        return mu, self.sigma[line_class(line)] * math.sqrt(1.0 + spread)

    def effective(self, line: str) -> float:
        """The effective number of cases behind a line's spread: its own plus the pool's
        pseudo-cases."""
        return self.counts[line_class(line)][0] + KAPPA


SHRINK = 0.346
"""(16√3 / 15π)²: how a random intercept of spread τ shrinks logistic log-odds on average."""
NODES = 16
"""Points of the shared effect's average (the midpoints of 16 equal-probability strata)."""
TAUS = tuple(t / 4 for t in range(13))
"""The spreads of the shared effect tried in the fit: 0 to 3 by 0.25."""


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


@cache
def shared_nodes() -> tuple[float, ...]:
    """Standard normal quantiles of the midpoints of :data:`NODES` equal-probability strata."""
    from statistics import NormalDist

    inverse = NormalDist().inv_cdf
    return tuple(inverse((j + 0.5) / NODES) for j in range(NODES))


@cache
def _spread_nodes(tau: float) -> tuple[tuple[float, ...], float]:
    """τ u at each node of :func:`shared_nodes` (the same floats as ``tau * u``), and how far
    a log-odds may lie from zero for no ``logit + τ u`` to reach the clamp of ±30."""
    spread = tuple(tau * u for u in shared_nodes())
    return spread, 29.0 - max(abs(t) for t in spread)


def marginal(logit: float, tau: float) -> float:
    """The chance σ(logit + τ u) averaged over the shared effect u ~ N(0, 1)."""
    if tau == 0:
        return _sigmoid(logit)
    spread, free = _spread_nodes(tau)
    if -free < logit < free:  # no node is clamped: the same floats as _sigmoid's
        # 1 / (1 + exp(−(logit + t))) at each node, with C-level maps
        below = map(
            (1.0).__add__, map(math.exp, map(operator.neg, map(float(logit).__add__, spread)))
        )
        return sum(map((1.0).__truediv__, below)) / NODES
    exp = math.exp
    return sum(1.0 / (1.0 + exp(-max(min(logit + t, 30.0), -30.0))) for t in spread) / NODES


def none_at_all(logits: Sequence[float], tau: float) -> float:
    """The chance that no line happens: Π(1 − σ(logit_k + τ u)) averaged over u."""
    if tau == 0:
        found = 1.0
        for z in logits:
            found *= 1.0 - _sigmoid(z)
        return found
    exp = math.exp
    total = 0.0
    for t in _spread_nodes(tau)[0]:
        found = 1.0
        for z in logits:
            found *= 1.0 - 1.0 / (1.0 + exp(-max(min(z + t, 30.0), -30.0)))
        total += found
    return total / NODES


def _shared_spread(made: Sequence[Sequence[Row]], curated: Sequence[bool], w: Any) -> float:
    """The τ of :data:`TAUS` with the highest likelihood of each breach's pattern of lines
    (a curated breach's given that some line happened: that is how it was chosen), the
    marginal log-odds held and scaled by c(τ)."""
    import numpy as np

    nodes = np.array(shared_nodes())
    kept = [(rows, selected) for rows, selected in zip(made, curated, strict=True) if rows]
    x = np.array([r[1] for rows, _s in kept for r in rows], dtype=np.float64)
    y = np.array([0.0 if r[2] is None else 1.0 for rows, _s in kept for r in rows])
    starts = np.cumsum([0] + [len(rows) for rows, _s in kept[:-1]])
    selected = np.array([s for _rows, s in kept])
    eta = x @ w
    best, chosen = -math.inf, 0.0
    for tau in TAUS:
        c = math.sqrt(1.0 + SHRINK * tau**2)
        p = 1.0 / (1.0 + np.exp(-(c * eta[:, None] + tau * nodes[None, :])))
        p = np.clip(p, 1e-12, 1 - 1e-12)
        logs = np.where(y[:, None] > 0, np.log(p), np.log1p(-p))
        pattern = np.exp(np.add.reduceat(logs, starts, axis=0)).mean(axis=1)
        none = np.exp(np.add.reduceat(np.log1p(-p), starts, axis=0)).mean(axis=1)
        pattern = np.where(selected, pattern / np.maximum(1.0 - none, 1e-12), pattern)
        total = float(np.log(np.maximum(pattern, 1e-300)).sum())
        if total > best + 1e-9:
            best, chosen = total, tau
    return chosen


def _penalty(size: int) -> Any:
    import numpy as np

    diagonal = [0.0] + [SHARED_PENALTY] * (len(SHARED) - 1)
    diagonal += [POOLING] * (size - len(SHARED))
    return np.diag(diagonal)


def _logistic(x: Any, t: Any) -> Any:
    import numpy as np

    penalty = _penalty(x.shape[1])
    w = np.zeros(x.shape[1])
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (t - p) - penalty @ w
        hessian = (x.T * (p * (1 - p))) @ x + penalty + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hessian, gradient)
        w = w + step
        if float(np.abs(step).max()) < 1e-10:
            break
    return w


def fit(training: Sequence[Observed], rows: Sequence[Sequence[Row]] | None = None) -> Model:
    """Fit the model on ``training`` (the history, or all of it but one case); ``rows`` are
    their rows where already made (:func:`rows_of`, in the same order)."""
    import numpy as np

    made = [rows_of(obs) for obs in training] if rows is None else rows
    flat = [r for mine in made for r in mine]
    x = np.array([r[1] for r in flat], dtype=np.float64)
    t = np.array([0.0 if r[2] is None else 1.0 for r in flat])
    w = _logistic(x, t)
    tau = _shared_spread(made, [o.facts.curated for o in training], w)
    positive = [r for r in flat if r[2] is not None]
    xa = np.array([r[1] for r in positive], dtype=np.float64)
    xa[:, CURATED] = 0.0  # selection moves whether something is paid, not how much
    ya = np.array([r[2] for r in positive], dtype=np.float64)
    inverse = np.linalg.inv(xa.T @ xa + _penalty(xa.shape[1]))
    beta = inverse @ xa.T @ ya
    residuals = ya - xa @ beta
    pooled = float((residuals**2).sum()) / max(len(ya) - 8, 1)
    sigma: dict[str, float] = {}
    counts: dict[str, tuple[int, int]] = {}
    for cls in CLASSES:
        mine = [i for i, r in enumerate(positive) if line_class(r[0]) == cls]
        rss = float(sum(residuals[i] ** 2 for i in mine))
        sigma[cls] = math.sqrt((KAPPA * pooled + rss) / (KAPPA + len(mine)))
        counts[cls] = (len(mine), sum(1 for r in flat if line_class(r[0]) == cls))
    ceiling: dict[str, float] = {}
    for group in GROUPS:
        per = [
            math.exp(r[2]) / max(r[3], CEILING_FLOOR)
            for r in positive
            if line_group(r[0]) == group and r[2] is not None
        ]
        ceiling[group] = HEADROOM * max(per) if per else 0.0
    return Model(
        w=tuple(float(v) for v in w),
        beta=tuple(float(v) for v in beta),
        inverse=tuple(tuple(float(v) for v in row) for row in inverse),
        sigma=sigma,
        counts=counts,
        ceiling=ceiling,
        cases=len(training),
        zeros=sum(1 for o in training if o.total_known and o.total == 0),
        fitted_on=history_compiled(),
        tau=tau,
    )


def model_to_json(model: Model) -> dict[str, Any]:
    """The fitted model as plain JSON values (weights by column name)."""
    return {
        "model": MODEL,
        "columns": list(NAMES),
        "w": list(model.w),
        "beta": list(model.beta),
        "inverse_upper": [v for i, row in enumerate(model.inverse) for v in row[i:]],
        "sigma": model.sigma,
        "counts": {k: list(v) for k, v in model.counts.items()},
        "ceiling": model.ceiling,
        "cases": model.cases,
        "zeros": model.zeros,
        "fitted_on": model.fitted_on,
        "tau": model.tau,
    }


def model_from_json(data: dict[str, Any]) -> Model:
    """:func:`model_to_json` read back."""
    if list(data["columns"]) != list(NAMES):
        raise ValueError("history_model.json: the columns are not this model's")
    size = len(NAMES)
    upper = data["inverse_upper"]
    full = [[0.0] * size for _ in range(size)]
    k = 0
    for i in range(size):
        for j in range(i, size):
            full[i][j] = full[j][i] = float(upper[k])
            k += 1
    return Model(
        w=tuple(data["w"]),
        beta=tuple(data["beta"]),
        inverse=tuple(tuple(row) for row in full),
        sigma={k: float(v) for k, v in data["sigma"].items()},
        counts={k: (int(v[0]), int(v[1])) for k, v in data["counts"].items()},
        ceiling={k: float(v) for k, v in data["ceiling"].items()},
        cases=int(data["cases"]),
        zeros=int(data["zeros"]),
        fitted_on=str(data["fitted_on"]),
        tau=float(data.get("tau", 0.0)),
    )


def _text(name: str) -> str | None:
    stored = data_file(name)
    return stored.read_text("utf-8") if stored.is_file() else None


@cache
def stored_json() -> dict[str, Any] | None:
    """``data/history_model.json``: the fit on the whole history and the index of past
    breaches the estimate compares with (None where it is missing)."""
    text = _text("history_model.json")
    return None if text is None else dict(json.loads(text))


@cache
def shipped_model() -> Model:
    """The model fitted on the whole shipped history: ``data/history_model.json``, built by
    ``scripts/build_history.py`` (a test checks it against a fresh :func:`fit`), or a fresh
    fit where that file is missing."""
    stored = stored_json()
    return fit(training_set()) if stored is None else model_from_json(stored)


@cache
def _loo_line(case_id: str) -> dict[str, Any] | None:
    """The line of ``data/history_loo.jsonl`` for ``case_id``, found by its byte offset in
    ``history_model.json`` (only that line is read)."""
    where = (stored_json() or {}).get("loo_offsets", {}).get(case_id)
    stored = data_file("history_loo.jsonl")
    if where is None or not stored.is_file():
        return None
    with stored.open("rb") as handle:  # read only its line: the file is 1.4 MB
        handle.seek(where[0])
        return dict(json.loads(handle.read(where[1]).decode("utf-8")))


def model_without(case_id: str) -> Model:
    """The model fitted on every past breach but ``case_id`` (no breach forecasts itself):
    its stored leave-one-out fit, or a fresh fit."""
    stored = _loo_line(case_id)
    if stored is not None:
        return model_from_json(stored)
    return fit([o for o in training_set() if o.case.id != case_id])


def record_of(case_id: str) -> Case:
    """The history record ``case_id``: from its leave-one-out line where stored (so that
    what happened is shown without loading the whole history), else from the history."""
    from breachcalc.reference.history import case_of, history

    stored = _loo_line(case_id)
    if stored is not None and stored.get("record") is not None:
        return case_of(stored["record"])
    return next(c for c in history() if c.id == case_id)


def compiled_fits() -> tuple[str, str]:
    """The text of ``history_model.json`` (with the index of past breaches) and
    ``history_loo.jsonl`` (one line per breach: the fit without it, its id first), rounded to
    12 significant digits so that any CPU writes the same file."""
    training = training_set()

    def rounded(value: Any) -> Any:
        if isinstance(value, float):
            return float(f"{value:.12g}")
        if isinstance(value, list):
            return [rounded(v) for v in value]
        if isinstance(value, dict):
            return {k: rounded(v) for k, v in value.items()}
        return value

    from breachcalc.analysis.history.comparables import index_to_json, profile_of
    from breachcalc.reference.history import raw_records

    raw = {r["id"]: r for r in raw_records()}
    made = [rows_of(o) for o in training]
    whole = rounded(model_to_json(fit(training, made)))
    whole["index"] = rounded(index_to_json([profile_of(o) for o in training if o.total_known]))
    lines = []
    offsets: dict[str, list[int]] = {}
    at = 0
    for i, o in enumerate(training):
        rest = training[:i] + training[i + 1 :]
        fitted = rounded(model_to_json(fit(rest, made[:i] + made[i + 1 :])))
        record = {"id": o.case.id, "record": raw.get(o.case.id), **fitted}
        line = json.dumps(record, separators=(",", ":"), ensure_ascii=False) + "\n"
        size = len(line.encode("utf-8"))
        offsets[o.case.id] = [at, size]
        at += size
        lines.append(line)
    whole["loo_offsets"] = offsets
    return json.dumps(whole, sort_keys=True, indent=1) + "\n", "".join(lines)
