"""What breaches like this one actually cost: the shipped breach history and a model fitted on it.

One room per job: :mod:`.features` (the facts the model conditions on, and each past breach's
public outcomes by line), :mod:`.fit` (the fit), :mod:`.estimate` (``estimate``: a breach file's history
lines and their figures), :mod:`.comparables` (the past breaches most like a file) and
:mod:`.listing` (``breachcalc history``).
"""

from __future__ import annotations

from breachcalc.analysis.history.comparables import comparables, similarity
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
from breachcalc.analysis.history.listing import Filters, HistoryListing, Listed, listing

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
    "comparables",
    "fine_unit",
    "fine_units",
    "listing",
    "priors_for",
    "shipped_model",
    "similarity",
    "simulation_priors",
    "training_set",
    "with_history",
]
