"""The previous model, ``hurdle-lognormal/1``, frozen as it shipped: a baseline for the back-test.

One ridge hurdle per line (fines pooled over jurisdictions with a region effect; settlements,
enforcement and card-brand payments each on their own), fitted on the 76 breaches of
2026-12-01 and drawn *given that some public outcome happens* (it could not say "nothing").
Its coefficients are ``reference/data/history_model_v1.json``, never refitted: on the 76
breaches it was fitted on, the back-test scores it in sample (an advantage it keeps).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from breachcalc.analysis.history.features import BREACH_LINES, Facts, fine_units
from breachcalc.domain.priors import HistoryPrior
from breachcalc.reference.tables import data_text

NAME = "hurdle-lognormal/1"
REGIONS = ("EU", "UK", "KR", "US")


@dataclass(frozen=True)
class Part:
    """One line's frozen hurdle."""

    w: tuple[float, ...]
    beta: tuple[float, ...]
    sigma: float
    inverse: tuple[tuple[float, ...], ...]

    def prior(self, key: str, kind: str, x: Sequence[float]) -> HistoryPrior:
        z = sum(a * b for a, b in zip(self.w, x, strict=True))
        p = 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))
        mu = sum(a * b for a, b in zip(self.beta, x, strict=True))
        n = len(x)
        spread = sum(x[i] * self.inverse[i][j] * x[j] for i in range(n) for j in range(n))
        sigma = self.sigma * math.sqrt(1.0 + spread)
        return HistoryPrior(key, kind, key, p, mu, sigma, None, "", "")


def _part(data: dict[str, Any]) -> Part:
    return Part(
        w=tuple(data["w"]),
        beta=tuple(data["beta"]),
        sigma=float(data["sigma"]),
        inverse=tuple(tuple(row) for row in data["inverse"]),
    )


@cache
def frozen() -> tuple[Part, dict[str, Part]]:
    """The fines' part and each breach-level line's part, as shipped."""
    data = json.loads(data_text("history_model_v1.json"))
    return _part(data["fine"]), {k: _part(v) for k, v in data["lines"].items()}


def priors(facts: Facts, day: date) -> tuple[HistoryPrior, ...]:
    """The previous model's lines for a breach (no caps, as its back-test drew them)."""
    fine, lines = frozen()
    lnp = facts.ln_people
    found = []
    for unit in fine_units(facts.jurisdictions, day):
        x = [1.0, lnp, *(float(unit == r) for r in REGIONS), (facts.year - 2015) / 10]
        found.append(fine.prior(f"fine.{unit}", "fine", x))
    for line in BREACH_LINES:
        if line == "card_brand_payments":
            if facts.cards:
                found.append(lines[line].prior(line, line, [1.0, lnp, float(facts.us)]))
            continue
        x = [1.0, lnp, float(facts.us), float(facts.kr), float(facts.ca), float(facts.financial)]
        found.append(lines[line].prior(line, line, x))
    return tuple(found)
