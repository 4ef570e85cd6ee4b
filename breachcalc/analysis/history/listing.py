"""Listing."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from breachcalc.analysis.history.comparables import similarity
from breachcalc.analysis.history.features import Facts, case_facts, fine_unit
from breachcalc.contract import cents, computed, four_places_or_null, hidden, out, result
from breachcalc.reference.history import Case, Outcome, history, in_usd, per_usd


@result
class PerPerson:
    """An amount per person, to four decimals (a small amount keeps its digits)."""

    amount: Decimal = out("The amount, to four decimals.")
    currency: str = out("ISO 4217 currency code.")


@result
class Listed:
    """One past breach as ``breachcalc history`` lists it: the facts known soon after, its
    public outcomes in total and per person, and every outcome."""

    case: Case = out("The breach's facts.", key="*")
    public_outcomes_usd: Decimal | None = out(
        "Its public money outcomes, in US dollars to the cent (0 where nothing was paid), or "
        "null where none is known yet.",
        encode=cents,
    )
    per_person_exact: Decimal | None = hidden()
    currency: str = hidden()
    similarity: float | None = out(
        "Distance to the `--like` breach (0 is identical), or null.",
        encode=four_places_or_null,
    )
    why: str = out("Why it is like the `--like` breach (empty without one).")

    @property
    @computed("Public outcomes per person, or null.", after="public_outcomes_usd")
    def per_person(self) -> PerPerson | None:
        """``per_person_exact`` to four decimals, in the listing's currency."""
        if self.per_person_exact is None:
            return None
        return PerPerson(self.per_person_exact.quantize(Decimal("0.0001")), self.currency)

    @property
    @computed("Every public money outcome, with its source.")
    def outcomes(self) -> tuple[Outcome, ...]:
        """The case's outcomes."""
        return self.case.outcomes


HISTORY_CONVERSION = (
    "yearly average rate of each outcome's year (Federal Reserve G.5A and "
    "others, data/fx_yearly.toml); nominal, no inflation adjustment"
)


@result
class HistoryListing:
    """``breachcalc history``: the shipped history, filtered."""

    compiled: str = out("The date the history was compiled.")
    currency: str = out("The currency of the per-person figures.")
    breaches: tuple[Listed, ...] = out("The breaches kept, in order.")
    conversion: str = out(
        "How amounts were converted into US dollars.", default=HISTORY_CONVERSION, after="currency"
    )

    @property
    @computed("How many breaches are listed.", after="conversion")
    def count(self) -> int:
        """The number of breaches."""
        return len(self.breaches)


@dataclass(frozen=True)
class Filters:
    """What ``breachcalc history`` keeps: every condition given must hold."""

    jurisdictions: tuple[str, ...] = ()
    people: tuple[float, float] | None = None
    categories: tuple[str, ...] = ()
    since: int | None = None

    def keeps(self, case: Case) -> bool:
        if self.jurisdictions:
            mine = {fine_unit(c) for c in case.jurisdictions} | set(case.jurisdictions)
            mine |= {o.jurisdiction for o in case.outcomes}
            if not any(code in mine or fine_unit(code) in mine for code in self.jurisdictions):
                return False
        low, high = self.people or (0.0, math.inf)
        if self.people is not None and (case.people is None or not low <= case.people <= high):
            return False
        if self.categories and not set(self.categories) <= set(case.categories):
            return False
        return self.since is None or case.year >= self.since


def counted_total_usd(case: Case) -> Decimal | None:
    """The case's public-outcome total in US dollars: zero where the history found nothing paid
    (and nothing is pending), None without a counted outcome otherwise."""
    found = [
        in_usd(o.amount, o.currency, o.year)
        for o in case.outcomes
        if o.counted and o.amount is not None
    ]
    amounts = [a for a in found if a is not None]
    if amounts:
        return sum(amounts, Decimal(0))
    pending = any(o.status == "pending" for o in case.outcomes)
    return Decimal(0) if case.no_public_outcome is not None and not pending else None


def listing(
    filters: Filters, currency: str = "USD", like: Facts | None = None, limit: int | None = None
) -> list[Listed]:
    """The history, filtered; per-person outcomes in ``currency`` (yearly average of each
    outcome's year); with ``like``, sorted by similarity and each row saying why."""
    rows = []
    for case in history():
        if not filters.keeps(case):
            continue
        total = counted_total_usd(case)
        converted = None
        if total is not None and case.people:
            rate = per_usd(currency, max((o.year for o in case.outcomes), default=case.year))
            if rate is not None:
                converted = total * rate[0] / case.people
        distance, why = (None, "")
        if like is not None and case.people is not None:
            distance, why = similarity(like, case_facts(case))
        rows.append(Listed(case, total, converted, currency, distance, why))
    if like is not None:
        rows.sort(key=lambda r: (r.similarity is None, r.similarity or 0.0, r.case.id))
    return rows[:limit] if limit else rows
