"""The assess JSON document, written from :class:`~breachcalc.domain.assessment.Assessment`'s own
declarations by the one serializer (:mod:`breachcalc.render.contract`), and the types the other
commands' documents still share.

The shape of the assess document is declared once, on the result types' fields; the JSON
Schema printed by ``breachcalc schema output`` is generated from the same declarations, and a
test validates real output against it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import WithJsonSchema
from typing_extensions import TypedDict

from breachcalc.domain.assessment import Assessment
from breachcalc.domain.money import Money, round_money

Number = Annotated[Decimal, WithJsonSchema({"type": "number"})]
"""A Decimal written as a JSON number from its digits (:mod:`breachcalc.render.jsontext`)."""


class MoneyDoc(TypedDict):
    """An amount rounded to its currency's ISO 4217 minor unit, with the currency code."""

    amount: Number
    currency: str


def money_doc(money: Money) -> MoneyDoc:
    """Money for JSON: rounded for presentation (see :func:`~.money.round_money`)."""
    return {"amount": round_money(money), "currency": money.currency}


def assessment_document(result: Assessment) -> dict[str, Any]:
    """The JSON document for one assessment."""
    from breachcalc.render.contract import document

    written: dict[str, Any] = document(result)
    return written


def output_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the assess document."""
    from breachcalc.render.contract import schema

    found = schema(Assessment, "breachcalc assessment")
    found["properties"] = {
        "scenario": {
            "description": "The scenario's label, where one command assesses several.",
            "type": "string",
        },
        **found["properties"],
    }
    return found
