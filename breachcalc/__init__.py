"""breachcalc: the impact of a personal-data breach, from a small YAML file.

The package is a library first; the command line (:mod:`breachcalc.cli`) is a thin adapter over
the same functions. The front door for code (defined in :mod:`breachcalc.api`)::

    import breachcalc
    breach = breachcalc.load_breach("examples/coupang.yaml")
    result = breachcalc.assess(breach)
    print(result.exposure.total)       # 1853500000000 KRW

Every command of the command line is one of these calls (``assess_files``, ``compare``,
``sweep``, ``report``, ...) and one ``render`` write.

The names below are loaded on first use, so ``import breachcalc`` costs almost nothing.
"""

__version__ = "0.1.0"

TYPE_CHECKING = False
"""``typing.TYPE_CHECKING`` without importing :mod:`typing` (10 ms, and the command line's
start-up window in which Ctrl-C would print a traceback). For the same reason this module
imports nothing at all, not even ``__future__``: Python imports the package before any of its
code can catch a Ctrl-C, so the package's own import must be as short as it can be."""

if TYPE_CHECKING:
    from typing import Any

    from breachcalc.api import (
        Assessment,
        Assessments,
        Breach,
        BreachcalcError,
        BreachFile,
        Briefing,
        Explanation,
        InputError,
        Scenario,
        Sensitivity,
        Simulation,
        Step,
        Sweep,
        assess,
        assess_files,
        backtest,
        categories,
        compare,
        document,
        explain,
        history,
        insured,
        law,
        load_breach,
        load_policy,
        load_scenarios,
        new_breach,
        portfolio,
        report,
        schema,
        sensitivity,
        severity,
        simulate,
        sweep,
        to_json,
    )

__all__ = [
    "Assessment",
    "Assessments",
    "Breach",
    "BreachFile",
    "BreachcalcError",
    "Briefing",
    "Explanation",
    "InputError",
    "Scenario",
    "Sensitivity",
    "Simulation",
    "Step",
    "Sweep",
    "__version__",
    "assess",
    "assess_files",
    "backtest",
    "categories",
    "compare",
    "document",
    "explain",
    "history",
    "insured",
    "law",
    "load_breach",
    "load_policy",
    "load_scenarios",
    "new_breach",
    "portfolio",
    "report",
    "schema",
    "sensitivity",
    "severity",
    "simulate",
    "sweep",
    "to_json",
]


def __getattr__(name: str) -> "Any":
    """Load the front door (:mod:`breachcalc.api`) on first use of one of its names."""
    if name in __all__:
        from breachcalc import api

        return getattr(api, name)
    raise AttributeError(f"module 'breachcalc' has no attribute {name!r}")
