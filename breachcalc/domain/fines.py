"""Legal maxima of fines per jurisdiction, computed from the rules in ``data/fines.toml``.

Pure functions: a rule, the file's inputs for it, and the number of people it concerns in; a
:class:`FineCap` out, carrying the formula with its numbers and the rule's source. A maximum is
not a prediction: the expected fine is the user's input, checked against the maximum.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from breachcalc.contract import none_if_empty, out, result
from breachcalc.domain.money import MONEY_CONTEXT, Money, convert
from breachcalc.domain.regime import InForce, fine_rule_of_day, provenance
from breachcalc.input.breach import Fine
from breachcalc.input.values import Rate
from breachcalc.reference.tables import fine_rules

NEEDS_TURNOVER = "give turnover to compute it"
"""What a maximum that needs the turnover says where the file gives none."""


@result
class FineCap(InForce):
    """The legal maximum of a fine in one jurisdiction, under the rule in force on the
    breach's day."""

    jurisdiction: str = out("Jurisdiction code.")
    rule: str = out("The rule's name (law and article): the regime applied.")
    maximum: Money | None = out(
        "The maximum in the rule's currency, or null where the law has no such fine (or"
        " breachcalc has no rule for the day)."
    )
    basis: str = out(
        "The formula with its numbers, e.g. `max(EUR 20,000,000, 4% × 1,000,000,000)`."
    )
    source: str = out("Where the rule comes from.")
    in_force_from: str = out(
        "First day of the rule's window, or null where breachcalc has no rule.",
        encode=none_if_empty,
    )
    in_force_until: str = out(
        "Last day of the rule's window, or null while it is still in force.",
        encode=none_if_empty,
    )
    window_source: str = out("Where the window's dates come from.")
    note: str = out("Caveats, including UNCONFIRMED figures.")
    secondary: bool = out(
        "The figures come from a secondary source (law firm, news), not the statute."
    )
    unconfirmed: bool = out("A figure or date was not checked against a citable source.")
    status: str = out(
        "`computed`; `no fine` (the law of the day has no such fine); `no rule` (breachcalc has"
        " no rule for the jurisdiction or the day); `needs input` (the maximum needs a figure"
        " the file does not give: `basis` shows the formula).",
        default="computed",
    )

    @property
    def maximum_text(self) -> str:
        """What stands in the maximum's place where there is no amount, or ""."""
        return {
            "no fine": "no administrative fine",
            "no rule": "no rule in breachcalc's data",
            "needs input": "needs turnover",
        }.get(self.status, "")


class MissingInput(ValueError):
    """A rule needs an input the file does not give (the message says which)."""


def known_jurisdictions() -> list[str]:
    """Codes that have a fine rule (for some period)."""
    return list(fine_rules())


def _pct(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"


def _m(amount: Decimal, currency: str) -> str:
    if amount == amount.to_integral():
        return f"{currency} {amount:,.0f}"
    if amount == round(amount, 2):
        return f"{currency} {amount:,}"
    return f"{currency} {amount:,.2f}"  # a converted figure: shown to the cent, kept exact


def no_rule(code: str, day: date | None) -> FineCap:
    """What a day outside every window of ``code`` gets (or a code with no fine rule at all):
    words, never a guessed rule."""
    if code not in fine_rules():
        rule, basis = f"no fine rule in breachcalc's data ({code})", ""
    else:
        assert day is not None  # the newest rule always exists
        first = fine_rules()[code][0]["in_force_from"]
        when = f"before {first}" if day.isoformat() < first else f"on {day.isoformat()}"
        rule = f"no fine rule in breachcalc's data {when} ({code})"
        basis = f"no rule in force on {day.isoformat()}"
    return FineCap(
        jurisdiction=code,
        rule=rule,
        maximum=None,
        basis=basis,
        source="",
        in_force_from="",
        in_force_until="",
        window_source="",
        note="",
        secondary=False,
        unconfirmed=False,
        status="no rule",
    )


def fine_cap(
    code: str,
    inputs: Fine,
    people: int,
    rates: tuple[Rate, ...],
    day: date | None = None,
    *,
    strict: bool = True,
) -> FineCap:
    """The legal maximum for jurisdiction ``code`` under the rule in force on ``day``.

    Args:
        code: a code present in ``data/fines.toml``.
        inputs: the file's :class:`~breachcalc.input.breach.Fine` entry (turnover, tier, …).
        people: people affected in that jurisdiction (for per-person rules).
        rates: the file's exchange rates, to bring inputs into the rule's currency.
        day: the breach's day (see :func:`~breachcalc.domain.regime.rule_day`); None takes the
            newest rule.
        strict: raise where a figure is missing; else show the formula with "give turnover to
            compute it" (the maximum shown by default, with no ``fines`` entry).

    Raises:
        MissingInput: the rule needs a figure the file does not give (``strict`` only).
    """
    found = fine_rule_of_day(code, day)
    if found is None:
        return no_rule(code, day)
    rule: dict[str, Any] = {
        k: Decimal(v) if isinstance(v, int) and not isinstance(v, bool) else v
        for k, v in found.items()
    }
    for tier in ("standard", "higher"):
        if tier in rule:
            rule[tier] = {k: Decimal(v) if isinstance(v, int) else v for k, v in rule[tier].items()}
    currency = rule["currency"]
    given = inputs.currency or currency

    def figure(name: str) -> Decimal | None:
        value = getattr(inputs, name)
        if value is None:
            return None
        return convert(Money(value, given), currency, rates).amount

    rule["chosen_tier"] = getattr(inputs, "tier", None) or "higher"
    rule["culpability"] = getattr(inputs, "culpability", None)
    rule["aggravated"] = getattr(inputs, "aggravated", None)
    rule["by_default"] = not strict  # no `fines` entry: a maximum that needs turnover says so
    try:
        cap, basis = _CAPS[rule["kind"]](rule, figure, people)
        status = "no fine" if cap is None else "computed"
    except MissingInput:
        if strict:
            raise
        cap, basis = None, f"{rule_formula(found)}: {NEEDS_TURNOVER}"
        status = "needs input"
    return FineCap(
        jurisdiction=code,
        rule=rule["name"],
        maximum=None if cap is None else Money(cap, currency),
        basis=basis,
        status=status,
        **provenance(found),
    )


Figure = Callable[[str], Decimal | None]
Cap = tuple[Decimal | None, str]


def _none(rule: dict[str, Any], figure: Figure, people: int) -> Cap:
    return None, "no administrative fine"


def _fixed(rule: dict[str, Any], figure: Figure, people: int) -> Cap:
    return rule["amount"], _m(rule["amount"], rule["currency"])


def _per_person(rule: dict[str, Any], figure: Figure, people: int) -> Cap:
    cap = MONEY_CONTEXT.multiply(rule["amount"], Decimal(people))
    return cap, f"{_m(rule['amount'], rule['currency'])} × {people:,} people"


def _required(rule: dict[str, Any], figure: Figure, code_hint: str) -> Decimal:
    turnover = figure("turnover")
    if turnover is None:
        raise MissingInput(f"`turnover` ({rule['turnover']}) is needed for this maximum{code_hint}")
    return turnover


def _share_less_unrelated(rule: dict[str, Any], figure: Figure, people: int) -> Cap:
    turnover = _required(rule, figure, "; write 0 if there are no sales")
    ccy = rule["currency"]
    if turnover == 0:
        return rule["floor"], f"no sales: {_m(rule['floor'], ccy)}"
    unrelated = figure("unrelated_turnover") or Decimal(0)
    cap = MONEY_CONTEXT.multiply(rule["rate"], turnover - unrelated)
    return cap, f"{_pct(rule['rate'])} × ({_m(turnover, ccy)} − {_m(unrelated, ccy)} unrelated)"


def _share_of_related(rule: dict[str, Any], figure: Figure, people: int) -> Cap:
    ccy, related = rule["currency"], figure("related_turnover")
    if related is not None:
        cap = MONEY_CONTEXT.multiply(rule["rate"], related)
        return cap, f"{_pct(rule['rate'])} × {_m(related, ccy)} revenue related to the violation"
    turnover = figure("turnover")
    if turnover is None:
        raise MissingInput(
            f"`related_turnover` ({rule['turnover']}), or `turnover` and `unrelated_turnover`, "
            "is needed for this maximum"
        )
    unrelated = figure("unrelated_turnover") or Decimal(0)
    cap = MONEY_CONTEXT.multiply(rule["rate"], turnover - unrelated)
    return cap, (
        f"{_pct(rule['rate'])} × ({_m(turnover, ccy)} − {_m(unrelated, ccy)} unrelated) "
        "revenue related to the violation"
    )


def _greater_of_fixed_and_share(rule: dict[str, Any], figure: Figure, people: int) -> Cap:
    tier_name = rule["chosen_tier"]
    tier, ccy = rule[tier_name], rule["currency"]
    turnover = figure("turnover")
    if turnover is None and rule["by_default"]:
        raise MissingInput("`turnover` is needed for this maximum")
    if turnover is None:
        return tier["fixed"], (
            f"{_m(tier['fixed'], ccy)} ({tier_name} tier; no turnover given, so the fixed amount)"
        )
    cap = max(tier["fixed"], MONEY_CONTEXT.multiply(tier["rate"], turnover))
    return cap, (
        f"max({_m(tier['fixed'], ccy)}, {_pct(tier['rate'])} × {_m(turnover, ccy)}) "
        f"({tier_name} tier: {tier['article']})"
    )


def _greater_of_benefit_turnover(rule: dict[str, Any], figure: Figure, people: int) -> Cap:
    ccy, fixed = rule["currency"], rule["fixed"]
    benefit, turnover = figure("benefit"), figure("turnover")
    if benefit is None and turnover is None and rule["by_default"]:
        raise MissingInput("`benefit` or `turnover` is needed for this maximum")
    if benefit is not None:
        cap = max(fixed, rule["benefit_multiple"] * benefit)
        return cap, (
            f"max({_m(fixed, ccy)}, {rule['benefit_multiple']} × benefit {_m(benefit, ccy)})"
        )
    if turnover is not None:
        cap = max(fixed, MONEY_CONTEXT.multiply(rule["rate"], turnover))
        return cap, (
            f"max({_m(fixed, ccy)}, {_pct(rule['rate'])} × {_m(turnover, ccy)} adjusted turnover)"
        )
    return fixed, f"{_m(fixed, ccy)} (no benefit or turnover given)"


def _share_above_threshold(rule: dict[str, Any], figure: Figure, people: int) -> Cap:
    turnover = _required(rule, figure, "")
    ccy, threshold = rule["currency"], rule["threshold"]
    if turnover > threshold:
        cap = MONEY_CONTEXT.multiply(rule["rate"], turnover)
        return cap, f"{_pct(rule['rate'])} × {_m(turnover, ccy)} (above {_m(threshold, ccy)})"
    return rule["fixed"], f"{_m(rule['fixed'], ccy)} (turnover not above {_m(threshold, ccy)})"


def _alternative(rule: dict[str, Any], figure: Figure, people: int) -> Cap:
    ccy, turnover = rule["currency"], figure("turnover")
    if turnover is None and rule["by_default"]:
        raise MissingInput("`turnover` is needed for this maximum")
    if turnover is None:
        return rule["fixed"], f"{_m(rule['fixed'], ccy)} (no turnover given)"
    cap = max(rule["fixed"], MONEY_CONTEXT.multiply(rule["rate"], turnover))
    return cap, (
        f"{_m(rule['fixed'], ccy)} or {_pct(rule['rate'])} × {_m(turnover, ccy)}, the larger"
    )


def _share_capped(rule: dict[str, Any], figure: Figure, people: int) -> Cap:
    ccy, turnover = rule["currency"], figure("turnover")
    if turnover is None:
        return rule["cap"], f"{_m(rule['cap'], ccy)} (no revenue given: the cap)"
    cap = min(MONEY_CONTEXT.multiply(rule["rate"], turnover), rule["cap"])
    return cap, f"min({_pct(rule['rate'])} × {_m(turnover, ccy)}, {_m(rule['cap'], ccy)})"


def _punitive(rule: dict[str, Any], figure: Figure, people: int) -> Cap:
    """KR from 11 Sep 2026: 3% of total sales less unrelated sales; up to 10% of total sales in
    the punitive surcharge's cases (10 million people or more, or ``aggravated``)."""
    ccy, threshold = rule["currency"], rule["punitive_people"]
    aggravated = rule["aggravated"]
    if aggravated is None:
        aggravated = people >= threshold
    if not aggravated:
        cap, basis = _share_less_unrelated(rule, figure, people)
        why = (
            "`aggravated: false`"
            if rule["aggravated"] is False
            else f"{people:,} people < {threshold:,}"
        )
        return cap, f"{basis} (not the punitive 10%: {why})"
    turnover = _required(rule, figure, "; write 0 if there are no sales")
    if turnover == 0:
        return rule["floor"], f"no sales: {_m(rule['floor'], ccy)}"
    cap = MONEY_CONTEXT.multiply(rule["punitive_rate"], turnover)
    why = (
        "`aggravated: true`"
        if rule["aggravated"]
        else f"{people:,} people ≥ {threshold:,}, if intentional or grossly negligent"
    )
    return cap, (
        f"{_pct(rule['punitive_rate'])} × {_m(turnover, ccy)} total sales (the 2026 amendment's "
        f"punitive surcharge: {why})"
    )


_TIERS = (
    "did_not_know",
    "reasonable_cause",
    "willful_neglect_corrected",
    "willful_neglect_not_corrected",
)


def _tiered_annual(rule: dict[str, Any], figure: Figure, people: int) -> Cap:
    """US-HIPAA: the calendar-year cap per identical provision; with a culpability tier and
    OCR's enforcement discretion in force, the lower of the cap and the tier's discretion cap."""
    ccy, annual = rule["currency"], rule["annual"]
    tier = rule["culpability"]
    discretion = rule.get("discretion")
    if tier is None or discretion is None:
        told = f"culpability {tier.replace('_', ' ')}" if tier else "any culpability tier"
        return annual, f"{_m(annual, ccy)} a calendar year per identical provision ({told})"
    limit = Decimal(discretion[_TIERS.index(tier)])
    cap = min(annual, limit)
    return cap, (
        f"min({_m(annual, ccy)} calendar-year cap, {_m(limit, ccy)} OCR enforcement discretion"
        f" for {tier.replace('_', ' ')})"
    )


def _formula(rule: dict[str, Any]) -> str:
    """The rule's formula in words, for a maximum the file lacks a figure for."""
    ccy, kind = rule["currency"], rule["kind"]
    rate = _pct(rule["rate"]) if "rate" in rule else ""
    if kind == "share_of_turnover_less_unrelated":
        return f"{rate} × (turnover − unrelated turnover); {_m(rule['floor'], ccy)} without sales"
    if kind == "share_less_unrelated_or_punitive":
        return (
            f"{rate} × (turnover − unrelated turnover), or {_pct(rule['punitive_rate'])} × "
            f"turnover in the punitive cases (10 million people or more)"
        )
    if kind == "share_of_related_turnover":
        return f"{rate} × revenue related to the violation"
    if kind == "share_above_threshold":
        return (
            f"{rate} × turnover above {_m(rule['threshold'], ccy)}, else {_m(rule['fixed'], ccy)}"
        )
    return str(kind)


_FORMULAS: dict[str, Callable[[dict[str, Any]], str]] = dict.fromkeys(
    (
        "share_of_turnover_less_unrelated",
        "share_less_unrelated_or_punitive",
        "share_of_related_turnover",
        "share_above_threshold",
    ),
    _formula,
)
"""Kinds that can need a figure the file lacks → their formula in words."""


_CAPS: dict[str, Callable[[dict[str, Any], Figure, int], Cap]] = {
    "none": _none,
    "fixed": _fixed,
    "per_person": _per_person,
    "share_of_turnover_less_unrelated": _share_less_unrelated,
    "share_of_related_turnover": _share_of_related,
    "greater_of_fixed_and_share": _greater_of_fixed_and_share,
    "greater_of_fixed_benefit_turnover": _greater_of_benefit_turnover,
    "share_above_threshold": _share_above_threshold,
    "alternative_fixed_or_share": _alternative,
    "share_capped": _share_capped,
    "share_less_unrelated_or_punitive": _punitive,
    "tiered_annual": _tiered_annual,
}
"""Rule kind (``kind`` in data/fines.toml) → the function that computes the maximum."""


def rule_formula(found: dict[str, Any]) -> str:
    """A fine rule's maximum as a formula in words, before any figure of a breach: what
    ``breachcalc law`` shows."""
    rule: dict[str, Any] = {
        k: Decimal(v) if isinstance(v, int) and not isinstance(v, bool) else v
        for k, v in found.items()
    }
    ccy, kind = rule["currency"], rule["kind"]
    if kind in _FORMULAS:
        return _FORMULAS[kind](rule)
    if kind == "none":
        return "no administrative fine"
    if kind == "fixed":
        return _m(rule["amount"], ccy)
    if kind == "per_person":
        return f"{_m(rule['amount'], ccy)} × people affected in the jurisdiction"
    if kind == "greater_of_fixed_and_share":
        return "; ".join(
            f"max({_m(Decimal(t['fixed']), ccy)}, {_pct(t['rate'])} × turnover) ({t['article']})"
            for t in (rule["higher"], rule["standard"])
        )
    if kind == "greater_of_fixed_benefit_turnover":
        return (
            f"max({_m(rule['fixed'], ccy)}, {rule['benefit_multiple']} × benefit, or "
            f"{_pct(rule['rate'])} × adjusted turnover where the benefit cannot be determined)"
        )
    if kind == "alternative_fixed_or_share":
        return f"{_m(rule['fixed'], ccy)}, or {_pct(rule['rate'])} × turnover"
    if kind == "share_capped":
        return f"min({_pct(rule['rate'])} × turnover, {_m(rule['cap'], ccy)})"
    if kind == "tiered_annual":
        text = f"{_m(rule['annual'], ccy)} a calendar year per identical provision"
        if "discretion" in rule:
            tiers = " / ".join(f"{Decimal(v):,}" for v in rule["discretion"])
            text += f" (OCR's enforcement discretion, tiers 1-4: {ccy} {tiers})"
        return text
    raise ValueError(f"unknown fine rule kind {kind!r} in fines.toml")


def fixed_maximum(found: dict[str, Any]) -> Money | None:
    """The maximum where it needs no figure of the breach (a fixed amount, a yearly cap), else
    None."""
    kind, ccy = found["kind"], found["currency"]
    if kind == "fixed":
        return Money(Decimal(found["amount"]), ccy)
    if kind == "tiered_annual":
        return Money(Decimal(found["annual"]), ccy)
    return None
