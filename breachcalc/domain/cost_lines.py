"""The exposure model: every cost line of a breach as a formula over named inputs.

:func:`line_specs` turns a validated breach into a list of :class:`LineSpec`: the formula (a
function from :mod:`~breachcalc.domain.formulas`), its named inputs (exact or uncertain), the
currency of its result and the factor to the breach currency. ``assess`` evaluates each spec at
the likely values with exact decimals (:func:`evaluate_point`); ``simulate`` evaluates the same
specs on arrays of draws. One model of the money, two ways of feeding it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from datetime import date
from decimal import Decimal, localcontext
from typing import Any

from breachcalc.contract import record
from breachcalc.domain import formulas
from breachcalc.domain.fines import FineCap, fine_cap
from breachcalc.domain.money import MONEY_CONTEXT, Money, convert
from breachcalc.input.breach import Breach, Fine
from breachcalc.input.breach import CostLine as OwnLine
from breachcalc.input.values import Rate, Uncertain, point

GROUPS = (
    "compensation",
    "monitoring",
    "notification",
    "incident_response",
    "litigation",
    "lost_business",
    "enforcement",
    "card_brand_payments",
    "settlement",
    "other",
    "fines",
)
"""Line groups, in the order they are reported."""


@record
class LineSpec:
    """One cost line: a formula, its inputs, and the currency of its result.

    Attributes:
        key: unique key, e.g. ``compensation.2``, ``monitoring``, ``fine.KR``.
        group: one of :data:`GROUPS`.
        label: human label.
        formula: the formula in words, e.g. ``people × enrolment × price per month × months``.
        compute: the function from :mod:`breachcalc.domain.formulas`.
        inputs: the function's arguments by name, exact or uncertain.
        currency: currency of the result (before conversion to the breach currency).
        cap: for fines, the legal maximum (shown beside the expected fine).
    """

    key: str
    group: str
    label: str
    formula: str
    compute: Callable[..., Any]
    inputs: dict[str, Uncertain]
    currency: str
    cap: FineCap | None = field(default=None)


def base_currency(breach: Breach) -> str:
    """The breach currency: compensation's, else the costs', else the reporting currency."""
    if breach.compensation is not None:
        return breach.compensation.currency
    if breach.costs is not None and breach.costs.currency:
        return breach.costs.currency
    if breach.reporting is not None:
        return breach.reporting.currency
    from breachcalc.reference.tables import fine_rules

    ruled = [code for code in breach.fines if code in fine_rules()]
    if ruled:  # an unknown code is refused by the loader's checks, which need this first
        from breachcalc.domain.regime import rule_day

        return fine_rule_currency(ruled[0], rule_day(breach).date)
    return "USD"


def fine_rule_currency(code: str, day: date | None = None) -> str:
    """The currency a jurisdiction's fine rule of ``day`` is written in (the newest rule's
    where the day has none, or no day is given)."""
    from breachcalc.reference.tables import fine_rule_on, fine_rules

    rule = fine_rule_on(code, day) if day is not None else None
    return str((rule or fine_rules()[code][-1])["currency"])


def reporting_currency(breach: Breach) -> str:
    """The currency the user reports in (default: the breach currency)."""
    return breach.reporting.currency if breach.reporting else base_currency(breach)


def rates(breach: Breach) -> tuple[Rate, ...]:
    """The file's exchange rates."""
    return tuple(breach.reporting.rates) if breach.reporting else ()


@record
class OfferPart:
    """One part of the offer per person: a voucher of the file, or its single ``amount`` (a
    plain record: building a pydantic model per sweep row cost more than the whole offer)."""

    label: str | None
    amount: Uncertain
    currency: str | None
    redemption: Uncertain


def voucher_parts(breach: Breach) -> list[OfferPart]:
    """The offer as a list of parts: a single ``amount`` becomes one part."""
    comp = breach.compensation
    if comp is None:
        return []
    if comp.vouchers:
        return [OfferPart(v.label, v.amount, v.currency, v.redemption) for v in comp.vouchers]
    if comp.amount is None:
        return []
    redemption = comp.redemption if comp.redemption is not None else Decimal(1)
    return [OfferPart("compensation", comp.amount, None, redemption)]


def people_in(breach: Breach, code: str) -> tuple[int, bool]:
    """People affected in jurisdiction ``code`` and whether the file split the count there."""
    count = breach.jurisdictions.get(code)
    if count is None and code not in breach.jurisdictions:
        from breachcalc.reference.tables import jurisdiction_tree

        place = jurisdiction_tree().get(code)
        if place is not None and place.parent:  # a regime the file's flags bring in
            count = breach.jurisdictions.get(place.parent)
    return (count, True) if count is not None else (breach.affected, False)


def line_specs(breach: Breach, caps: dict[str, FineCap] | None = None) -> list[LineSpec]:
    """Every cost line the file describes, in :data:`GROUPS` order (``caps``: the breach's
    :func:`fine_caps`, where the caller has them already)."""
    return [*compensation_specs(breach), *cost_specs(breach), *fine_specs(breach, caps)]


def compensation_specs(breach: Breach) -> list[LineSpec]:
    """One line per voucher part: face value × redemption × people."""
    currency = base_currency(breach)
    people = Decimal(breach.affected)
    return [
        LineSpec(
            key=f"compensation.{index}",
            group="compensation",
            label=part.label or f"part {index}",
            formula="face value × redemption × people",
            compute=formulas.voucher_cost,
            inputs={"face_value": part.amount, "redemption": part.redemption, "people": people},
            currency=part.currency or currency,
        )
        for index, part in enumerate(voucher_parts(breach), start=1)
    ]


def cost_specs(breach: Breach) -> list[LineSpec]:
    """The ``costs`` section's lines, each present only when the file gives it."""
    costs = breach.costs
    if costs is None:
        return []
    here = costs.currency or base_currency(breach)
    found = [
        _monitoring(breach, here),
        _notification(breach, here),
        _incident_response(breach, here),
        _litigation(breach, here),
        _lost_business(breach, here),
    ]
    return [spec for spec in found if spec is not None] + own_line_specs(breach, here)


def _line(
    key: str,
    label: str,
    formula: str,
    compute: Callable[..., Any],
    inputs: dict[str, Uncertain],
    currency: str,
) -> LineSpec:
    return LineSpec(key, key, label, formula, compute, inputs, currency)


def _monitoring(breach: Breach, here: str) -> LineSpec | None:
    m = breach.costs.monitoring if breach.costs else None
    if m is None:
        return None
    offered = breach.affected if m.category is None else breach.people_with(m.category)
    return _line(
        "monitoring",
        "Credit or identity monitoring",
        "people × enrolment × price per month × months"
        + (f" (people: those whose {m.category} leaked)" if m.category else ""),
        formulas.monitoring_cost,
        {
            "people": Decimal(offered),
            "enrolment": m.enrolment,
            "price_per_month": m.price_per_month,
            "months": Decimal(m.months),
        },
        here,
    )


def _notification(breach: Breach, here: str) -> LineSpec | None:
    n = breach.costs.notification if breach.costs else None
    if n is None:
        return None
    notices = Decimal(n.notices if n.notices is not None else breach.affected)
    return _line(
        "notification",
        "Notification",
        "notices × cost per notice",
        formulas.notification_cost,
        {"notices": notices, "per_notice": n.per_notice},
        here,
    )


def _incident_response(breach: Breach, here: str) -> LineSpec | None:
    response = breach.costs.incident_response if breach.costs else None
    if response is None:
        return None
    return _line(
        "incident_response",
        "Incident response",
        "amount",
        formulas.fixed_cost,
        {"amount": response.amount},
        here,
    )


def _litigation(breach: Breach, here: str) -> LineSpec | None:
    lit = breach.costs.litigation if breach.costs else None
    if lit is not None and lit.lump_sum is not None:
        return _line(
            "litigation",
            "Litigation or settlement",
            "lump sum",
            formulas.fixed_cost,
            {"amount": lit.lump_sum},
            here,
        )
    if lit is not None and lit.per_person is not None and lit.claim_share is not None:
        return _line(
            "litigation",
            "Litigation or settlement",
            "people × claim share × amount per claimant",
            formulas.claims_cost,
            {
                "people": Decimal(breach.affected),
                "claim_share": lit.claim_share,
                "per_person": lit.per_person,
            },
            here,
        )
    return None


def _lost_business(breach: Breach, here: str) -> LineSpec | None:
    lb = breach.costs.lost_business if breach.costs else None
    if lb is None:
        return None
    return _line(
        "lost_business",
        "Lost business",
        "customers × churn × margin per customer",
        formulas.lost_business_cost,
        {
            "customers": Decimal(lb.customers),
            "churn": lb.churn,
            "margin_per_customer": lb.margin_per_customer,
        },
        here,
    )


def own_line_specs(breach: Breach, here: str) -> list[LineSpec]:
    """The file's own cost lines (``costs.lines``), in its order."""
    costs = breach.costs
    specs = []
    for index, own in enumerate(costs.lines if costs else ()):
        label = own.label + (f", {own.jurisdiction}" if own.jurisdiction else "")
        currency = own.currency or here
        key = f"line.{index + 1}"
        if own.amount is not None:
            specs.append(
                LineSpec(
                    key,
                    own.kind,
                    label,
                    "lump sum",
                    formulas.fixed_cost,
                    {"amount": own.amount},
                    currency,
                )
            )
            continue
        if own.per_person is None:
            continue  # refused by the loader's checks
        people, whose = own_people(breach, own)
        specs.append(
            LineSpec(
                key,
                own.kind,
                label,
                f"people ({whose}) × amount per person",
                formulas.per_person_cost,
                {"people": Decimal(people), "per_person": own.per_person},
                currency,
            )
        )
    return specs


def own_people(breach: Breach, own: OwnLine) -> tuple[int, str]:
    """The people a per-person line of the file's own counts, and whose they are."""
    if own.category is not None:
        return breach.people_with(own.category), f"those whose {own.category} leaked"
    if own.jurisdiction is not None:
        count, split = people_in(breach, own.jurisdiction)
        return count, (f"{own.jurisdiction}'s count" if split else "everyone affected")
    return breach.affected, "everyone affected"


_NO_ENTRY = Fine()
"""The inputs of a jurisdiction without a `fines` entry: none (a frozen model, made once)."""


def fine_caps(breach: Breach) -> dict[str, FineCap]:
    """The legal maximum in every jurisdiction of the file (and the sector regimes its
    ``controller`` flags bring in), under the rule in force on the breach's day, with or
    without a ``fines`` entry. An entry under ``fines`` must give what its rule needs (raises
    MissingInput); a jurisdiction without one shows the formula and "give turnover to compute
    it" where the maximum needs a figure the file does not give."""
    from breachcalc.domain.regime import codes_of, rule_day

    day = rule_day(breach).date
    found: dict[str, FineCap] = {}
    for code in [*codes_of(breach), *(c for c in breach.fines if c not in breach.jurisdictions)]:
        if code in found:
            continue
        entry = breach.fines.get(code)
        found[code] = fine_cap(
            code,
            entry if entry is not None else _NO_ENTRY,
            people_in(breach, code)[0],
            rates(breach),
            day,
            strict=entry is not None,
        )
    return found


def fine_specs(breach: Breach, caps: dict[str, FineCap] | None = None) -> list[LineSpec]:
    """One line per jurisdiction whose expected fine is given; caps only are not costs, and a
    jurisdiction with no administrative fine (JP) has no line (its expected fine can only be 0)."""
    specs = []
    for code, cap in (fine_caps(breach) if caps is None else caps).items():
        if code not in breach.fines:
            continue
        entry = breach.fines[code]
        label = f"Fine, {code}"
        if cap.maximum is None:
            continue
        if entry.expected is not None:
            specs.append(
                LineSpec(
                    f"fine.{code}",
                    "fines",
                    label,
                    "expected amount",
                    formulas.fixed_cost,
                    {"amount": entry.expected},
                    entry.currency or cap_currency(cap),
                    cap,
                )
            )
        elif entry.share_of_cap is not None and cap.maximum is not None:
            specs.append(
                LineSpec(
                    f"fine.{code}",
                    "fines",
                    label,
                    "share of the legal maximum × maximum",
                    formulas.share_of_cap,
                    {"share": entry.share_of_cap, "cap": cap.maximum.amount},
                    cap.maximum.currency,
                    cap,
                )
            )
    return specs


def cap_currency(cap: FineCap) -> str:
    """The currency of a cap (the rule's currency)."""
    return cap.maximum.currency if cap.maximum is not None else fine_rule_currency(cap.jurisdiction)


def evaluate_point(spec: LineSpec) -> Money:
    """The line at the likely value of every input, exact, in the line's own currency."""
    with localcontext(MONEY_CONTEXT):
        amount = spec.compute(**{name: point(value) for name, value in spec.inputs.items()})
    return Money(amount, spec.currency)


def conversion_factor(source: str, target: str, breach: Breach) -> Decimal:
    """The exact factor that converts ``source`` amounts into ``target`` (1 when equal)."""
    return factor(source, target, rates(breach))


def factor(source: str, target: str, all_rates: tuple[Rate, ...]) -> Decimal:
    """The exact factor that converts ``source`` amounts into ``target`` by ``all_rates``."""
    return convert(Money(Decimal(1), source), target, all_rates).amount
