"""The JSON output document: its shape (typed, schema-generating) and the builder that fills it.

The TypedDicts below are the interface: :func:`output_schema` turns them into the JSON Schema
printed by ``breachcalc schema output``; mypy checks that :func:`assessment_document` fills them;
a test validates real output against the schema.
"""

from __future__ import annotations

from decimal import Decimal
from typing import (
    Annotated,
    Any,
    NotRequired,  # pydantic needs it for schemas on Python 3.11
)

from pydantic import WithJsonSchema
from typing_extensions import TypedDict

from breachcalc import __version__
from breachcalc.domain.assessment import SCHEMA_VERSION, Assessment
from breachcalc.domain.breach import Breach
from breachcalc.domain.exposure import TotalExposure
from breachcalc.domain.fines import FineCap
from breachcalc.domain.money import Money, round_money
from breachcalc.domain.notices import JurisdictionNotices, span_text
from breachcalc.domain.severity import Severity, se_text

Number = Annotated[Decimal, WithJsonSchema({"type": "number"})]
"""A Decimal written as a JSON number from its digits (:mod:`breachcalc.render.jsontext`)."""


class MoneyDoc(TypedDict):
    """An amount rounded to its currency's ISO 4217 minor unit, with the currency code."""

    amount: Number
    currency: str


class JurisdictionDoc(TypedDict):
    code: str
    affected: int | None


class CategoryCountDoc(TypedDict):
    """A category exposed for part of the people, with its own count."""

    category: str
    affected: int


class BreachDoc(TypedDict):
    name: str
    affected: int
    affected_unit: str
    data_categories: list[str]
    category_counts: list[CategoryCountDoc]
    occurred: str | None
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


class DpcItemDoc(TypedDict):
    category: str
    enisa_class: str
    basic: int
    score: int
    factor: str | None
    reason: str | None


class DpcDoc(TypedDict):
    value: int
    set_by: str
    items: list[DpcItemDoc]


class EiDoc(TypedDict):
    value: Number
    level: str
    set_by: str | None
    reason: str


class CbPartDoc(TypedDict):
    element: str
    choice: str
    value: Number
    wording: str


class CbDoc(TypedDict):
    value: Number
    given: bool
    parts: list[CbPartDoc]


class ProvenanceDoc(TypedDict):
    """Where the severity figures come from."""

    secondary: bool
    unconfirmed: bool
    text: str


class SeverityDoc(TypedDict):
    """ENISA SE = DPC × EI + CB, its level, and the overall tier with the scale band."""

    provenance: ProvenanceDoc
    tier: str
    method: str
    se: Number
    level: str
    vector: str
    dpc: DpcDoc
    ei: EiDoc
    cb: CbDoc
    affected: int
    scale_band: int
    scale_name: str
    warnings: list[str]


class ObligationDoc(TypedDict):
    law: str
    duty: str
    to: str
    status: str
    test: str
    indicative: bool
    count: int
    count_basis: str
    period: str
    words: str
    due: str | None
    evidence: str | None
    evidence_from: str
    outcome: str | None
    late_by_seconds: int | None
    late_by: str | None
    source: str
    effective: str
    in_force_from: str
    in_force_until: str | None
    window_source: str
    secondary: bool
    unconfirmed: bool
    note: str


class NotificationsDoc(TypedDict):
    jurisdiction: str
    message: str | None
    detail: str
    obligations: list[ObligationDoc]


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
    in_force_from: str | None
    in_force_until: str | None
    window_source: str
    note: str
    secondary: bool
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


class LawOfTheDayDoc(TypedDict):
    """The day whose law applies (``occurred``, else ``discovered``), or null without a date."""

    date: str | None
    basis: str
    text: str


class PercentilesDoc(TypedDict):
    """P5, P50 and P95 of a simulated quantity."""

    p5: MoneyDoc
    p50: MoneyDoc
    p95: MoneyDoc


class HistoryLineDoc(TypedDict):
    """One public-outcome line from history (the file does not state it)."""

    key: str
    kind: str
    label: str
    source: str
    probability: Number
    probability_given_any: Number
    percentiles: PercentilesDoc
    median_if_any_usd: Number
    cap_usd: Number | None
    cap_note: str
    basis: str


class ComparableDoc(TypedDict):
    """A past breach like this one."""

    id: str
    organisation: str
    year: int
    people: int
    public_outcomes_usd: Number
    why: str


class HistoryDoc(TypedDict):
    """Expected public outcomes from history: a statistical estimate, labelled as such."""

    source: str
    model: str
    cases: int
    fitted_on: str
    currency: str
    conversion: str
    trials: int
    seed: int
    note: str
    lines: list[HistoryLineDoc]
    total: PercentilesDoc
    comparables: list[ComparableDoc]


class NetLineDoc(TypedDict):
    """One cost line gross, recovered and retained."""

    key: str
    coverage: str | None
    gross: MoneyDoc
    recovered: MoneyDoc
    retained: MoneyDoc
    reason: str
    unconfirmed: bool


class NetDoc(TypedDict):
    """The file's cyber policy applied to the likely values, in the breach currency."""

    policy: str
    currency: str
    lines: list[NetLineDoc]
    gross: MoneyDoc
    recovered: MoneyDoc
    retained: MoneyDoc
    limit_exhausted: bool
    sublimits_exhausted: list[str]
    steps: list[str]
    unconfirmed: bool


class AssessmentDoc(TypedDict):
    scenario: NotRequired[str]
    schema_version: str
    breachcalc_version: str
    breach: BreachDoc
    law_of_the_day: LawOfTheDayDoc
    compensation: CompensationDoc
    exposure: ExposureDoc
    severity: SeverityDoc
    notifications: list[NotificationsDoc]
    history: NotRequired[HistoryDoc | None]
    insurance: NotRequired[NetDoc | None]


def money_doc(money: Money) -> MoneyDoc:
    """Money for JSON: rounded for presentation (see :func:`~.money.round_money`)."""
    return {"amount": round_money(money), "currency": money.currency}


def law_of_the_day_document(breach: Breach) -> LawOfTheDayDoc:
    """Which day picked the rules, and from which field."""
    from breachcalc.domain.regime import rule_day

    day = rule_day(breach)
    return {
        "date": day.day.isoformat() if day.day else None,
        "basis": day.basis,
        "text": day.text,
    }


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
            "data_categories": breach.category_keys,
            "category_counts": [
                {"category": key, "affected": n} for key, n in breach.category_counts.items()
            ],
            "occurred": breach.occurred.isoformat() if breach.occurred else None,
            "discovered": breach.discovered.isoformat() if breach.discovered else None,
            "disclosed": breach.disclosed.isoformat() if breach.disclosed else None,
            "jurisdictions": [
                {"code": code, "affected": count} for code, count in breach.jurisdictions.items()
            ],
        },
        "law_of_the_day": law_of_the_day_document(breach),
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
        "severity": severity_document(sev),
        "notifications": notifications_document(result.notifications),
        "history": _history(result),
        "insurance": _net(result),
    }


def _net(result: Assessment) -> NetDoc | None:
    from breachcalc.render.insurance import net_document

    return net_document(result)


def _history(result: Assessment) -> HistoryDoc | None:
    if result.history is None:
        return None
    from breachcalc.render.history import history_document

    return history_document(result.history)


def severity_document(sev: Severity) -> SeverityDoc:
    """The severity object: every factor, with its reason."""
    from breachcalc.reference.tables import severity_provenance

    secondary, unconfirmed, text = severity_provenance()
    return {
        "provenance": {"secondary": secondary, "unconfirmed": unconfirmed, "text": text},
        "tier": sev.tier,
        "method": sev.method,
        "se": Decimal(se_text(sev.se)),
        "level": sev.level,
        "vector": sev.vector,
        "dpc": {
            "value": sev.dpc,
            "set_by": sev.dpc_set_by,
            "items": [
                {
                    "category": item.category,
                    "enisa_class": item.enisa_class,
                    "basic": item.basic,
                    "score": item.score,
                    "factor": item.factor,
                    "reason": item.reason,
                }
                for item in sev.dpc_items
            ],
        },
        "ei": {
            "value": sev.ei,
            "level": sev.ei_level,
            "set_by": sev.ei_set_by,
            "reason": sev.ei_reason,
        },
        "cb": {
            "value": sev.cb,
            "given": sev.circumstances_given,
            "parts": [
                {"element": p.element, "choice": p.choice, "value": p.value, "wording": p.wording}
                for p in sev.cb_parts
            ],
        },
        "affected": sev.affected,
        "scale_band": sev.scale_band,
        "scale_name": sev.scale_name,
        "warnings": list(sev.warnings),
    }


def notifications_document(found: tuple[JurisdictionNotices, ...]) -> list[NotificationsDoc]:
    """Per jurisdiction: the notices, the test that fired, the deadline, met or missed."""
    return [
        {
            "jurisdiction": j.code,
            "message": j.message,
            "detail": j.detail,
            "obligations": [
                {
                    "law": o.law,
                    "duty": o.duty,
                    "to": o.to,
                    "status": o.status,
                    "test": o.test,
                    "indicative": o.indicative,
                    "count": o.count,
                    "count_basis": o.count_basis,
                    "period": o.period,
                    "words": o.words,
                    "due": o.due.isoformat() if o.due is not None else None,
                    "evidence": o.evidence.isoformat() if o.evidence is not None else None,
                    "evidence_from": o.evidence_from,
                    "outcome": o.outcome,
                    "late_by_seconds": int(o.late_by.total_seconds())
                    if o.late_by is not None
                    else None,
                    "late_by": span_text(o.late_by) if o.late_by is not None else None,
                    "source": o.source,
                    "effective": o.effective,
                    "in_force_from": o.in_force_from,
                    "in_force_until": o.in_force_until or None,
                    "window_source": o.window_source,
                    "secondary": o.secondary,
                    "unconfirmed": o.unconfirmed,
                    "note": o.note,
                }
                for o in j.obligations
            ],
        }
        for j in found
    ]


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
        "in_force_from": cap.in_force_from or None,
        "in_force_until": cap.in_force_until or None,
        "window_source": cap.window_source,
        "note": cap.note,
        "secondary": cap.secondary,
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
