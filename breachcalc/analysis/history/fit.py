"""The fit."""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING, Any

from breachcalc.analysis.history.features import (
    BREACH_LINES,
    Facts,
    Observed,
    case_day,
    fine_units,
    training_set,
)

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

MODEL = "hurdle-lognormal/1"
"""The model's name and version, shown with every figure it produces."""

RIDGE = 1.0
"""Ridge penalty on every coefficient but the intercept (the data are few: 70-odd cases)."""

FEW = 5
"""A line seen fewer times than this borrows the fines' residual spread (when wider)."""

TRIALS = 20_000
SEED = 0

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


