"""The assess JSON document, written from :class:`~breachcalc.domain.assessment.Assessment`'s own
declarations by the one serializer (:mod:`breachcalc.render.contract`).

The shape of the document is declared once, on the result types' fields; the JSON Schema
printed by ``breachcalc schema output`` is generated from the same declarations, and a test
validates real output against it.
"""

from __future__ import annotations

from typing import Any

from breachcalc.domain.assessment import SCHEMA_VERSION, Assessment
from breachcalc.render.contract import enveloped, enveloped_schema


def assessment_document(result: Assessment) -> dict[str, Any]:
    """The JSON document for one assessment, with its versions first as every command's."""
    return enveloped(SCHEMA_VERSION, result)


def output_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the assess document."""
    found = enveloped_schema(SCHEMA_VERSION, Assessment, "breachcalc assessment")
    found["properties"] = {
        "scenario": {
            "description": "The scenario's label, where one command assesses several.",
            "type": "string",
        },
        **found["properties"],
    }
    return found
