"""The facts the history model conditions on, and the public outcomes of past breaches by line.

A breach's public outcomes fall into *lines*: a regulator fine in each jurisdiction that can
fine (``fine.EU``, ``fine.UK``, ``fine.KR``, ``fine.US`` and each other code for itself),
settlements and court awards, government enforcement, and payments to banks and card brands
(only where card data leaked). A line of a past breach is positive (its outcomes, in US dollars
of each outcome's year), zero (nothing of that kind was paid in public) or unknown (an outcome
of that kind is pending: never a zero).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from functools import cache

from breachcalc.contract import FieldTuple
from breachcalc.input.breach import Breach
from breachcalc.reference.history import Case, history, in_usd
from breachcalc.reference.tables import catalogue, eu_eea_members, fine_rule_on, fine_rules

BREACH_LINES = ("settlement", "enforcement", "card_brand_payments")
KIND_LINE = {
    "regulator_fine": "fine",
    "consumer_settlement": "settlement",
    "court_award": "settlement",
    "enforcement": "enforcement",
    "card_brand_payments": "card_brand_payments",
}
LABELS = {
    "settlement": "Settlements and court awards",
    "enforcement": "Government enforcement",
    "card_brand_payments": "Payments to banks and card brands",
}


# --- facts -----------------------------------------------------------------------------------


class Facts(FieldTuple):
    """What the model conditions on: the facts known soon after a breach (a named tuple: an
    estimate's start-up builds it faster than a frozen dataclass)."""

    __slots__ = ()

    people: int
    categories: frozenset[str]
    jurisdictions: tuple[str, ...]
    year: int
    sector: str = "other"
    malicious: bool | None = None
    turnover_usd: float | None = None
    curated: bool = False
    """The breach came into the history only because something was paid (not by the selection
    rule): a selection fact the occurrence model corrects for; never true for a file."""

    @property
    def ln_people(self) -> float:
        return math.log(max(self.people, 1))

    @property
    def us(self) -> bool:
        return any(code.startswith("US") for code in self.jurisdictions)

    @property
    def kr(self) -> bool:
        return "KR" in self.jurisdictions

    @property
    def ca(self) -> bool:
        return "CA" in self.jurisdictions

    @property
    def financial(self) -> bool:
        cats = catalogue().categories
        return (
            any(cats[c].enisa_class == "financial" for c in self.categories if c in cats)
            or "credentials" in self.categories
        )

    @property
    def sensitive(self) -> bool:
        cats = catalogue().categories
        return any(cats[c].enisa_class == "sensitive" for c in self.categories if c in cats)

    @property
    def cards(self) -> bool:
        return "payment_cards" in self.categories

    @property
    def units(self) -> frozenset[str]:
        """The fine units of its jurisdictions (every US code is US, EU/EEA states EU)."""
        return _units_of(self.jurisdictions)

    @property
    def classes(self) -> frozenset[str]:
        """The ENISA classes of its data categories."""
        return _classes_of(self.categories)


@cache
def _units_of(jurisdictions: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fine_unit(c) for c in jurisdictions)


@cache
def _classes_of(categories: frozenset[str]) -> frozenset[str]:
    cats = catalogue().categories
    return frozenset(cats[c].enisa_class for c in categories if c in cats)


def fine_unit(code: str) -> str:
    """The fine line a jurisdiction code belongs to: every US code is one US line; EU and EEA
    states are the EU's; others stand for themselves."""
    if code.startswith("US"):
        return "US"
    if code in eu_eea_members():
        return "EU"
    return code


def fine_units(jurisdictions: Iterable[str], day: date) -> list[str]:
    """The fine lines of a set of jurisdictions on ``day``: US always (its regulators fine
    without a statutory cap), others only where breachcalc has a fine rule that fines."""
    units: list[str] = []
    for code in jurisdictions:
        unit = fine_unit(code)
        if unit in units:
            continue
        if unit != "US":
            if unit not in fine_rules():
                continue
            rule = fine_rule_on(unit, day)
            if rule is None or rule["kind"] == "none":
                continue
        units.append(unit)
    return units


def case_facts(case: Case) -> Facts:
    """A past breach's facts (its people must be known)."""
    assert case.people is not None
    turnover = None
    if case.revenue is not None:
        usd = in_usd(case.revenue[0], case.revenue[1], case.revenue[2])
        turnover = None if usd is None else float(usd)
    return Facts(
        case.people,
        frozenset(case.categories),
        case.jurisdictions,
        case.year,
        sector=case.sector,
        malicious=case.malicious,
        turnover_usd=turnover,
        curated=not case.by_rule,
    )


def breach_facts(
    breach: Breach, day: date | None, turnover_usd: float | None = None, last: int | None = None
) -> Facts:
    """A breach file's facts; a file without a date is placed in the history's last year
    (``last``, where the caller knows it)."""
    year = day.year if day is not None else (last or max(c.year for c in history()))
    circumstances = breach.circumstances
    return Facts(
        breach.affected,
        frozenset(breach.category_keys),
        tuple(breach.jurisdictions),
        year,
        str(getattr(breach, "sector", None) or "other"),  # sector
        None if circumstances is None else circumstances.malicious,  # malicious
        turnover_usd,
        False,  # curated: never a file (every field by position: the quickest tuple)
    )


def case_day(case: Case) -> date:
    """The day whose law applied to a past breach: discovered, else 1 July of its year."""
    if case.discovered:
        return date.fromisoformat(case.discovered)
    return date(case.year, 7, 1)


# --- the public-outcome totals of the history -------------------------------------------------


class Observed(FieldTuple):
    """A past breach's counted public outcomes in US dollars, by line; ``unknown`` holds the
    lines with a pending outcome (``fine.UK``, ``settlement`` …), which are never zeros."""

    __slots__ = ()

    case: Case
    facts: Facts
    fines: dict[str, float]
    lines: dict[str, float]
    unknown: frozenset[str] = frozenset()

    @property
    def total(self) -> float:
        return sum(self.fines.values()) + sum(self.lines.values())

    @property
    def total_known(self) -> bool:
        """Whether the total is known (no line is pending)."""
        return not self.unknown


def line_of(kind: str, jurisdiction: str) -> str:
    """The line key of an outcome: ``fine.UK``, ``settlement`` …"""
    line = KIND_LINE[kind]
    return f"fine.{fine_unit(jurisdiction)}" if line == "fine" else line


def observed(case: Case) -> Observed | None:
    """The case's counted outcomes by line, in USD; None without people, or without either a
    counted or pending outcome or a statement that nothing was paid."""
    if case.people is None:
        return None
    fines: dict[str, float] = {}
    lines: dict[str, float] = {}
    unknown: set[str] = set()
    for outcome in case.outcomes:
        if outcome.kind not in KIND_LINE:
            continue
        if outcome.status == "pending" and not outcome.superseded:
            unknown.add(line_of(outcome.kind, outcome.jurisdiction))
            continue
        if not outcome.counted or outcome.amount is None:
            continue
        usd = in_usd(outcome.amount, outcome.currency, outcome.year)
        if usd is None:  # no rate at all: the line is unknown, never a zero
            unknown.add(line_of(outcome.kind, outcome.jurisdiction))
            continue
        if usd <= 0:
            continue
        line = KIND_LINE[outcome.kind]
        if line == "fine":
            unit = fine_unit(outcome.jurisdiction)
            fines[unit] = fines.get(unit, 0.0) + float(usd)
        else:
            lines[line] = lines.get(line, 0.0) + float(usd)
    if not fines and not lines and not unknown and case.no_public_outcome is None:
        return None
    unknown -= {f"fine.{u}" for u in fines} | set(lines)  # a decided part stands; more may come
    return Observed(case, case_facts(case), fines, lines, frozenset(unknown))


def training_set(cases: Iterable[Case] | None = None) -> list[Observed]:
    """Every past breach the model can learn from (of the shipped history without ``cases``)."""
    if cases is None:
        return list(_shipped_training())
    found = (observed(c) for c in cases)
    return [o for o in found if o is not None]


@cache
def _shipped_training() -> tuple[Observed, ...]:
    return tuple(o for o in map(observed, history()) if o is not None)
