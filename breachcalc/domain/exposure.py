"""Compensation exposure: pure functions over a validated :class:`~breachcalc.domain.breach.Breach`.

The formulas (all exact, in :mod:`decimal`; nothing is rounded here):

* per part, per person: ``expected = face value × redemption share``;
* per part, total: ``total = affected × expected``;
* per person: the sum of the parts' expected amounts (face value likewise);
* total: ``affected × per person``, which equals the sum of the parts' totals;
* a part in another currency is converted to the compensation currency, and every figure to the
  reporting currency, by the rate given in the file: ``amount × right ÷ left`` for a rate written
  ``left A = right B``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext

from breachcalc.domain.breach import Breach
from breachcalc.domain.cost_lines import (
    base_currency,
    conversion_factor,
    evaluate_point,
    fine_caps,
    line_specs,
    rates,
    reporting_currency,
    voucher_parts,
)
from breachcalc.domain.fines import FineCap
from breachcalc.domain.formulas import voucher_cost
from breachcalc.domain.memo import memoised
from breachcalc.domain.money import MONEY_CONTEXT, Money, Rate, convert, zero
from breachcalc.domain.ranges import Range, Uncertain, point


@dataclass(frozen=True)
class PartExposure:
    """One voucher part: per-person face value and expected cost, and the totals.

    Attributes:
        label: the part's label, or ``part N``.
        face_value: per person, in the part's own currency.
        redemption: share of the face value expected to be used.
        expected_per_person: ``face_value × redemption``, in the compensation currency.
        total: ``affected × expected_per_person``, in the compensation currency.
        total_reporting: ``total`` in the reporting currency.
    """

    label: str
    face_value: Money
    redemption: Decimal
    expected_per_person: Money
    total: Money
    total_reporting: Money


@dataclass(frozen=True)
class Exposure:
    """Every compensation figure for one breach.

    Attributes:
        currency: the compensation currency.
        reporting_currency: the currency the user reports in.
        rates: the exchange rates used.
        parts: one entry per voucher part (one for a single ``amount``; none when no offer).
        face_value_per_person: the sum of the parts' face values (compensation currency).
        per_person: expected cost per person (compensation currency).
        per_person_reporting: ``per_person`` in the reporting currency.
        total_face_value: ``affected × face_value_per_person``: the cost if every part were used.
        total: expected total exposure (compensation currency).
        total_reporting: ``total`` in the reporting currency.
    """

    currency: str
    reporting_currency: str
    rates: tuple[Rate, ...]
    parts: tuple[PartExposure, ...]
    face_value_per_person: Money
    per_person: Money
    per_person_reporting: Money
    total_face_value: Money
    total: Money
    total_reporting: Money


@dataclass(frozen=True)
class _Part:
    """One part of the offer per person: what does not depend on the number of people."""

    label: str
    face: Money
    redemption: Decimal
    expected: Money
    face_here: Money


@memoised
def _offer(breach: Breach) -> tuple[tuple[_Part, ...], Money, Money]:
    """The parts per person, and the sums of their face values and expected costs."""
    currency = base_currency(breach)
    all_rates = rates(breach)
    parts = []
    face_sum, expected_sum = zero(currency), zero(currency)
    with localcontext(MONEY_CONTEXT):
        for index, voucher in enumerate(voucher_parts(breach), start=1):
            face = Money(point(voucher.amount), voucher.currency or currency)
            face_here = convert(face, currency, all_rates)
            redemption = point(voucher.redemption)
            expected = Money(voucher_cost(face_here.amount, redemption, Decimal(1)), currency)
            parts.append(
                _Part(voucher.label or f"part {index}", face, redemption, expected, face_here)
            )
            face_sum = face_sum.plus(face_here)
            expected_sum = expected_sum.plus(expected)
    return tuple(parts), face_sum, expected_sum


def compensation_exposure(breach: Breach) -> Exposure:
    """Per-person and total compensation exposure, per part and in total, in both currencies.

    Uncertain inputs enter at their likely value (:func:`breachcalc.domain.ranges.point`).
    """
    currency = base_currency(breach)
    reporting = reporting_currency(breach)
    all_rates = rates(breach)
    people = breach.affected
    offer, face_sum, expected_sum = _offer(breach)

    parts: list[PartExposure] = []
    with localcontext(MONEY_CONTEXT):
        for part in offer:
            total = Money(
                voucher_cost(part.face_here.amount, part.redemption, Decimal(people)), currency
            )
            parts.append(
                PartExposure(
                    label=part.label,
                    face_value=part.face,
                    redemption=part.redemption,
                    expected_per_person=part.expected,
                    total=total,
                    total_reporting=convert(total, reporting, all_rates),
                )
            )

    total = expected_sum.times(people)
    return Exposure(
        currency=currency,
        reporting_currency=reporting,
        rates=all_rates,
        parts=tuple(parts),
        face_value_per_person=face_sum,
        per_person=expected_sum,
        per_person_reporting=convert(expected_sum, reporting, all_rates),
        total_face_value=face_sum.times(people),
        total=total,
        total_reporting=convert(total, reporting, all_rates),
    )


@dataclass(frozen=True)
class CostLine:
    """One line of the whole exposure, at the likely values.

    Attributes:
        key: ``compensation.1``, ``monitoring``, ``fine.KR`` …
        group: the line's group (:data:`breachcalc.domain.cost_lines.GROUPS`).
        label: human label.
        formula: the formula in words.
        inputs: (name, value as written) for each input of the formula.
        native: the line in its own currency (a fine in its rule's currency).
        amount: the line in the breach currency.
        amount_reporting: the line in the reporting currency.
        uncertain: at least one input is a range.
        cap: for fines, the legal maximum and its basis.
    """

    key: str
    group: str
    label: str
    formula: str
    inputs: tuple[tuple[str, str], ...]
    native: Money
    amount: Money
    amount_reporting: Money
    uncertain: bool
    cap: FineCap | None


@dataclass(frozen=True)
class TotalExposure:
    """All cost lines and their total.

    Attributes:
        lines: every line, in group order.
        caps: the legal maximum for every jurisdiction under ``fines`` (also those with no
            expected fine, which are not cost lines).
        total: sum of the lines, breach currency.
        total_reporting: ``total`` in the reporting currency.
        revenue: annual revenue in the breach currency, when given.
        share_of_revenue: ``total / revenue`` when the revenue is given.
        uncertain: at least one input anywhere is a range.
        to_reporting: the exact factor from the breach currency to the reporting currency.
    """

    lines: tuple[CostLine, ...]
    caps: tuple[FineCap, ...]
    total: Money
    total_reporting: Money
    revenue: Money | None
    share_of_revenue: Decimal | None
    uncertain: bool
    to_reporting: Decimal


def _shown(value: Uncertain) -> str:
    return value.describe() if isinstance(value, Range) else f"{Decimal(value):,}"


def total_exposure(breach: Breach) -> TotalExposure:
    """Every cost line at the likely values, and the total, in both currencies."""
    currency = base_currency(breach)
    reporting = reporting_currency(breach)
    all_rates = rates(breach)
    lines = []
    total = zero(currency)
    for spec in line_specs(breach):
        native = evaluate_point(spec)
        amount = convert(native, currency, all_rates)
        lines.append(
            CostLine(
                key=spec.key,
                group=spec.group,
                label=spec.label,
                formula=spec.formula,
                inputs=tuple((name, _shown(value)) for name, value in spec.inputs.items()),
                native=native,
                amount=amount,
                amount_reporting=convert(amount, reporting, all_rates),
                uncertain=any(isinstance(v, Range) for v in spec.inputs.values()),
                cap=spec.cap,
            )
        )
        total = total.plus(amount)
    revenue = share = None
    if breach.revenue is not None:
        revenue = convert(
            Money(breach.revenue.annual, breach.revenue.currency or currency), currency, all_rates
        )
        share = MONEY_CONTEXT.divide(total.amount, revenue.amount) if revenue.amount else None
    return TotalExposure(
        lines=tuple(lines),
        caps=tuple(fine_caps(breach).values()),
        total=total,
        total_reporting=convert(total, reporting, all_rates),
        revenue=revenue,
        share_of_revenue=share,
        uncertain=any(line.uncertain for line in lines),
        to_reporting=conversion_factor(currency, reporting, breach),
    )
