"""What breaches like this one actually cost: the shipped breach history and a model fitted on it.

One room per job: :mod:`.features` (the facts the model conditions on, and each past breach's
public outcomes by line), :mod:`.fit` (the fit, ``pooled-hurdle/2``), :mod:`.estimate`
(``estimate``: a breach file's history lines and their figures), :mod:`.comparables` (the past
breaches most like a file), :mod:`.listing` (``breachcalc history``) and :mod:`.baseline` (the
previous model, frozen, for the back-test). Nothing is imported until it is asked for: an
estimate loads only what it reads. (``comparables`` and ``listing`` are both rooms and
functions: import the functions from their rooms.)
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from breachcalc.analysis.history.comparables import similarity
    from breachcalc.analysis.history.estimate import priors_for, simulation_priors, with_history
    from breachcalc.analysis.history.features import (
        Facts,
        Observed,
        breach_facts,
        case_day,
        case_facts,
        fine_unit,
        fine_units,
        training_set,
    )
    from breachcalc.analysis.history.fit import MODEL, Model, shipped_model
    from breachcalc.analysis.history.listing import Filters, HistoryListing, Listed

_WHERE = {
    "similarity": "comparables",
    "priors_for": "estimate",
    "simulation_priors": "estimate",
    "with_history": "estimate",
    "Facts": "features",
    "Observed": "features",
    "breach_facts": "features",
    "case_day": "features",
    "case_facts": "features",
    "fine_unit": "features",
    "fine_units": "features",
    "training_set": "features",
    "MODEL": "fit",
    "Model": "fit",
    "shipped_model": "fit",
    "Filters": "listing",
    "HistoryListing": "listing",
    "Listed": "listing",
}

__all__ = [
    "MODEL",
    "Facts",
    "Filters",
    "HistoryListing",
    "Listed",
    "Model",
    "Observed",
    "breach_facts",
    "case_day",
    "case_facts",
    "fine_unit",
    "fine_units",
    "priors_for",
    "shipped_model",
    "similarity",
    "simulation_priors",
    "training_set",
    "with_history",
]


def __getattr__(name: str) -> Any:
    """The public names of the rooms, imported on first use (PEP 562)."""
    room = _WHERE.get(name)
    if room is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{room}"), name)
