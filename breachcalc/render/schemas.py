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


OUTPUT_SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "assess": _assess,
    "compare": _compare,
}
"""Command → the function that builds its output schema."""


def output_schema_of(command: str) -> dict[str, Any]:
    """The output schema of ``command`` (a key of :data:`OUTPUT_SCHEMAS`)."""
    return OUTPUT_SCHEMAS[command]()
