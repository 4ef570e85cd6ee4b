"""Compensation exposure: pure functions over a validated :class:`~breachcalc.input.breach.Breach`.

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

from decimal import Decimal, localcontext

from breachcalc.contract import as_records, computed, hidden, out, record, result
from breachcalc.domain.cost_lines import (
    OfferPart,
    base_currency,
    conversion_factor,
    evaluate_point,
    fine_caps,
    line_specs,
    rates,
    reporting_currency,
    voucher_parts,
)
from breachcalc.domain.distribution import Interval
from breachcalc.domain.fines import FineCap
from breachcalc.domain.formulas import voucher_cost
from breachcalc.domain.money import MONEY_CONTEXT, Money, convert, zero
from breachcalc.input.breach import Breach
from breachcalc.input.values import Range, Rate, Uncertain, point


@result
class PartExposure:
    """One voucher part: per-person face value and expected cost, and the totals."""

    label: str = out("The part's label, or `part N`.")
    face_value: Money = out("Per person, in the part's own currency.")
    redemption: Decimal = out("Share of the face value expected to be used.")
    expected_per_person: Money = out("`face_value × redemption`, in the compensation currency.")
    total: Money = out("`affected × expected_per_person`, in the compensation currency.")
    total_reporting: Money = out("`total` in the reporting currency.")


def _rate_texts(given: tuple[Rate, ...]) -> tuple[str, ...]:
    """An encoder: each exchange rate as its equation (``38 USD = 55,000 KRW``)."""
    return tuple(str(rate) for rate in given)


@result
class Exposure:
    """Every compensation figure for one breach."""

    currency: str = out("The compensation currency.")
    reporting_currency: str = out("The currency the user reports in.")
    exchange_rates: tuple[Rate, ...] = out(
        "The exchange rates used, as equations.", encode=_rate_texts
    )
    parts: tuple[PartExposure, ...] = out(
        "One entry per voucher part (one for a single `amount`; none without an offer)."
    )
    face_value_per_person: Money = out("The sum of the parts' face values.")
    per_person: Money = out("Expected cost per person, in the compensation currency.")
    per_person_reporting: Money = out("`per_person` in the reporting currency.")
    total_face_value: Money = out(
        "`affected × face_value_per_person`: the cost if every part were used."
    )
    total: Money = out("Expected total compensation, in the compensation currency.")
    total_reporting: Money = out("`total` in the reporting currency.")


@record
class _Part:
    """One part of the offer per person: what does not depend on the number of people."""

    label: str
    face: Money
    redemption: Decimal
    expected: Money
    face_here: Money


def offer(
    currency: str, offered: tuple[OfferPart, ...], all_rates: tuple[Rate, ...]
) -> tuple[tuple[_Part, ...], Money, Money]:
    """The parts per person in ``currency``, and the sums of their face values and expected
    costs: what does not depend on the number of people."""
    parts = []
    face_sum, expected_sum = zero(currency), zero(currency)
    with localcontext(MONEY_CONTEXT):
        for index, voucher in enumerate(offered, start=1):
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
    parts_here, face_sum, expected_sum = offer(currency, tuple(voucher_parts(breach)), all_rates)

    parts: list[PartExposure] = []
    with localcontext(MONEY_CONTEXT):
        for part in parts_here:
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
        exchange_rates=all_rates,
        parts=tuple(parts),
        face_value_per_person=face_sum,
        per_person=expected_sum,
        per_person_reporting=convert(expected_sum, reporting, all_rates),
        total_face_value=face_sum.times(people),
        total=total,
        total_reporting=convert(total, reporting, all_rates),
    )


@result
class Input:
    """One input of a cost line's formula, as the file wrote it."""

    name: str = out("The input's name in the formula.")
    value: str = out("The value as written (a range as `low to high, likely …`).")


@result
class CostLine:
    """One line of the whole exposure, at the likely values."""

    key: str = out("`compensation.1`, `monitoring`, `fine.KR` …")
    group: str = out("The line's group.")
    label: str = out("Human label.")
    formula: str = out("The formula in words.")
    inputs: tuple[tuple[str, str], ...] = out(
        "Each input of the formula, as written.", encode=as_records(Input)
    )
    native: Money = hidden()
    amount: Money = out("The line in the breach currency.")
    amount_reporting: Money = out("The line in the reporting currency.")
    uncertain: bool = out("At least one input is a range.")
    cap: FineCap | None = hidden()
    interval: Interval | None = out(
        "P5 and P95 of the line where it is uncertain, or null.", default=None
    )


@result
class TotalExposure:
    """Every cost line, the fine maxima and the total exposure."""

    lines: tuple[CostLine, ...] = out("Every line, in group order.")
    fines: tuple[FineCap, ...] = out(
        "The legal maximum for every jurisdiction under `fines` (also those with no expected"
        " fine, which are not cost lines)."
    )
    total: Money = out("Sum of the lines, in the breach currency.")
    total_reporting: Money = out("`total` in the reporting currency.")
    revenue: Money | None = out("Annual revenue in the breach currency, or null.")
    share_of_revenue: Decimal | None = out("`total / revenue`, or null without a revenue.")
    uncertain: bool = hidden()
    to_reporting: Decimal = hidden()
    interval: Interval | None = out(
        "P5 and P95 of the total for a file with ranges, or null.",
        after="total_reporting",
        default=None,
    )

    @property
    @computed("The breach currency.", after="")
    def currency(self) -> str:
        """The breach currency."""
        return self.total.currency

    @property
    @computed("The reporting currency.", after="currency")
    def reporting_currency(self) -> str:
        """The reporting currency."""
        return self.total_reporting.currency

    @property
    @computed("`interval` in the reporting currency, or null.", after="interval")
    def interval_reporting(self) -> Interval | None:
        """The total's interval, converted by the exact factor."""
        if self.interval is None:
            return None
        currency, factor = self.total_reporting.currency, self.to_reporting
        return Interval(
            Money(self.interval.p5.amount * factor, currency),
            Money(self.interval.p95.amount * factor, currency),
        )


def _shown(value: Uncertain) -> str:
    return value.describe() if isinstance(value, Range) else f"{Decimal(value):,}"


def total_exposure(breach: Breach) -> TotalExposure:
    """Every cost line at the likely values, and the total, in both currencies."""
    currency = base_currency(breach)
    reporting = reporting_currency(breach)
    all_rates = rates(breach)
    caps = fine_caps(breach)
    lines = []
    total = zero(currency)
    for spec in line_specs(breach, caps):
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
        fines=tuple(caps.values()),
        total=total,
        total_reporting=convert(total, reporting, all_rates),
        revenue=revenue,
        share_of_revenue=share,
        uncertain=any(line.uncertain for line in lines),
        to_reporting=conversion_factor(currency, reporting, breach),
    )
