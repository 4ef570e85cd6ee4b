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
from breachcalc.exposure import TotalExposure
from breachcalc.fines import FineCap
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


class IntervalDoc(TypedDict):
    """P5 and P95 from a short simulation (only for files with ranges)."""

    p5: MoneyDoc
    p95: MoneyDoc


class InputDoc(TypedDict):
    name: str
    value: str


class FineDoc(TypedDict):
    jurisdiction: str
    rule: str
    maximum: MoneyDoc | None
    basis: str
    source: str
    effective: str
    note: str
    unconfirmed: bool


class LineDoc(TypedDict):
    key: str
    group: str
    label: str
    formula: str
    inputs: list[InputDoc]
    amount: MoneyDoc
    amount_reporting: MoneyDoc
    uncertain: bool
    interval: IntervalDoc | None


class ExposureDoc(TypedDict):
    currency: str
    reporting_currency: str
    lines: list[LineDoc]
    fines: list[FineDoc]
    total: MoneyDoc
    total_reporting: MoneyDoc
    interval: IntervalDoc | None
    interval_reporting: IntervalDoc | None
    revenue: MoneyDoc | None
    share_of_revenue: Number | None


class AssessmentDoc(TypedDict):
    schema_version: str
    breachcalc_version: str
    breach: BreachDoc
    compensation: CompensationDoc
    exposure: ExposureDoc
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
        "exposure": exposure_document(result),
        "severity": {
            "tier": sev.tier,
            "method": sev.method,
            "sensitivity": sev.sensitivity,
            "sensitivity_class": sev.sensitivity_class,
            "driven_by": sev.driven_by,
            "scale_band": sev.scale_band,
        },
    }


def _interval(pair: tuple[Money, Money] | None) -> IntervalDoc | None:
    return None if pair is None else {"p5": money_doc(pair[0]), "p95": money_doc(pair[1])}


def fine_document(cap: FineCap) -> FineDoc:
    """A fine rule's legal maximum, with its basis and source."""
    return {
        "jurisdiction": cap.code,
        "rule": cap.name,
        "maximum": money_doc(cap.cap) if cap.cap is not None else None,
        "basis": cap.basis,
        "source": cap.source,
        "effective": cap.effective,
        "note": cap.note,
        "unconfirmed": cap.unconfirmed,
    }


def to_reporting(money: Money, costs: TotalExposure) -> Money:
    """An amount in the breach currency, in the reporting currency."""
    return Money(money.amount * costs.to_reporting, costs.total_reporting.currency)


def exposure_document(result: Assessment) -> ExposureDoc:
    """Every cost line and the total exposure, with intervals where the file has ranges."""
    costs, intervals = result.costs, result.intervals
    total_interval = intervals.get("total")
    reporting = costs.total_reporting.currency
    return {
        "currency": costs.total.currency,
        "reporting_currency": reporting,
        "lines": [
            {
                "key": line.key,
                "group": line.group,
                "label": line.label,
                "formula": line.formula,
                "inputs": [{"name": n, "value": v} for n, v in line.inputs],
                "amount": money_doc(line.amount),
                "amount_reporting": money_doc(line.amount_reporting),
                "uncertain": line.uncertain,
                "interval": _interval(intervals.get(line.key)),
            }
            for line in costs.lines
        ],
        "fines": [fine_document(cap) for cap in costs.caps],
        "total": money_doc(costs.total),
        "total_reporting": money_doc(costs.total_reporting),
        "interval": _interval(total_interval),
        "interval_reporting": None
        if total_interval is None
        else _interval(
            (to_reporting(total_interval[0], costs), to_reporting(total_interval[1], costs))
        ),
        "revenue": money_doc(costs.revenue) if costs.revenue is not None else None,
        "share_of_revenue": costs.share_of_revenue,
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
