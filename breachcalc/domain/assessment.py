"""The assessment: everything ``breachcalc assess`` reports about one breach.

:func:`assess` is the single entry point the command line and library users call; it does no
I/O and returns plain frozen dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from breachcalc.domain.breach import Breach
from breachcalc.domain.exposure import (
    Exposure,
    TotalExposure,
    compensation_exposure,
    total_exposure,
)
from breachcalc.domain.money import Money
from breachcalc.domain.notices import JurisdictionNotices, obligations
from breachcalc.domain.priors import HistoryEstimate

if TYPE_CHECKING:
    from breachcalc.domain.insurance import NetLoss
from breachcalc.domain.severity import Severity, assess_severity

SCHEMA_VERSION = "2.0"
"""Version of the JSON output document; the major part changes only when a key changes meaning
or disappears."""


@dataclass(frozen=True)
class Assessment:
    """One breach, assessed.

    Attributes:
        breach: the validated input.
        exposure: compensation figures.
        severity: the ENISA score, the overall tier and every factor.
        notifications: per jurisdiction of the file, the notices the breach triggers.
        costs: every cost line (compensation, other costs, fines) and the total exposure.
        intervals: for a file with ranges, the P5 and P95 of each uncertain line and of the
            total (key ``total``), from :data:`INTERVAL_TRIALS` simulated trials with seed
            :data:`INTERVAL_SEED`; empty when every input is exact.
        history: expected public outcomes from the breach history for the lines the file does
            not state (:func:`breachcalc.analysis.history.with_history` adds it), or None.
        net: the file's cyber policy applied to the likely values (gross, recovered and
            retained per line, in the breach currency), or None without ``insurance``.
    """

    breach: Breach
    exposure: Exposure
    severity: Severity
    costs: TotalExposure
    notifications: tuple[JurisdictionNotices, ...] = ()
    intervals: dict[str, tuple[Money, Money]] = field(default_factory=dict)
    history: HistoryEstimate | None = None
    net: NetLoss | None = None


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
    found: dict[str, tuple[Money, Money]] = {}
    if costs.uncertain and intervals:
        from breachcalc.domain.simulation import interval

        found = interval(breach, INTERVAL_TRIALS, INTERVAL_SEED)
    severity = assess_severity(breach)
    net = None
    if breach.insurance is not None:
        from breachcalc.domain.insurance import net_of_policy

        net = net_of_policy(breach, breach.insurance)
    return Assessment(
        breach=breach,
        exposure=compensation_exposure(breach),
        severity=severity,
        costs=costs,
        notifications=obligations(breach, severity) if notices else (),
        intervals=found,
        net=net,
    )
