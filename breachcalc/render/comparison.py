"""The ``compare`` JSON document: scenario labels as values, never as keys.

Its shape is declared on :class:`~breachcalc.analysis.key_figures.Comparison`.
"""

from __future__ import annotations

from typing import Any

from breachcalc.analysis.key_figures import Comparison
from breachcalc.render.contract import enveloped, enveloped_schema

SCHEMA_VERSION = "breachcalc.compare/1"
"""Version of the compare document's shape; bumped on any incompatible change."""


def comparison_document(found: Comparison) -> dict[str, Any]:
    """The document of ``compare``."""
    return enveloped(SCHEMA_VERSION, found)


def comparison_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the compare document."""
    return enveloped_schema(SCHEMA_VERSION, Comparison, "breachcalc compare")
