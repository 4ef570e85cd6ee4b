"""The past breaches most like a file: size, data classes, jurisdictions and year."""
from __future__ import annotations

import math

from breachcalc.analysis.history.features import Facts, fine_unit, training_set
from breachcalc.domain.priors import Comparable, decimal_of

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


def comparables(
    facts: Facts, count: int = 5, exclude: str | None = None
) -> tuple[Comparable, ...]:
    """The ``count`` past breaches closest to ``facts``, with their public totals in USD
    (zero where nothing was paid); never the record ``exclude`` (the file's own)."""
    scored = []
    for obs in training_set():
        if obs.case.id == exclude or not obs.total_known:
            continue
        distance, why = similarity(facts, obs.facts)
        scored.append((distance, obs, why))
    scored.sort(key=lambda s: (s[0], s[1].case.id))
    return tuple(
        Comparable(
            id=obs.case.id,
            organisation=obs.case.organisation,
            year=obs.case.year,
            people=obs.facts.people,
            total_usd=decimal_of(obs.total),
            why=why,
        )
        for _d, obs, why in scored[:count]
    )


