"""Compensation exposure: pure functions over a validated :class:`~breachcalc.model.Breach`.

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
from decimal import Decimal

from breachcalc.model import Breach, Voucher
from breachcalc.money import Money, Rate, convert, zero


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


def voucher_parts(breach: Breach) -> list[Voucher]:
    """The offer as a list of parts: ``amount`` becomes a single part."""
    comp = breach.compensation
    if comp is None:
        return []
    if comp.vouchers:
        return list(comp.vouchers)
    if comp.amount is None:
        return []
    redemption = comp.redemption if comp.redemption is not None else Decimal(1)
    return [Voucher(label="compensation", amount=comp.amount, redemption=redemption)]


def compensation_exposure(breach: Breach) -> Exposure:
    """Per-person and total compensation exposure, per part and in total, in both currencies."""
    comp = breach.compensation
    currency = comp.currency if comp else (breach.reporting.currency if breach.reporting else "USD")
    reporting = breach.reporting.currency if breach.reporting else currency
    rates = tuple(breach.reporting.rates) if breach.reporting else ()
    people = breach.affected

    parts: list[PartExposure] = []
    face_sum, expected_sum = zero(currency), zero(currency)
    for index, voucher in enumerate(voucher_parts(breach), start=1):
        face = Money(voucher.amount, voucher.currency or currency)
        face_here = convert(face, currency, rates)
        expected = face_here.times(voucher.redemption)
        total = expected.times(people)
        parts.append(
            PartExposure(
                label=voucher.label or f"part {index}",
                face_value=face,
                redemption=voucher.redemption,
                expected_per_person=expected,
                total=total,
                total_reporting=convert(total, reporting, rates),
            )
        )
        face_sum = face_sum.plus(face_here)
        expected_sum = expected_sum.plus(expected)

    total = expected_sum.times(people)
    return Exposure(
        currency=currency,
        reporting_currency=reporting,
        rates=rates,
        parts=tuple(parts),
        face_value_per_person=face_sum,
        per_person=expected_sum,
        per_person_reporting=convert(expected_sum, reporting, rates),
        total_face_value=face_sum.times(people),
        total=total,
        total_reporting=convert(total, reporting, rates),
    )
