"""Legal maxima of fines per jurisdiction, computed from the rules in ``data/fines.toml``.

Pure functions: a rule, the file's inputs for it, and the number of people it concerns in; a
:class:`FineCap` out, carrying the formula with its numbers and the rule's source. A maximum is
not a prediction: the expected fine is the user's input, checked against the maximum.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from breachcalc.money import MONEY_CONTEXT, Money, Rate, convert
from breachcalc.refdata import fine_rules


@dataclass(frozen=True)
class FineCap:
    """The legal maximum in one jurisdiction.

    Attributes:
        code: jurisdiction code.
        name: the rule's name (law and article).
        cap: the maximum in the rule's currency, or None where the law has no such fine.
        basis: the formula with its numbers, e.g. ``max(EUR 20,000,000, 4% × 1,000,000,000)``.
        source: where the rule comes from.
        effective: since when it applies.
        note: caveats (including UNCONFIRMED figures).
        unconfirmed: the figure was not checked against a primary source.
    """

    code: str
    name: str
    cap: Money | None
    basis: str
    source: str
    effective: str
    note: str
    unconfirmed: bool


class MissingInput(ValueError):
    """A rule needs an input the file does not give (the message says which)."""


def known_jurisdictions() -> list[str]:
    """Codes that have a fine rule."""
    return list(fine_rules())


def _pct(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"


def _m(amount: Decimal, currency: str) -> str:
    return f"{currency} {amount:,.0f}" if amount == amount.to_integral() else f"{currency} {amount:,}"


def fine_cap(code: str, inputs: Any, people: int, rates: tuple[Rate, ...]) -> FineCap:
    """The legal maximum for jurisdiction ``code``.

    Args:
        code: a code present in ``data/fines.toml``.
        inputs: the file's :class:`~breachcalc.model.Fine` entry (turnover, tier, …).
        people: people affected in that jurisdiction (for per-person rules).
        rates: the file's exchange rates, to bring inputs into the rule's currency.

    Raises:
        MissingInput: the rule needs a figure the file does not give.
    """
    rule = fine_rules()[code]
    currency = rule["currency"]
    given = inputs.currency or currency

    def figure(name: str) -> Decimal | None:
        value = getattr(inputs, name)
        if value is None:
            return None
        return convert(Money(value, given), currency, rates).amount

    kind = rule["kind"]
    turnover = figure("turnover")
    cap: Decimal | None
    with_ctx = MONEY_CONTEXT
    if kind == "none":
        cap, basis = None, "no administrative fine"
    elif kind == "fixed":
        cap = rule["amount"]
        basis = _m(cap, currency)
    elif kind == "per_person":
        cap = with_ctx.multiply(rule["amount"], Decimal(people))
        basis = f"{_m(rule['amount'], currency)} × {people:,} people"
    elif kind == "share_of_turnover_less_unrelated":
        if turnover is None:
            raise MissingInput(f"`turnover` ({rule['turnover']}) is needed for the {code} maximum;"
                               " write 0 if there are no sales")
        unrelated = figure("unrelated_turnover") or Decimal(0)
        if turnover == 0:
            cap, basis = rule["floor"], f"no sales: {_m(rule['floor'], currency)}"
        else:
            cap = with_ctx.multiply(rule["rate"], turnover - unrelated)
            basis = (f"{_pct(rule['rate'])} × ({_m(turnover, currency)} − "
                     f"{_m(unrelated, currency)} unrelated)")
    elif kind == "greater_of_fixed_and_share":
        tier_name = inputs.tier or "higher"
        tier = rule[tier_name]
        if turnover is None:
            cap = tier["fixed"]
            basis = f"{_m(cap, currency)} ({tier_name} tier; no turnover given, so the fixed amount)"
        else:
            share = with_ctx.multiply(tier["rate"], turnover)
            cap = max(tier["fixed"], share)
            basis = (f"max({_m(tier['fixed'], currency)}, {_pct(tier['rate'])} × "
                     f"{_m(turnover, currency)}) ({tier_name} tier: {tier['article']})")
    elif kind == "greater_of_fixed_benefit_turnover":
        benefit = figure("benefit")
        if benefit is not None:
            cap = max(rule["fixed"], rule["benefit_multiple"] * benefit)
            basis = f"max({_m(rule['fixed'], currency)}, 3 × benefit {_m(benefit, currency)})"
        elif turnover is not None:
            cap = max(rule["fixed"], with_ctx.multiply(rule["rate"], turnover))
            basis = (f"max({_m(rule['fixed'], currency)}, {_pct(rule['rate'])} × "
                     f"{_m(turnover, currency)} adjusted turnover)")
        else:
            cap = rule["fixed"]
            basis = f"{_m(cap, currency)} (no benefit or turnover given)"
    elif kind == "share_above_threshold":
        if turnover is None:
            raise MissingInput(f"`turnover` ({rule['turnover']}) is needed for the {code} maximum")
        if turnover > rule["threshold"]:
            cap = with_ctx.multiply(rule["rate"], turnover)
            basis = f"{_pct(rule['rate'])} × {_m(turnover, currency)} (above {_m(rule['threshold'], currency)})"
        else:
            cap = rule["fixed"]
            basis = f"{_m(cap, currency)} (turnover not above {_m(rule['threshold'], currency)})"
    elif kind == "alternative_fixed_or_share":
        if turnover is None:
            cap, basis = rule["fixed"], f"{_m(rule['fixed'], currency)} (no turnover given)"
        else:
            cap = max(rule["fixed"], with_ctx.multiply(rule["rate"], turnover))
            basis = (f"{_m(rule['fixed'], currency)} or {_pct(rule['rate'])} × "
                     f"{_m(turnover, currency)}, the larger")
    elif kind == "share_capped":
        if turnover is None:
            cap, basis = rule["cap"], f"{_m(rule['cap'], currency)} (no revenue given: the cap)"
        else:
            cap = min(with_ctx.multiply(rule["rate"], turnover), rule["cap"])
            basis = (f"min({_pct(rule['rate'])} × {_m(turnover, currency)}, "
                     f"{_m(rule['cap'], currency)})")
    else:  # pragma: no cover - the data file is checked by the tests
        raise ValueError(f"unknown fine kind {kind!r} for {code}")
    return FineCap(
        code=code,
        name=rule["name"],
        cap=None if cap is None else Money(cap, currency),
        basis=basis,
        source=rule["source"],
        effective=str(rule["effective"]),
        note=rule["note"],
        unconfirmed=bool(rule.get("unconfirmed", False)),
    )
