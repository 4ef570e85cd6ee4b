"""The JSON Schema of every command that writes JSON, generated from the document types."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _assess() -> dict[str, Any]:
    from breachcalc.render.document import output_schema

    return output_schema()


def _compare() -> dict[str, Any]:
    from breachcalc.render.comparison import comparison_schema

    return comparison_schema()


def _typed(name: str, title: str) -> Callable[[], dict[str, Any]]:
    def build() -> dict[str, Any]:
        from pydantic import TypeAdapter

        from breachcalc.render import history

        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            **TypeAdapter(getattr(history, name)).json_schema(mode="serialization"),
            "title": title,
        }

    return build


OUTPUT_SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "assess": _assess,
    "compare": _compare,
    "history": _typed("HistoryListingDoc", "breachcalc history"),
    "backtest": _typed("BacktestDoc", "breachcalc backtest"),
}
"""Command → the function that builds its output schema."""


def output_schema_of(command: str) -> dict[str, Any]:
    """The output schema of ``command`` (a key of :data:`OUTPUT_SCHEMAS`)."""
    return OUTPUT_SCHEMAS[command]()
