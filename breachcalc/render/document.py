"""The JSON output document: its shape (typed, schema-generating) and the builder that fills it.

The TypedDicts below are the interface: :func:`output_schema` turns them into the JSON Schema
printed by ``breachcalc schema output``; mypy checks that :func:`assessment_document` fills them;
a test validates real output against the schema.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import WithJsonSchema
from typing_extensions import TypedDict  # pydantic needs it for schemas on Python 3.11

from breachcalc import __version__
from breachcalc.assessment import SCHEMA_VERSION, Assessment
from breachcalc.money import Money, round_money

Number = Annotated[Decimal, WithJsonSchema({"type": "number"})]
"""A Decimal written as a JSON number from its digits (:mod:`breachcalc.render.jsontext`)."""


class MoneyDoc(TypedDict):
    """An amount rounded to its currency's ISO 4217 minor unit, with the currency code."""

    amount: Number
    currency: str


class JurisdictionDoc(TypedDict):
    code: str
    affected: int | None


class BreachDoc(TypedDict):
    name: str
    affected: int
    affected_unit: str
    data_categories: list[str]
    discovered: str | None
    disclosed: str | None
    jurisdictions: list[JurisdictionDoc]


class PartDoc(TypedDict):
    label: str
    face_value: MoneyDoc
    redemption: Number
    expected_per_person: MoneyDoc
    total: MoneyDoc
    total_reporting: MoneyDoc


class CompensationDoc(TypedDict):
    currency: str
    reporting_currency: str
    exchange_rates: list[str]
    parts: list[PartDoc]
    face_value_per_person: MoneyDoc
    per_person: MoneyDoc
    per_person_reporting: MoneyDoc
    total_face_value: MoneyDoc
    total: MoneyDoc
    total_reporting: MoneyDoc


class SeverityDoc(TypedDict):
    tier: str
    method: str
    sensitivity: int
    sensitivity_class: str
    driven_by: str
    scale_band: int


class AssessmentDoc(TypedDict):
    schema_version: str
    breachcalc_version: str
    breach: BreachDoc
    compensation: CompensationDoc
    severity: SeverityDoc


def money_doc(money: Money) -> MoneyDoc:
    """Money for JSON: rounded for presentation (see :func:`breachcalc.money.round_money`)."""
    return {"amount": round_money(money), "currency": money.currency}


def assessment_document(result: Assessment) -> AssessmentDoc:
    """The JSON document for one assessment."""
    breach, exp, sev = result.breach, result.exposure, result.severity
    return {
        "schema_version": SCHEMA_VERSION,
        "breachcalc_version": __version__,
        "breach": {
            "name": breach.name,
            "affected": breach.affected,
            "affected_unit": breach.affected_unit,
            "data_categories": list(breach.data_categories),
            "discovered": breach.discovered.isoformat() if breach.discovered else None,
            "disclosed": breach.disclosed.isoformat() if breach.disclosed else None,
            "jurisdictions": [
                {"code": code, "affected": count} for code, count in breach.jurisdictions.items()
            ],
        },
        "compensation": {
            "currency": exp.currency,
            "reporting_currency": exp.reporting_currency,
            "exchange_rates": [str(rate) for rate in exp.rates],
            "parts": [
                {
                    "label": part.label,
                    "face_value": money_doc(part.face_value),
                    "redemption": part.redemption,
                    "expected_per_person": money_doc(part.expected_per_person),
                    "total": money_doc(part.total),
                    "total_reporting": money_doc(part.total_reporting),
                }
                for part in exp.parts
            ],
            "face_value_per_person": money_doc(exp.face_value_per_person),
            "per_person": money_doc(exp.per_person),
            "per_person_reporting": money_doc(exp.per_person_reporting),
            "total_face_value": money_doc(exp.total_face_value),
            "total": money_doc(exp.total),
            "total_reporting": money_doc(exp.total_reporting),
        },
        "severity": {
            "tier": sev.tier,
            "method": sev.method,
            "sensitivity": sev.sensitivity,
            "sensitivity_class": sev.sensitivity_class,
            "driven_by": sev.driven_by,
            "scale_band": sev.scale_band,
        },
    }


def output_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of :class:`AssessmentDoc`."""
    from pydantic import TypeAdapter

    schema = TypeAdapter(AssessmentDoc).json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "breachcalc assessment",
        **schema,
    }
