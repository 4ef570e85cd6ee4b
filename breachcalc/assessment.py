"""The assessment: everything ``breachcalc assess`` reports about one breach.

:func:`assess` is the single entry point the command line and library users call; it does no
I/O and returns plain frozen dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass

from breachcalc.exposure import Exposure, compensation_exposure
from breachcalc.model import Breach
from breachcalc.severity import Severity, severity_tier

SCHEMA_VERSION = "1.0"
"""Version of the JSON output document; the major part changes only when a key changes meaning
or disappears."""


@dataclass(frozen=True)
class Assessment:
    """One breach, assessed.

    Attributes:
        breach: the validated input.
        exposure: compensation figures.
        severity: the severity tier and its factors.
    """

    breach: Breach
    exposure: Exposure
    severity: Severity


def assess(breach: Breach) -> Assessment:
    """Compute every figure for ``breach``."""
    return Assessment(
        breach=breach,
        exposure=compensation_exposure(breach),
        severity=severity_tier(list(breach.data_categories), breach.affected),
    )
