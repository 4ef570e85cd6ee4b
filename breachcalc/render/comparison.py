"""The ``compare`` JSON document: scenario labels as values, never as keys."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from typing_extensions import TypedDict

from breachcalc import __version__
from breachcalc.analysis.key_figures import Figure, difference, is_money
from breachcalc.domain.money import Money, round_money
from breachcalc.render.document import Number

SCHEMA_VERSION = "breachcalc.compare/1"
"""Version of the compare document's shape; bumped on any incompatible change."""


class DifferenceDoc(TypedDict):
    """A scenario's figure against the reference (the first scenario)."""

    scenario: str
    absolute: int | Number | str | None
    percent: Number | None


class ComparisonRowDoc(TypedDict):
    """One figure across every scenario."""

    key: str
    figure: str
    unit: str
    values: list[int | Number | str | None]
    differences: list[DifferenceDoc]


class ComparisonDoc(TypedDict):
    """Every figure of every scenario, with differences against the first."""

    schema_version: str
    breachcalc_version: str
    reference: str
    scenarios: list[str]
    rows: list[ComparisonRowDoc]


def _shown(figure: Figure | None) -> int | Decimal | str | None:
    if figure is None:
        return None
    if is_money(figure) and isinstance(figure.value, Decimal):
        return round_money(Money(figure.value, figure.unit))
    return figure.value


def comparison_document(labels: list[str], figures: list[list[Figure]]) -> ComparisonDoc:
    """Rows in first-seen order; ``values`` aligned with ``scenarios``; one difference per
    scenario after the first (absolute in the figure's unit, percent to two places)."""
    order: dict[tuple[str, str], Figure] = {}
    indexed: list[dict[tuple[str, str], Figure]] = []
    for scenario in figures:
        mine = {(f.key, f.unit): f for f in scenario}
        for key, figure in mine.items():
            order.setdefault(key, figure)
        indexed.append(mine)
    rows: list[ComparisonRowDoc] = []
    for key, sample in order.items():
        first = indexed[0].get(key)
        differences: list[DifferenceDoc] = []
        for label, other in zip(labels[1:], indexed[1:], strict=True):
            diff = difference(first, other.get(key))
            absolute: Any = diff.absolute
            if isinstance(absolute, Decimal) and is_money(sample):
                absolute = round_money(Money(absolute, sample.unit))
            if absolute is None and first is not None and isinstance(first.value, str):
                absolute = "changed" if diff.changed else "same"
            percent = diff.percent.quantize(Decimal("0.01")) if diff.percent is not None else None
            differences.append({"scenario": label, "absolute": absolute, "percent": percent})
        rows.append(
            {
                "key": sample.key,
                "figure": sample.label,
                "unit": sample.unit,
                "values": [_shown(scenario.get(key)) for scenario in indexed],
                "differences": differences,
            }
        )
    return {
        "schema_version": SCHEMA_VERSION,
        "breachcalc_version": __version__,
        "reference": labels[0],
        "scenarios": labels,
        "rows": rows,
    }


def comparison_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of :class:`ComparisonDoc`."""
    from pydantic import TypeAdapter

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **TypeAdapter(ComparisonDoc).json_schema(mode="serialization"),
        "title": "breachcalc compare",
    }
