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

from breachcalc.contract import computed, none_if_empty, out, result
from breachcalc.domain.money import MONEY_CONTEXT, Money, convert
from breachcalc.input.values import Rate
from breachcalc.reference.tables import fine_rule_on, fine_rules


@result
class FineCap:
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

    @property
    @computed("Since when the rule applies (its window's first day).", after="source")
    def effective(self) -> str:
        """Since when the rule applies (its window's first day)."""
        return self.in_force_from

    @property
    def window_text(self) -> str:
        """``2010-04-06 to 2018-05-24``, ``from 2023-09-15``, or "" without a rule."""
        if not self.in_force_from:
            return ""
        if self.in_force_until:
            return f"{self.in_force_from} to {self.in_force_until}"
        return f"from {self.in_force_from}"


class MissingInput(ValueError):
    """A rule needs an input the file does not give (the message says which)."""


def known_jurisdictions() -> list[str]:
    """Codes that have a fine rule (for some period)."""
    return list(fine_rules())


def _pct(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"


def _m(amount: Decimal, currency: str) -> str:
    return (
        f"{currency} {amount:,.0f}" if amount == amount.to_integral() else f"{currency} {amount:,}"
    )


def no_rule(code: str, day: date) -> FineCap:
    """What a day outside every window of ``code`` gets: words, never a guessed rule."""
    first = fine_rules()[code][0]["in_force_from"]
    when = f"before {first}" if day.isoformat() < first else f"on {day.isoformat()}"
    return FineCap(
        jurisdiction=code,
        rule=f"no fine rule in breachcalc's data {when} ({code})",
        maximum=None,
        basis=f"no rule in force on {day.isoformat()}",
        source="",
        in_force_from="",
        in_force_until="",
        window_source="",
        note="",
        secondary=False,
        unconfirmed=False,
    )


def fine_cap(
    code: str, inputs: Any, people: int, rates: tuple[Rate, ...], day: date | None = None
) -> FineCap:
    """The legal maximum for jurisdiction ``code`` under the rule in force on ``day``.

    Args:
        code: a code present in ``data/fines.toml``.
        inputs: the file's :class:`~breachcalc.input.breach.Fine` entry (turnover, tier, …).
        people: people affected in that jurisdiction (for per-person rules).
        rates: the file's exchange rates, to bring inputs into the rule's currency.
        day: the breach's day (see :func:`~breachcalc.domain.regime.rule_day`); None takes the
            newest rule.

    Raises:
        MissingInput: the rule needs a figure the file does not give.
    """
    found = fine_rule_on(code, day)
    if found is None:
        assert day is not None  # the newest rule always exists
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
    cap, basis = _CAPS[rule["kind"]](rule, figure, people)
    return FineCap(
        jurisdiction=code,
        rule=rule["name"],
        maximum=None if cap is None else Money(cap, currency),
        basis=basis,
        source=rule["source"],
        in_force_from=rule["in_force_from"],
        in_force_until=rule.get("in_force_until", ""),
        window_source=rule["window_source"],
        note=rule["note"],
        secondary=rule["secondary"],
        unconfirmed=rule["unconfirmed"],
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
}
"""Rule kind (``kind`` in data/fines.toml) → the function that computes the maximum."""
