"""The JSON Schema of every command that writes JSON, generated from its result type's own
declarations (:mod:`breachcalc.render.contract`), and each document's own ``schema_version``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from breachcalc.render.columns import SENSITIVITY_COLUMNS, SWEEP_OUTPUTS
from breachcalc.render.contract import VERSION_KEYS

SIMULATE_VERSION = "breachcalc.simulate/1"
EXPLAIN_VERSION = "breachcalc.explain/1"
SEVERITY_VERSION = "breachcalc.severity/1"
SENSITIVITY_VERSION = "breachcalc.sensitivity/1"
SWEEP_VERSION = "breachcalc.sweep/1"
CATEGORIES_VERSION = "breachcalc.categories/1"
HISTORY_VERSION = "breachcalc.history/2"
BACKTEST_VERSION = "breachcalc.backtest/2"
PORTFOLIO_VERSION = "breachcalc.portfolio/1"
LAW_VERSION = "breachcalc.law/1"


def _contract(
    version: str, path: str, command: str, *, with_version: bool = True
) -> Callable[[], dict[str, Any]]:
    """The schema of a document written from a result type (``module.Class``)."""

    def build() -> dict[str, Any]:
        import importlib

        from breachcalc.render.contract import enveloped_schema

        module, name = path.rsplit(".", 1)
        cls = getattr(importlib.import_module(module), name)
        return enveloped_schema(version, cls, f"breachcalc {command}", with_version=with_version)

    return build


CELL = {"type": ["string", "number", "boolean", "null"]}


def _rows(
    version: str, title: str, columns: tuple[str, ...], more: bool
) -> Callable[[], dict[str, Any]]:
    """A rows document: ``{schema_version, breachcalc_version, columns, rows}``."""

    def build() -> dict[str, Any]:
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": title,
            "type": "object",
            "required": ["schema_version", "breachcalc_version", "columns", "rows"],
            "additionalProperties": False,
            "properties": {
                "schema_version": {**VERSION_KEYS["schema_version"], "const": version},
                "breachcalc_version": VERSION_KEYS["breachcalc_version"],
                "columns": {
                    "type": "array",
                    "items": {"type": "string"},
                    "description": "The rows' keys, in column order.",
                },
                "rows": {
                    "type": "array",
                    "description": "One object per row, keyed by `columns`.",
                    "items": {
                        "type": "object",
                        "required": list(columns),
                        "properties": dict.fromkeys(columns, CELL),
                        "additionalProperties": CELL if more else False,
                    },
                },
            },
        }

    return build


def _assess() -> dict[str, Any]:
    from breachcalc.render.document import output_schema

    return output_schema()


def _compare() -> dict[str, Any]:
    from breachcalc.render.comparison import comparison_schema

    return comparison_schema()


OUTPUT_SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "assess": _assess,
    "explain": _contract(EXPLAIN_VERSION, "breachcalc.analysis.explain.Explanation", "explain"),
    "simulate": _contract(
        SIMULATE_VERSION, "breachcalc.domain.simulation.Simulation", "simulate", with_version=False
    ),
    "compare": _compare,
    "sweep": _rows(SWEEP_VERSION, "breachcalc sweep", SWEEP_OUTPUTS, more=True),
    "sensitivity": _rows(SENSITIVITY_VERSION, "breachcalc sensitivity", SENSITIVITY_COLUMNS, False),
    "history": _contract(HISTORY_VERSION, "breachcalc.analysis.history.HistoryListing", "history"),
    "backtest": _contract(
        BACKTEST_VERSION,
        "breachcalc.analysis.backtest.Backtest",
        "backtest",
        with_version=False,
    ),
    "severity": _contract(
        SEVERITY_VERSION, "breachcalc.domain.severity.VectorScore", "severity", with_version=False
    ),
    "categories": _contract(
        CATEGORIES_VERSION, "breachcalc.domain.severity.Catalogue", "categories"
    ),
    "portfolio": _contract(
        PORTFOLIO_VERSION,
        "breachcalc.analysis.portfolio.PortfolioResult",
        "portfolio",
        with_version=False,
    ),
    "law": _contract(LAW_VERSION, "breachcalc.domain.law.LawOfTheDay", "law"),
}
"""Command → the function that builds its output schema (``schema output --command NAME``)."""


def output_schema_of(command: str) -> dict[str, Any]:
    """The output schema of ``command`` (a key of :data:`OUTPUT_SCHEMAS`)."""
    return OUTPUT_SCHEMAS[command]()


DIGIT_GROUPS = r"^[0-9]+(?:_[0-9]+)+(?:\.[0-9]+)?$"
"""A number written with its digits grouped by underscores (``33_700_000``): breachcalc reads it
as a number, but a YAML 1.2 reader (an editor's YAML plugin) reads it as text, so the input
schema accepts that text wherever it accepts a number."""


def input_schema() -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of a breach file, as an editor reading it as YAML 1.2
    sees it: every number may also be written with its digits grouped (:data:`DIGIT_GROUPS`)."""
    from breachcalc.input.breach import Breach

    document: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **Breach.model_json_schema(),
    }
    document["properties"]["variants"] = {
        "type": "object",
        "description": "named variants: name → {dotted.path: value} overrides of this breach",
        "additionalProperties": {"type": "object"},
    }
    grouped: dict[str, Any] = _grouped_digits(document)
    return grouped


def _grouped_digits(node: Any) -> Any:
    if isinstance(node, list):
        return [_grouped_digits(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _grouped_digits(value) for key, value in node.items()}
    if node.get("type") in ("integer", "number"):
        text = {
            "type": "string",
            "pattern": DIGIT_GROUPS,
            "description": "digits grouped by underscores, e.g. 33_700_000 (YAML 1.2 reads it "
            "as text, breachcalc as the number)",
        }
        return {"anyOf": [node, text]}
    return node
