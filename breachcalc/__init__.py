"""breachcalc: the impact of a personal-data breach, from a small YAML file.

The package is a library first; the command line (:mod:`breachcalc.cli`) is a thin adapter over
the same functions. The front door for code (defined in :mod:`breachcalc.api`)::

    import breachcalc
    breach = breachcalc.load_breach("examples/coupang.yaml")
    result = breachcalc.assess(breach)
    print(result.exposure.total)       # 1853500000000 KRW

The names below are loaded on first use, so ``import breachcalc`` costs almost nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from breachcalc.api import (
        Assessment,
        Breach,
        BreachcalcError,
        InputError,
        Scenario,
        Simulation,
        Step,
        assess,
        explain,
        law,
        load_breach,
        load_scenarios,
        simulate,
    )

__all__ = [
    "Assessment",
    "Breach",
    "BreachcalcError",
    "InputError",
    "Scenario",
    "Simulation",
    "Step",
    "__version__",
    "assess",
    "explain",
    "law",
    "load_breach",
    "load_scenarios",
    "simulate",
]


def __getattr__(name: str) -> Any:
    """Load the front door (:mod:`breachcalc.api`) on first use of one of its names."""
    if name in __all__:
        from breachcalc import api

        return getattr(api, name)
    raise AttributeError(f"module 'breachcalc' has no attribute {name!r}")
