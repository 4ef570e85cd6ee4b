"""Severity tier: a first, provisional method (``provisional-1``).

Two inputs, both visible in the output:

* **sensitivity**, 1 to 4: the highest ENISA 2013 Annex 1 class among the exposed data
  categories (simple 1, behavioural 2, financial 3, sensitive 4), from ``data/categories.toml``;
* **scale band**, 1 to 4, from the number affected: 1 under 1,000; 2 from 1,000; 3 from
  100,000; 4 from 10,000,000.

The tier is read from :data:`TIER_MATRIX` (rows sensitivity, columns scale band). This method
takes no account of the circumstances of the breach (encryption, malice); the ENISA method
with those factors replaces it behind :func:`severity_tier`.
"""

from __future__ import annotations

from dataclasses import dataclass

from breachcalc.refdata import catalogue

METHOD = "provisional-1"

CLASS_SCORE = {"simple": 1, "behavioural": 2, "financial": 3, "sensitive": 4}
"""ENISA basic DPC score of each Annex 1 class (secondary sources, see categories.toml)."""

SCALE_BANDS = ((10_000_000, 4), (100_000, 3), (1_000, 2), (0, 1))
"""(lowest count, band), highest first."""

TIERS = ("low", "moderate", "high", "critical")

TIER_MATRIX = (
    # scale band: 1       2           3           4
    ("low", "low", "moderate", "high"),  # sensitivity 1, simple
    ("low", "moderate", "high", "critical"),  # 2, behavioural
    ("moderate", "high", "critical", "critical"),  # 3, financial
    ("high", "high", "critical", "critical"),  # 4, sensitive
)


@dataclass(frozen=True)
class Severity:
    """A severity tier and the factors that produced it.

    Attributes:
        tier: one of :data:`TIERS`.
        method: the method's name and version.
        sensitivity: 1 to 4, the highest class score among the categories.
        sensitivity_class: the ENISA class name behind ``sensitivity``.
        driven_by: the category that set the sensitivity.
        scale_band: 1 to 4, from the number affected.
    """

    tier: str
    method: str
    sensitivity: int
    sensitivity_class: str
    driven_by: str
    scale_band: int


def scale_band(affected: int) -> int:
    """Scale band 1 to 4 for a number of people (see :data:`SCALE_BANDS`)."""
    return next(band for floor, band in SCALE_BANDS if affected >= floor)


def severity_tier(categories: list[str], affected: int) -> Severity:
    """The provisional tier for the exposed categories and the number affected."""
    cats = catalogue()
    scored = [(CLASS_SCORE[cats.categories[key].enisa_class], key) for key in categories]
    score, key = max(scored, key=lambda pair: pair[0])
    band = scale_band(affected)
    return Severity(
        tier=TIER_MATRIX[score - 1][band - 1],
        method=METHOD,
        sensitivity=score,
        sensitivity_class=cats.categories[key].enisa_class,
        driven_by=key,
        scale_band=band,
    )
