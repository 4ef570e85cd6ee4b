"""The assessment: everything ``breachcalc assess`` reports about one breach.

:func:`assess` is the single entry point the command line and library users call; it does no
I/O and returns plain frozen dataclasses.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from breachcalc.contract import computed, hidden, out, result
from breachcalc.domain.distribution import Interval
from breachcalc.domain.exposure import (
    Exposure,
    TotalExposure,
    compensation_exposure,
    total_exposure,
)
from breachcalc.domain.money import Money
from breachcalc.domain.notices import JurisdictionNotices, obligations
from breachcalc.domain.priors import HistoryEstimate
from breachcalc.domain.regime import RuleDay, rule_day
from breachcalc.input.breach import Breach

if TYPE_CHECKING:
    from breachcalc.domain.insurance import NetLoss
from breachcalc.domain.severity import Severity, assess_severity

SCHEMA_VERSION = "2.0"
"""Version of the JSON output document; the major part changes only when a key changes meaning
or disappears."""


@result
class JurisdictionCount:
    """A jurisdiction of the file, with its own count of people where the file gives one."""

    code: str = out("Jurisdiction code.")
    affected: int | None = out("The people in it, or null where the file gives no split.")


@result
class CategoryCount:
    """A category exposed for part of the people, with its own count."""

    category: str = out("Catalogue key of the category.")
    affected: int = out("The people whose data of this category was exposed.")


@result
class BreachSummary:
    """The breach as read from the file."""

    name: str = out("The breach's name.")
    affected: int = out("How many were affected.")
    affected_unit: str = out("What `affected` counts (people, accounts).")
    data_categories: tuple[str, ...] = out("Catalogue keys of the exposed categories.")
    category_counts: tuple[CategoryCount, ...] = out(
        "Categories exposed for part of the people only."
    )
    occurred: date | datetime | None = out("When it happened, or null.")
    discovered: date | datetime | None = out("When it was discovered, or null.")
    disclosed: date | datetime | None = out("When it was made public, or null.")
    jurisdictions: tuple[JurisdictionCount, ...] = out("The file's jurisdictions.")


def summary(breach: Breach) -> BreachSummary:
    """What the document says of the input itself."""
    return BreachSummary(
        name=breach.name,
        affected=breach.affected,
        affected_unit=breach.affected_unit,
        data_categories=tuple(breach.category_keys),
        category_counts=tuple(CategoryCount(k, n) for k, n in breach.category_counts.items()),
        occurred=breach.occurred,
        discovered=breach.discovered,
        disclosed=breach.disclosed,
        jurisdictions=tuple(JurisdictionCount(c, n) for c, n in breach.jurisdictions.items()),
    )


@result
class Assessment:
    """One breach, assessed: the document ``breachcalc assess --format json`` writes.

    Each attribute has its key's name (``result.compensation.total`` is ``.compensation.total``
    in the JSON); ``input`` is the validated breach itself, which the document shows as
    ``breach``.

    For a file with ranges the cost lines and the total carry their P5-P95 interval, from
    :data:`INTERVAL_TRIALS` simulated trials with seed :data:`INTERVAL_SEED`. ``history`` is
    added by :func:`breachcalc.analysis.history.with_history`.
    """

    input: Breach = hidden()
    compensation: Exposure = out("The compensation figures.")
    exposure: TotalExposure = out(
        "Every cost line (compensation, other costs, fines) and the total exposure."
    )
    severity: Severity = out("The ENISA score, the overall tier and every factor.")
    notifications: tuple[JurisdictionNotices, ...] = out(
        "Per jurisdiction of the file, the notices the breach triggers.", default=()
    )
    history: HistoryEstimate | None = out(
        "Expected public outcomes from the breach history for the lines the file does not"
        " state, or null.",
        default=None,
    )
    insurance: NetLoss | None = out(
        "The file's cyber policy applied to the likely values (gross, recovered and retained"
        " per line, in the breach currency), or null without `insurance`.",
        default=None,
    )

    @property
    def intervals(self) -> dict[str, tuple[Money, Money]]:
        """P5 and P95 of each uncertain line by key, and of the total (key ``total``), as the
        cost lines carry them; empty when every input is exact."""
        found = {
            line.key: (line.interval.p5, line.interval.p95)
            for line in self.exposure.lines
            if line.interval is not None
        }
        if self.exposure.interval is not None:
            found["total"] = (self.exposure.interval.p5, self.exposure.interval.p95)
        return found

    @property
    @computed("The breach as read from the file.", after="input")
    def breach(self) -> BreachSummary:
        """The input, as the document states it."""
        return summary(self.input)

    @property
    @computed("The day whose law applies.", after="input")
    def law_of_the_day(self) -> RuleDay:
        """Which day picked the rules, and from which field."""
        return rule_day(self.input)


def with_intervals(costs: TotalExposure, found: dict[str, tuple[Money, Money]]) -> TotalExposure:
    """``costs`` with each uncertain line's P5-P95 and the total's (key ``total``) attached."""

    def pair(key: str) -> Interval | None:
        return Interval(*found[key]) if key in found else None

    lines = tuple(replace(line, interval=pair(line.key)) for line in costs.lines)
    return replace(costs, lines=lines, interval=pair("total"))


INTERVAL_TRIALS = 20_000
"""Trials behind the P5-P95 interval that ``assess`` shows for a file with ranges."""

INTERVAL_SEED = 0
"""Seed for that interval, so ``assess`` prints the same figures every time."""


def assess(breach: Breach, *, intervals: bool = True, notices: bool = True) -> Assessment:
    """Compute every figure for ``breach``.

    Likely values come first and exactly; where the file has ranges, the P5-P95 interval is
    added from a short simulation (numpy is imported only then) unless ``intervals`` is False
    (``sweep`` and ``sensitivity`` compare likely values only), and the notification
    obligations are left empty unless ``notices`` (``sweep`` reports none).
    """
    costs = total_exposure(breach)
    if costs.uncertain and intervals:
        from breachcalc.domain.simulation import interval

        costs = with_intervals(costs, interval(breach, INTERVAL_TRIALS, INTERVAL_SEED))
    severity = assess_severity(breach)
    net = None
    if breach.insurance is not None:
        from breachcalc.domain.insurance import net_of_policy

        net = net_of_policy(breach, breach.insurance)
    return Assessment(
        input=breach,
        compensation=compensation_exposure(breach),
        severity=severity,
        exposure=costs,
        notifications=obligations(breach, severity) if notices else (),
        insurance=net,
    )
