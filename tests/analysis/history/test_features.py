"""The history's features (analysis/history/features.py): fine units and the training set."""

from __future__ import annotations

from decimal import Decimal

import pytest

from breachcalc.analysis.history import fine_unit, training_set
from breachcalc.reference.history import in_usd


def test_fine_units_group_us_codes_and_eu_states():
    assert [fine_unit(c) for c in ("US-CA", "US-HIPAA", "US", "IE", "PL", "UK", "KR")] == [
        "US",
        "US",
        "US",
        "EU",
        "EU",
        "UK",
        "KR",
    ]


def test_the_training_set_counts_only_standing_confirmed_outcomes():
    by_id = {o.case.id: o for o in training_set()}
    # Cabinet Office 2019: GBP 500,000 superseded by a GBP 50,000 agreement; only the latter counts
    cabinet = by_id["cabinet-office-2019"]
    assert cabinet.total == pytest.approx(float(in_usd(Decimal(50_000), "GBP", 2022) or 0), rel=0.2)
    assert "sk-communications-2011" not in by_id  # its only award was reversed on appeal


def test_pending_is_unknown_never_zero_and_no_public_outcome_is_zero():
    unknown = [o for o in training_set() if o.unknown]
    zeros = [o for o in training_set() if o.total_known and o.total == 0]
    assert unknown and zeros
    for obs in zeros:
        assert obs.case.no_public_outcome is not None, obs.case.id
